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
            c = char.IsSurrogate(c) ? c : char.ToLowerInvariant(c);
            span[i] = c is >= '\u4E00' and <= '\u9FFF' && Simplified.TryGetValue(c, out var simplified) ? simplified : c;
        }
    });

    /// <summary>
    /// Traditional characters that the lexicon's words are made of, mapped one for one to their simplified forms, so a
    /// review from Taiwan or Hong Kong ("很滿意，質量不錯") is read with the same words. A few hundred characters cover
    /// the lexicon; a full conversion table (OpenCC's) is phrase-based and would change lengths, and positions must stay
    /// the buyer's.
    /// </summary>
    private static readonly System.Collections.Frozen.FrozenDictionary<char, char> Simplified = Pairs(
        "歡欢滿满質质實实價价貼贴買买賣卖東东發发貨货問问題题壞坏舊旧產产務务態态應应幾几將将從从這这個个們们來来說说會会" +
        "還还沒没與与對对電电話话機机傳传線线體体點点錯错誤误費费貴贵優优經经據据樣样麼么為为於于號号愛爱學学書书讀读長长" +
        "開开關关門门間间顏颜響响聲声鐘钟錢钱給给處处後后裡里裏里讓让覺觉當当種种無无難难壓压爛烂髒脏議议評评級级紅红綠绿" +
        "藍蓝黃黄顆颗軟软適适碼码襪袜褲裤衛卫網网絡络動动靜静輕轻緊紧鬆松寬宽鬧闹氣气鮮鲜嘗尝飲饮飯饭湯汤麵面餅饼蘋苹葉叶" +
        "護护膚肤髮发頭头臉脸潤润乾干癢痒過过腫肿換换運运遞递郵邮裝装達达準准時时遲迟員员專专業业熱热細细緻致謝谢讚赞極极" +
        "贊赞誠诚薦荐偽伪騙骗");

    private static System.Collections.Frozen.FrozenDictionary<char, char> Pairs(string pairs)
    {
        var map = new Dictionary<char, char>();
        for (var i = 0; i + 1 < pairs.Length; i += 2)
        {
            map[pairs[i]] = pairs[i + 1];
        }

        return System.Collections.Frozen.FrozenDictionary.ToFrozenDictionary(map);
    }
}
