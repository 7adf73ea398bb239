using System.Globalization;
using System.Text.Json;
using Automation.Core.Security;

namespace Automation.Core.Agents;

/// <summary>
/// The product's own JSON for a shop's webhook:
/// <c>{"digestId","shopId","shopName","agentId","agentName","generatedAt","clearBy","headline","listLink","taskCount","tasksLeftOut","tasks":[…]}</c>,
/// each task in full (no chat limits apply), signed as every outbound message of the product is: Standard Webhooks
/// (<see cref="StandardWebhookSignature"/>) with the digest id as <c>webhook-id</c> (and <c>Idempotency-Key</c>), so
/// a receiver verifies it with any Standard Webhooks library and drops a repeated list by its id.
/// </summary>
internal static class AgentWebhookMessage
{
    /// <summary>
    /// The most tasks one body lists, in rank order. An agent's own list always fits whole (no agent holds more,
    /// <see cref="AgentSettingsValidator.MaxOpenTasksAllowed"/>); only a supervisor's report of unassigned work can be
    /// longer (thousands at a big shop), and it stops here, a few hundred KB, with <c>tasksLeftOut</c> saying how many more
    /// the shop's task list has.
    /// </summary>
    public const int MaxTasks = AgentSettingsValidator.MaxOpenTasksAllowed;

    public static AgentChannelRequest Create(Uri url, string? secret, AgentDigest digest, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(secret))
        {
            throw new ArgumentException("A webhook channel is signed; validated settings always have its secret.", nameof(secret));
        }

        var leftOut = Math.Max(0, digest.Tasks.Count - MaxTasks);
        var body = ChannelJson.Write(json => Write(json, digest, leftOut));
        var signed = StandardWebhookSignature.Sign(secret, digest.DigestId, now, body);
        var headers = new Dictionary<string, string>(signed.All, StringComparer.OrdinalIgnoreCase);
        return new AgentChannelRequest(url, headers, body, AgentChannelMessages.JsonContentType) { TasksLeftOut = leftOut };
    }

    private static void Write(Utf8JsonWriter json, AgentDigest digest, int leftOut)
    {
        json.WriteStartObject();
        json.WriteString("digestId", digest.DigestId);
        json.WriteString("shopId", digest.ShopId);
        json.WriteString("shopName", digest.ShopName);
        json.WriteString("agentId", digest.AgentId);
        json.WriteString("agentName", digest.AgentName);
        json.WriteString("generatedAt", Instant(digest.GeneratedAt));
        json.WriteString("clearBy", Instant(digest.ClearBy));
        json.WriteString("headline", digest.Headline);
        json.WriteString("listLink", digest.ListLink.AbsoluteUri);
        json.WriteNumber("taskCount", digest.Tasks.Count);
        json.WriteNumber("tasksLeftOut", leftOut);
        json.WriteStartArray("tasks");
        foreach (var task in digest.Tasks.Take(MaxTasks))
        {
            json.WriteStartObject();
            json.WriteNumber("rank", task.Rank);
            json.WriteString("taskId", task.TaskId);
            json.WriteString("kind", task.Kind);
            json.WriteNumber("priority", task.Priority);
            json.WriteNumber("score", task.Score);
            json.WriteString("reason", task.Reason);
            json.WriteString("dueAt", Instant(task.DueAt));
            json.WriteString("orderId", task.OrderId);
            json.WriteString("caseId", task.CaseId);
            json.WriteString("reviewId", task.ReviewId);
            json.WriteStartArray("evidence");
            foreach (var evidence in task.Evidence)
            {
                json.WriteStartObject();
                json.WriteString("label", evidence.Label);
                json.WriteString("value", evidence.Value);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteString("link", task.Link.AbsoluteUri);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    // ISO 8601 with the shop's offset, e.g. 2026-11-30T10:30:00+08:00: the instant, and the shop's wall clock.
    private static string Instant(DateTimeOffset at) => at.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
}
