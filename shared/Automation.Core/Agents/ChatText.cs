using System.Text;
using Automation.Core.Messaging;

namespace Automation.Core.Agents;

/// <summary>
/// Makes text from tasks and settings safe to put into a work-chat message (reference: agent-channels.md §5.6).
/// None of the robots' markdown flavours can be told "this is literal", so user text is changed instead: WeCom and
/// DingTalk get look-alike full-width characters for their markup, Slack its three entities.
/// </summary>
internal static class ChatText
{
    /// <summary>
    /// One line of plain text: line breaks and tabs become spaces (a line break would let user text start a quote or
    /// heading), control, bidi-override and zero-width characters go, spaces are collapsed, and the text is cut to
    /// <paramref name="maxLength"/> with "…" (never inside a surrogate pair).
    /// </summary>
    public static string SingleLine(string? text, int maxLength)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            var space = c is '\r' or '\n' or '\t' or '\u2028' or '\u2029' || char.IsWhiteSpace(c);
            if (!space || (builder.Length > 0 && builder[^1] != ' '))
            {
                builder.Append(space ? ' ' : c);
            }
        }

        var line = CustomerText.Clean(builder.ToString().Trim());
        if (line.Length <= maxLength)
        {
            return line;
        }

        var cut = maxLength - 1;
        if (cut > 0 && char.IsHighSurrogate(line[cut - 1]))
        {
            cut--;
        }

        return string.Concat(line.AsSpan(0, cut).TrimEnd(), "…");
    }

    /// <summary>
    /// For WeCom and DingTalk markdown: bold and code markers, tags (WeCom's <c>&lt;@userid&gt;</c> mention and
    /// <c>&lt;font&gt;</c>), entities, link brackets and escapes become their full-width look-alikes, which neither
    /// renders as markup. Neutralising "[" also defuses DingTalk's image syntax "![](…)". "_" and "~" stay: neither
    /// subset documents them as markup, and ids and tracking numbers keep them.
    /// </summary>
    public static string Markdown(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return string.Create(text.Length, text, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                span[i] = source[i] switch
                {
                    '*' => '＊',
                    '`' => '｀',
                    '<' => '＜',
                    '>' => '＞',
                    '&' => '＆',
                    '[' => '［',
                    ']' => '］',
                    '(' => '（',
                    ')' => '）',
                    '\\' => '＼',
                    var c => c,
                };
            }
        });
    }

    /// <summary>
    /// For Slack mrkdwn: exactly the three entities Slack asks for (&amp; &lt; &gt;), which defuse <c>&lt;!channel&gt;</c>,
    /// <c>&lt;@U…&gt;</c> and <c>&lt;url|label&gt;</c>. Slack has no escape for * _ ~ `, so free text goes into
    /// plain_text objects instead.
    /// </summary>
    public static string Slack(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Replace("&", "&amp;", StringComparison.Ordinal)
            .Replace("<", "&lt;", StringComparison.Ordinal)
            .Replace(">", "&gt;", StringComparison.Ordinal);
    }
}
