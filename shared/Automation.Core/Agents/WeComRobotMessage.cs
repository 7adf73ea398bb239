using System.Globalization;
using System.Text;

namespace Automation.Core.Agents;

/// <summary>
/// A WeCom (企业微信) group robot message: <c>{"msgtype":"markdown","markdown":{"content":"…"}}</c> POSTed to the robot's
/// URL (its <c>key</c> is the only credential; no signing). The content is at most 4096 UTF-8 bytes (errcode 40058
/// beyond), so the list stops at a task boundary with "… and N more" and a link to the full list.
/// </summary>
internal static class WeComRobotMessage
{
    public const int MaxContentBytes = 4096;

    public static AgentChannelRequest Create(Uri url, AgentDigest digest)
    {
        var (content, leftOut) = Content(digest);
        var body = ChannelJson.Write(json =>
        {
            json.WriteStartObject();
            json.WriteString("msgtype", "markdown");
            json.WriteStartObject("markdown");
            json.WriteString("content", content);
            json.WriteEndObject();
            json.WriteEndObject();
        });
        return new AgentChannelRequest(url, ChannelJson.NoHeaders, body, AgentChannelMessages.JsonContentType) { TasksLeftOut = leftOut };
    }

    internal static (string Content, int LeftOut) Content(AgentDigest digest)
    {
        var text = DigestText.For(digest.Locale);
        var header = $"**{ChatText.Markdown(digest.ShopName)} · {ChatText.Markdown(digest.Headline)}**\n{ChatText.Markdown(text.Recipient(digest.AgentName))}\n";
        var tasks = digest.Tasks.Select(task => Task(task, digest, text)).ToList();
        return DigestLayout.Fit(header, tasks, leftOut => Footer(leftOut, digest, text), DigestLayout.Utf8Bytes, MaxContentBytes);
    }

    private static string Task(AgentDigestTask task, AgentDigest digest, DigestText text)
    {
        // WeCom's markdown has three colours: warning (orange-red) marks the most urgent, comment (grey) the rest.
        var colour = task.Priority <= 1 ? "warning" : "comment";
        var builder = new StringBuilder();
        builder.Append(CultureInfo.InvariantCulture, $"{task.Rank}. <font color=\"{colour}\">P{task.Priority}</font> **{ChatText.Markdown(text.Kind(task.Kind))}**");
        foreach (var reference in DigestLines.References(task, text))
        {
            builder.Append(" · ").Append(ChatText.Markdown(reference));
        }

        builder.Append(" · ").Append(ChatText.Markdown(text.Due(task.DueAt, digest.GeneratedAt))).Append('\n');
        if (task.Reason.Length > 0)
        {
            builder.Append("> ").Append(text.Why).Append(": ").Append(ChatText.Markdown(ChatText.ForGroup(task.Reason)))
                .Append(" (").Append(text.Score).Append(' ').Append(DigestText.Number(task.Score)).Append(")\n");
        }

        foreach (var evidence in task.Evidence)
        {
            builder.Append("> ").Append(ChatText.Markdown(evidence.Label)).Append(": ").Append(ChatText.Markdown(ChatText.ForGroup(evidence.Value))).Append('\n');
        }

        builder.Append('[').Append(text.OpenTask).Append("](").Append(task.Link.AbsoluteUri).Append(")\n");
        return builder.ToString();
    }

    private static string Footer(int leftOut, AgentDigest digest, DigestText text)
        => (leftOut > 0 ? text.AndMore(leftOut) + " · " : "") + $"[{text.OpenList}]({digest.ListLink.AbsoluteUri})";
}

/// <summary>Pieces of a task's line that every chat format shows the same way.</summary>
internal static class DigestLines
{
    /// <summary>"order A1001", "case C-7", "review R9": what the task is about, as far as it says.</summary>
    public static IEnumerable<string> References(AgentDigestTask task, DigestText text)
    {
        if (task.OrderId is { } orderId)
        {
            yield return $"{text.Order} {orderId}";
        }

        if (task.CaseId is { } caseId)
        {
            yield return $"{text.Case} {caseId}";
        }

        if (task.ReviewId is { } reviewId)
        {
            yield return $"{text.Review} {reviewId}";
        }
    }
}
