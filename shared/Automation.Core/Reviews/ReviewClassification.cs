namespace Automation.Core.Reviews;

/// <summary>What a review says overall. Stored and shown as snake_case; add values rather than renaming.</summary>
public enum ReviewCategory
{
    Positive,

    /// <summary>A good rating (4–5) with complaint content: common on marketplaces.</summary>
    Mixed,

    Neutral,

    /// <summary>A rating of 1–2, or 3 with complaints.</summary>
    Negative,
}

/// <summary>The likely cause of a mixed or negative review.</summary>
public enum ReviewCause
{
    Logistics,
    ProductQuality,
    NotAsDescribed,
    SizeFit,
    ServiceAttitude,
    Price,
    Other,
}

/// <summary>One piece of evidence for a decision: the words (as written in the review) and what they counted as.</summary>
/// <param name="Text">The span of the review that triggered the rule, e.g. "不太好" or "wasn't great".</param>
/// <param name="Signal">What it counted as, as a short stable code, e.g. "complaint", "praise", "negated_praise", "cause:logistics".</param>
public sealed record ReviewEvidence(string Text, string Signal);

/// <summary>
/// The classifier's decision about one review: its category, the likely cause (only for mixed and negative reviews),
/// whether it mentions legal or regulatory action (never auto-replied), and the evidence shown to agents.
/// </summary>
public sealed record ReviewClassification(
    ReviewCategory Category,
    ReviewCause? Cause,
    bool MentionsLegalAction,
    IReadOnlyList<ReviewEvidence> Evidence);
