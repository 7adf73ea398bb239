using System.Collections.Frozen;

namespace Automation.Core.Reviews;

/// <summary>How a shop has taught the classifier to read a phrase in its own reviews.</summary>
public enum TaughtReading
{
    /// <summary>The phrase praises ("不掉色" for a shop that sells colour-fast dye).</summary>
    Praise,

    /// <summary>The phrase complains, though no built-in word says so ("一洗就缩" for a knitwear shop).</summary>
    Complaint,

    /// <summary>The phrase is neither (a product name holding "差" or "slow"): read, and not counted.</summary>
    Neutral,
}

/// <summary>One phrase a shop's agents taught, as it is matched (lower case, full-width folded, like the review text).</summary>
public sealed record TaughtPhrase(string Text, TaughtReading Reading);

/// <summary>
/// A shop's own phrases, consulted before the built-in lexicon: at a position where a taught phrase matches, it is read
/// as taught, and the longer of a taught phrase and a built-in entry wins (a taught phrase on a tie). Built from the
/// corrections its agents made (<see cref="ReviewCorrections"/>). Immutable and thread-safe.
/// </summary>
public sealed class TaughtPhrases
{
    /// <summary>At most this many phrases per shop: a list that long is a mistake, and each costs every reading a lookup.</summary>
    public const int MaxPhrases = 500;

    /// <summary>A phrase is 2 to this many characters: one character is too blunt to teach ("差" everywhere).</summary>
    public const int MaxPhraseLength = 40;

    public static TaughtPhrases None { get; } = new([]);

    public TaughtPhrases(IEnumerable<TaughtPhrase> phrases)
    {
        ArgumentNullException.ThrowIfNull(phrases);

        // The last word on a phrase wins: an agent who corrects an earlier correction is the one to follow.
        var latest = new Dictionary<string, TaughtPhrase>(StringComparer.Ordinal);
        foreach (var phrase in phrases)
        {
            var text = Normalize(phrase.Text);
            if (text.Length is >= 2 and <= MaxPhraseLength)
            {
                latest[text] = phrase with { Text = text };
            }
        }

        Phrases = [.. latest.Values];
        ByFirstChar = Phrases
            .GroupBy(p => p.Text[0])
            .ToFrozenDictionary(g => g.Key, g => g.OrderByDescending(p => p.Text.Length).ToArray());
    }

    public IReadOnlyList<TaughtPhrase> Phrases { get; }

    public bool IsEmpty => Phrases.Count == 0;

    internal FrozenDictionary<char, TaughtPhrase[]> ByFirstChar { get; }

    /// <summary>The phrase as the classifier matches it: trimmed, lower case, full-width folded.</summary>
    public static string Normalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new ReviewText(text.Trim()).Normalized;
    }
}
