namespace Automation.Core.Reviews;

/// <summary>One phrase of a shop's taught list, with who taught it, when, and from which review (for ops to judge it).</summary>
/// <param name="Text">As matched: normalized (<see cref="TaughtPhrases.Normalize"/>).</param>
/// <param name="By">The agent id, or "ops" for the shop key.</param>
public sealed record TaughtPhraseEntry(string Text, TaughtReading Reading, string By, DateTimeOffset At, string ReviewId);

/// <summary>What merging a correction's phrases into a shop's list gives.</summary>
/// <param name="Entries">The list afterwards (the list before when <see cref="Full"/>).</param>
/// <param name="Added">Phrases new to the list.</param>
/// <param name="Changed">Phrases already taught whose reading this correction changed.</param>
/// <param name="Full">The new phrases would take the list past <see cref="TaughtPhrases.MaxPhrases"/>: nothing was merged.</param>
public sealed record TaughtPhraseMerge(IReadOnlyList<TaughtPhraseEntry> Entries, int Added, int Changed, bool Full)
{
    public bool ChangesList => !Full && Added + Changed > 0;
}

/// <summary>
/// A shop's list of taught phrases: its agents' corrections merged, the last word on a phrase winning. Pure; the store
/// keeps the list and the webhook paths read it as <see cref="TaughtPhrases"/>.
/// </summary>
public static class TaughtPhraseList
{
    /// <summary>
    /// Merges what one correction teaches. A phrase already taught takes the new reading (and its teacher and time);
    /// one taught again with the same reading is left as it was, so repeating a correction changes nothing. Past
    /// <see cref="TaughtPhrases.MaxPhrases"/> nothing is merged (<see cref="TaughtPhraseMerge.Full"/>): dropping older
    /// phrases to make room would silently undo someone's teaching, so ops remove phrases they no longer want instead.
    /// </summary>
    public static TaughtPhraseMerge Merge(IReadOnlyList<TaughtPhraseEntry> current, IReadOnlyList<TaughtPhrase> taught, string by, DateTimeOffset at, string reviewId)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(taught);
        var entries = current.ToList();
        var index = entries.Select((e, i) => (e.Text, i)).ToDictionary(x => x.Text, x => x.i, StringComparer.Ordinal);
        var (added, changed) = (0, 0);
        foreach (var phrase in taught)
        {
            var text = TaughtPhrases.Normalize(phrase.Text);
            var entry = new TaughtPhraseEntry(text, phrase.Reading, by, at, reviewId);
            if (index.TryGetValue(text, out var position))
            {
                if (entries[position].Reading != phrase.Reading)
                {
                    entries[position] = entry;
                    changed++;
                }
            }
            else
            {
                index[text] = entries.Count;
                entries.Add(entry);
                added++;
            }
        }

        return entries.Count > TaughtPhrases.MaxPhrases
            ? new TaughtPhraseMerge(current, 0, 0, Full: true)
            : new TaughtPhraseMerge(entries, added, changed, Full: false);
    }

    /// <summary>The list without the phrase (matched as the classifier matches it), and whether it was there.</summary>
    public static (IReadOnlyList<TaughtPhraseEntry> Entries, bool Removed) Remove(IReadOnlyList<TaughtPhraseEntry> current, string text)
    {
        ArgumentNullException.ThrowIfNull(current);
        var normalized = TaughtPhrases.Normalize(text);
        var kept = current.Where(e => !string.Equals(e.Text, normalized, StringComparison.Ordinal)).ToList();
        return (kept, kept.Count != current.Count);
    }

    /// <summary>The list as the classifier consults it.</summary>
    public static TaughtPhrases ToTaught(IReadOnlyList<TaughtPhraseEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        return entries.Count == 0 ? TaughtPhrases.None : new TaughtPhrases(entries.Select(e => new TaughtPhrase(e.Text, e.Reading)));
    }
}
