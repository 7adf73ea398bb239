namespace Automation.Core.Reviews;

/// <summary>
/// A review's text, normalized for matching one UTF-16 unit for one (lower case, full-width ASCII to ASCII, curly
/// apostrophes to straight), so a position in the normalized text is the same position in the original: evidence is
/// always quoted as the buyer wrote it. Also knows where clauses and sentences start and end.
/// </summary>
internal sealed class ReviewText
{
    private const string SentenceBreaks = ".!?。！？\n\r";
    private const string ClauseBreaks = ".!?。！？\n\r,;:，；：、…~～()（）\"";

    private readonly string original;

    public ReviewText(string original)
    {
        this.original = original;
        Normalized = Normalize(original);
    }

    public string Normalized { get; }

    public string Original(int start, int end) => original[start..end];

    public int ClauseStart(int position) => StartOf(position, ClauseBreaks);

    public int ClauseEnd(int position) => EndOf(position, ClauseBreaks);

    public int SentenceStart(int position) => StartOf(position, SentenceBreaks);

    /// <summary>The range without spaces and clause punctuation at either end.</summary>
    public (int Start, int End) Trim(int start, int end)
    {
        while (start < end && (Normalized[start] == ' ' || ClauseBreaks.Contains(Normalized[start], StringComparison.Ordinal)))
        {
            start++;
        }

        while (end > start && (Normalized[end - 1] == ' ' || ClauseBreaks.Contains(Normalized[end - 1], StringComparison.Ordinal)))
        {
            end--;
        }

        return (start, end);
    }

    /// <summary>How many letters, digits and ideographs the range holds.</summary>
    public int ContentLength(int start, int end)
    {
        var count = 0;
        for (var i = start; i < end; i++)
        {
            if (char.IsLetterOrDigit(Normalized[i]))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>Whether only spaces stand between the position and the end of its clause.</summary>
    public bool ClosesClause(int position)
    {
        var index = position;
        while (index < Normalized.Length && Normalized[index] == ' ')
        {
            index++;
        }

        return index == Normalized.Length || ClauseBreaks.Contains(Normalized[index], StringComparison.Ordinal);
    }

    /// <summary>The end of an emoji with its variation selectors (U+FE0E, U+FE0F) and skin tones (U+1F3FB–U+1F3FF).</summary>
    public int EndOfEmojiModifiers(int end)
    {
        var text = Normalized;
        while (end < text.Length)
        {
            if (text[end] is '\uFE0E' or '\uFE0F')
            {
                end++;
            }
            else if (end + 1 < text.Length && text[end] == '\uD83C' && text[end + 1] is >= '\uDFFB' and <= '\uDFFF')
            {
                end += 2;
            }
            else
            {
                break;
            }
        }

        return end;
    }

    private int StartOf(int position, string breaks)
    {
        var index = position;
        while (index > 0 && !breaks.Contains(Normalized[index - 1], StringComparison.Ordinal))
        {
            index--;
        }

        return index;
    }

    private int EndOf(int position, string breaks)
    {
        var index = position;
        while (index < Normalized.Length && !breaks.Contains(Normalized[index], StringComparison.Ordinal))
        {
            index++;
        }

        return index;
    }

    private static string Normalize(string text) => string.Create(text.Length, text, static (span, source) =>
    {
        for (var i = 0; i < source.Length; i++)
        {
            var c = source[i];
            c = c switch
            {
                >= '\uFF01' and <= '\uFF5E' => (char)(c - 0xFEE0),
                '\u3000' => ' ',
                '\u2018' or '\u2019' or '\u02BC' => '\'',
                '\u201C' or '\u201D' => '"',
                _ => c,
            };
            span[i] = char.IsSurrogate(c) ? c : char.ToLowerInvariant(c);
        }
    });
}
