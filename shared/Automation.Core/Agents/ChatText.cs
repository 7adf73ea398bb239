using System.Text;
using Automation.Core.Messaging;
using Automation.Core.Reviews;

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
    /// For a group chat, which the whole team (and whoever else is in the group) reads: phone numbers, e-mail
    /// addresses, identity card numbers and street addresses in task text become "***" (reference §5.6: keep them
    /// out of group messages). The task itself, read through the API or the shop's webhook, keeps them.
    /// </summary>
    public static string ForGroup(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var spans = PublicReplyPrivacy.Find(text, PersonalFacts.None)
            .Where(f => f.Kind is PersonalDataKind.Phone or PersonalDataKind.Email or PersonalDataKind.IdNumber or PersonalDataKind.Address)
            .OrderBy(f => f.Start)
            .ToList();
        if (spans.Count == 0)
        {
            return text;
        }

        var builder = new StringBuilder(text.Length);
        var at = 0;
        foreach (var span in spans)
        {
            // Findings may overlap (an address that contains a phone number): mask each stretch once.
            if (span.Start + span.Length <= at)
            {
                continue;
            }

            builder.Append(text, at, Math.Max(0, span.Start - at));
            if (span.Start >= at)
            {
                builder.Append("***");
            }

            at = span.Start + span.Length;
        }

        return builder.Append(text, at, text.Length - at).ToString();
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
