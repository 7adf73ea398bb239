using Automation.Core.Reviews;
using Automation.Core.Shops;

namespace Automation.Core.FollowUps;

public enum CustomerMood
{
    Happy,
    Neutral,
    Unhappy,
}

/// <summary>What a customer's message says to the shop, as far as the follow-up job cares, with the words that decided it.</summary>
public sealed record CustomerReply(bool OptsOut, CustomerMood Mood, ReviewCause? Cause, IReadOnlyList<ReviewEvidence> Evidence);

/// <summary>
/// Reads a customer's message: an opt-out keyword (the whole message, as SMS and chat platforms use them), else its
/// mood. The mood uses the review classifier as if the text came with a good rating: any complaint that counts makes
/// it unhappy (a reply to "is everything all right?" that names a problem is a problem, however politely put), praise
/// alone makes it happy, and anything else is neutral.
/// </summary>
public static class CustomerReplies
{
    /// <summary>Built-in opt-out keywords; shops add their own (<c>optOutKeywords</c>).</summary>
    public static IReadOnlyList<string> DefaultOptOutKeywords { get; } = ["退订", "TD", "T", "STOP", "unsubscribe"];

    /// <param name="taught">The shop's taught phrases (none when null): a message is read as the shop's reviews are.</param>
    public static CustomerReply Read(string text, IReadOnlyList<string> shopOptOutKeywords, TaughtPhrases? taught = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(shopOptOutKeywords);
        if (IsOptOut(text, shopOptOutKeywords))
        {
            return new CustomerReply(OptsOut: true, CustomerMood.Neutral, Cause: null, [new ReviewEvidence(text.Trim(), "opt_out")]);
        }

        var classification = ReviewClassifier.Classify(4, text, taught ?? TaughtPhrases.None);
        var mood = classification.Category switch
        {
            ReviewCategory.Mixed or ReviewCategory.Negative => CustomerMood.Unhappy,
            ReviewCategory.Positive when classification.Evidence.Any(e => e.Signal is ReviewSignals.Praise or ReviewSignals.EmojiPraise or ReviewSignals.NegatedComplaint) => CustomerMood.Happy,
            _ => CustomerMood.Neutral,
        };
        return new CustomerReply(OptsOut: false, mood, classification.Cause, classification.Evidence);
    }

    /// <summary>The whole message, trimmed of spaces and end punctuation, is a keyword (case-insensitive).</summary>
    public static bool IsOptOut(string text, IReadOnlyList<string> shopOptOutKeywords)
    {
        ArgumentNullException.ThrowIfNull(text);
        var core = text.Trim().TrimEnd('.', '!', '。', '！', ' ').Trim();
        return DefaultOptOutKeywords.Concat(shopOptOutKeywords ?? []).Any(k => string.Equals(k, core, StringComparison.OrdinalIgnoreCase));
    }
}
