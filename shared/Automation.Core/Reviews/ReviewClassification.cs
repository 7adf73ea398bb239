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
    IReadOnlyList<ReviewEvidence> Evidence)
{
    /// <summary>
    /// How sure the reading is, 0 to 1: the share of the text's words that the reading rests on, times how one-sided
    /// they are. 1 for a text that is all praise (or all complaint); low for a long text of which little was read, or
    /// for praise and complaint in balance. Stored with the review; absent (0) on reviews read before it existed.
    /// </summary>
    public double Confidence { get; init; }

    /// <summary>
    /// Why a positive reading is not clear praise, as stable codes (<see cref="ReviewDoubts"/>); empty when it is, and
    /// for other categories. A public reply goes out at once only when this is empty (under the default gate).
    /// </summary>
    public IReadOnlyList<string> Doubts { get; init; } = [];
}
