using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Automation.Core.Agents;

/// <summary>
/// A Slack incoming-webhook message: <c>{"text": fallback, "blocks": [header, context, section…, context]}</c>. The
/// fallback <c>text</c> is always sent (it is the notification, and a missing one is <c>no_text</c>). Within Slack's
/// limits: at most 50 blocks, a header's text at most 150 characters, section text 3,000, a field 2,000, and the
/// blocks' text kept well below the ~13,000 characters where <c>msg_blocks_too_long</c> was seen.
/// </summary>
/// <remarks>
/// What the product writes goes into mrkdwn with &amp; &lt; &gt; escaped; free text from tasks (reasons, evidence)
/// goes into plain_text fields, since mrkdwn has no escape for * _ ~ ` (reference §3 and §5.6).
/// </remarks>
internal static class SlackWebhookMessage
{
    public const int MaxBlocks = 50;
    public const int MaxHeaderLength = 150;
    public const int MaxFallbackLength = 4_000;

    /// <summary>The budget for all the blocks' text, below the ~13,000 characters that failed in practice.</summary>
    public const int MaxBlockTextLength = 12_000;

    // Header, the "for whom" context and the footer context around the tasks.
    private const int FrameBlocks = 3;

    public static AgentChannelRequest Create(Uri url, AgentDigest digest)
    {
        var text = DigestText.For(digest.Locale);
        var headerText = ChatText.SingleLine($"{digest.ShopName} · {digest.Headline}", MaxHeaderLength);
        var forText = ChatText.SingleLine(text.Recipient(digest.AgentName), MaxHeaderLength);
        var sections = digest.Tasks.Select(task => Section(task, digest, text)).ToList();

        // Whole sections while both the block count and the text budget allow, leaving room for the footer.
        var budget = MaxBlockTextLength - headerText.Length - forText.Length - Footer(digest.Tasks.Count, digest, text).Length;
        var included = 0;
        while (included < sections.Count && included < MaxBlocks - FrameBlocks && sections[included].Length <= budget)
        {
            budget -= sections[included].Length;
            included++;
        }

        var leftOut = sections.Count - included;
        var fallback = ChatText.Slack(ChatText.SingleLine($"{digest.ShopName}: {digest.Headline}", MaxFallbackLength));
        var body = ChannelJson.Write(json =>
        {
            json.WriteStartObject();
            json.WriteString("text", fallback);
            json.WriteStartArray("blocks");

            json.WriteStartObject();
            json.WriteString("type", "header");
            PlainText(json, "text", headerText);
            json.WriteEndObject();

            json.WriteStartObject();
            json.WriteString("type", "context");
            json.WriteStartArray("elements");
            PlainText(json, null, forText);
            json.WriteEndArray();
            json.WriteEndObject();

            foreach (var section in sections.Take(included))
            {
                section.Write(json);
            }

            json.WriteStartObject();
            json.WriteString("type", "context");
            json.WriteStartArray("elements");
            json.WriteStartObject();
            json.WriteString("type", "mrkdwn");
            json.WriteString("text", Footer(leftOut, digest, text));
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();

            json.WriteEndArray();
            json.WriteEndObject();
        });
        return new AgentChannelRequest(url, ChannelJson.NoHeaders, body, AgentChannelMessages.JsonContentType) { TasksLeftOut = leftOut };
    }

    private static SlackSection Section(AgentDigestTask task, AgentDigest digest, DigestText text)
    {
        var builder = new StringBuilder();
        builder.Append(CultureInfo.InvariantCulture, $"*{task.Rank}. P{task.Priority} · {ChatText.Slack(text.Kind(task.Kind))}*\n");

        // Ids are shown as code (they are validated ids, without backticks); everything still gets the three escapes.
        var parts = DigestLines.References(task, text).Select(r => ChatText.Slack(r.Replace("`", "'", StringComparison.Ordinal)))
            .Append(ChatText.Slack(text.Due(task.DueAt, digest.GeneratedAt)))
            .Append(string.Create(CultureInfo.InvariantCulture, $"{text.Score} {DigestText.Number(task.Score)}"))
            .Append($"<{task.Link.AbsoluteUri}|{text.OpenTask}>");
        builder.AppendJoin(" · ", parts);

        List<string> fields = [];
        if (task.Reason.Length > 0)
        {
            fields.Add($"{text.Why}: {ChatText.ForGroup(task.Reason)}");
        }

        fields.AddRange(task.Evidence.Select(e => $"{e.Label}: {ChatText.ForGroup(e.Value)}"));
        return new SlackSection(builder.ToString(), fields);
    }

    private static string Footer(int leftOut, AgentDigest digest, DigestText text)
        => (leftOut > 0 ? ChatText.Slack(text.AndMore(leftOut)) + " · " : "") + $"<{digest.ListLink.AbsoluteUri}|{text.OpenList}>";

    private static void PlainText(Utf8JsonWriter json, string? property, string value)
    {
        if (property is null)
        {
            json.WriteStartObject();
        }
        else
        {
            json.WriteStartObject(property);
        }

        json.WriteString("type", "plain_text");
        json.WriteString("text", value);

        // Keep ":name:" in customers' words as typed rather than turned into emoji.
        json.WriteBoolean("emoji", false);
        json.WriteEndObject();
    }

    /// <summary>One task: the product's mrkdwn line and the task's own words as plain_text fields (at most 10, per Slack).</summary>
    private sealed record SlackSection(string Markdown, IReadOnlyList<string> Fields)
    {
        public int Length => Markdown.Length + Fields.Sum(f => f.Length);

        public void Write(Utf8JsonWriter json)
        {
            json.WriteStartObject();
            json.WriteString("type", "section");
            json.WriteStartObject("text");
            json.WriteString("type", "mrkdwn");
            json.WriteString("text", Markdown);
            json.WriteEndObject();
            if (Fields.Count > 0)
            {
                json.WriteStartArray("fields");
                foreach (var field in Fields.Take(10))
                {
                    PlainText(json, null, field);
                }

                json.WriteEndArray();
            }

            json.WriteEndObject();
        }
    }
}
