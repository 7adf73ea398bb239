using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Automation.Core.Agents;

/// <summary>
/// A DingTalk (钉钉) custom robot message: <c>{"msgtype":"markdown","markdown":{"title":"…","text":"…"}}</c> (the title
/// is required: 400402 without it; it shows in the chat list and notification). A robot with a signing secret gets
/// <c>&amp;timestamp={ms}&amp;sign={urlencoded base64 HMAC-SHA256}</c> on its URL. Bodies above 20,000 bytes are
/// refused (460101), so the list stops at a task boundary with "… and N more".
/// </summary>
internal static class DingTalkRobotMessage
{
    public const int MaxBodyBytes = 20_000;

    // DingTalk's markdown needs two spaces before a line break to break the line (reference §2, markdown subset).
    private const string Break = "  \n";

    public static AgentChannelRequest Create(Uri url, string? secret, AgentDigest digest, DateTimeOffset now)
    {
        var text = DigestText.For(digest.Locale);
        var title = ChatText.SingleLine($"{digest.ShopName} · {digest.Headline}", 100);
        var header = $"#### {ChatText.Markdown(digest.ShopName)} · {ChatText.Markdown(digest.Headline)}{Break}{ChatText.Markdown(text.Recipient(digest.AgentName))}\n\n";
        var tasks = digest.Tasks.Select(task => Task(task, digest, text)).ToList();

        // The limit is on the whole body: measure what the text adds to a body without it, escapes included.
        var framing = Body(title, "").Length;
        var (markdown, leftOut) = DigestLayout.Fit(header, tasks, n => Footer(n, digest, text), ChannelJson.EncodedLength, MaxBodyBytes - framing);
        var target = secret is null ? url : Signed(url, secret, now);
        return new AgentChannelRequest(target, ChannelJson.NoHeaders, Body(title, markdown), AgentChannelMessages.JsonContentType) { TasksLeftOut = leftOut };
    }

    /// <summary>
    /// DingTalk's signature, exactly as documented: Base64 of HMAC-SHA256 keyed with the secret (UTF-8) over
    /// "{timestamp}\n{secret}", URL-encoded once (an extra or missing encode is 310000 "sign not match").
    /// </summary>
    public static string Sign(string secret, long timestampMilliseconds)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        var data = Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{timestampMilliseconds}\n{secret}"));
        return Uri.EscapeDataString(Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), data)));
    }

    /// <summary>The robot's URL with <c>timestamp</c> (Unix milliseconds; DingTalk allows one hour of skew) and <c>sign</c> appended.</summary>
    public static Uri Signed(Uri url, string secret, DateTimeOffset now)
    {
        var timestamp = now.ToUnixTimeMilliseconds();
        var separator = string.IsNullOrEmpty(url.Query) ? "?" : "&";
        return new Uri(string.Create(CultureInfo.InvariantCulture, $"{url.AbsoluteUri}{separator}timestamp={timestamp}&sign={Sign(secret, timestamp)}"));
    }

    private static byte[] Body(string title, string markdown) => ChannelJson.Write(json =>
    {
        json.WriteStartObject();
        json.WriteString("msgtype", "markdown");
        json.WriteStartObject("markdown");
        json.WriteString("title", title);
        json.WriteString("text", markdown);
        json.WriteEndObject();
        json.WriteEndObject();
    });

    private static string Task(AgentDigestTask task, AgentDigest digest, DigestText text)
    {
        var builder = new StringBuilder();
        builder.Append(CultureInfo.InvariantCulture, $"**{task.Rank}. P{task.Priority} · {ChatText.Markdown(text.Kind(task.Kind))}**{Break}");
        builder.AppendJoin(" · ", DigestLines.References(task, text).Append(text.Due(task.DueAt, digest.GeneratedAt)).Select(ChatText.Markdown));
        builder.Append(Break);
        if (task.Reason.Length > 0)
        {
            builder.Append(text.Why).Append(": ").Append(ChatText.Markdown(ChatText.ForGroup(task.Reason)))
                .Append(" (").Append(text.Score).Append(' ').Append(DigestText.Number(task.Score)).Append(')').Append(Break);
        }

        foreach (var evidence in task.Evidence)
        {
            builder.Append(ChatText.Markdown(evidence.Label)).Append(": ").Append(ChatText.Markdown(ChatText.ForGroup(evidence.Value))).Append(Break);
        }

        builder.Append('[').Append(text.OpenTask).Append("](").Append(task.Link.AbsoluteUri).Append(")\n\n");
        return builder.ToString();
    }

    private static string Footer(int leftOut, AgentDigest digest, DigestText text)
        => (leftOut > 0 ? text.AndMore(leftOut) + " · " : "") + $"[{text.OpenList}]({digest.ListLink.AbsoluteUri})";
}
