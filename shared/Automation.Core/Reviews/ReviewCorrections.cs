namespace Automation.Core.Reviews;

/// <summary>
/// An agent's decision about how a review reads, stored with the review: the category they settled on (the same as the
/// classifier's when they approve its reading) and the phrases it taught the shop's classifier.
/// </summary>
/// <param name="By">The agent id, or "ops" for the shop key.</param>
public sealed record ReviewCorrection(ReviewCategory Category, ReviewCategory ReadAs, IReadOnlyList<TaughtPhrase> Phrases, string By, DateTimeOffset At)
{
    /// <summary>The agent read it otherwise than the classifier did.</summary>
    public bool Reclassified => Category != ReadAs;
}

/// <summary>What a correction teaches.</summary>
public static class ReviewCorrections
{
    private static readonly HashSet<string> ComplaintSignals = new(StringComparer.Ordinal)
    {
        ReviewSignals.Complaint, ReviewSignals.NegatedPraise, ReviewSignals.EmojiComplaint, ReviewSignals.Lukewarm,
    };

    /// <summary>
    /// The phrases a correction teaches: the ones the agent named, when they named any; otherwise, for a review they read
    /// as positive, the words that read it as anything else become neutral for the shop ("掉色" in "不怕掉色的那种面料" for a
    /// shop that sells dye), and the negated complaints that stood for praise become praise ("不掉色"). A review read as
    /// a complaint teaches nothing unless the agent names the words: what the classifier missed is not in its evidence.
    /// </summary>
    public static IReadOnlyList<TaughtPhrase> PhrasesFrom(ReviewClassification reading, ReviewCategory corrected, IReadOnlyList<TaughtPhrase>? named)
    {
        ArgumentNullException.ThrowIfNull(reading);
        if (named is { Count: > 0 })
        {
            return [.. named.Select(p => p with { Text = TaughtPhrases.Normalize(p.Text) }).Where(IsTeachable).DistinctBy(p => p.Text)];
        }

        if (corrected != ReviewCategory.Positive)
        {
            return [];
        }

        return
        [
            .. reading.Evidence
                .Select(e => e.Signal switch
                {
                    _ when ComplaintSignals.Contains(e.Signal) => new TaughtPhrase(TaughtPhrases.Normalize(e.Text), TaughtReading.Neutral),
                    ReviewSignals.NegatedComplaint => new TaughtPhrase(TaughtPhrases.Normalize(e.Text), TaughtReading.Praise),
                    _ => null,
                })
                .OfType<TaughtPhrase>()
                .Where(IsTeachable)
                .DistinctBy(p => p.Text),
        ];
    }

    /// <summary>A phrase worth teaching: 2 to <see cref="TaughtPhrases.MaxPhraseLength"/> characters, not all punctuation.</summary>
    public static bool IsTeachable(TaughtPhrase phrase)
    {
        ArgumentNullException.ThrowIfNull(phrase);
        return phrase.Text.Length is >= 2 and <= TaughtPhrases.MaxPhraseLength && phrase.Text.Count(char.IsLetterOrDigit) >= 2;
    }
}
