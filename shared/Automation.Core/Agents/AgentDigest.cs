using System.Globalization;
using Automation.Core.Shops;
using Automation.Core.Tasks;

namespace Automation.Core.Agents;

/// <summary>A task as ranked for an agent's list: the ranking's score and its reason in words.</summary>
public sealed record DigestEntry(AgentTask Task, double Score, string Reason);

/// <summary>Which of a sweep day's lists a digest is: the morning list, or a supervisor's list at the noon deadline.</summary>
public enum DigestPurpose
{
    MorningList,
    NoonEscalation,
}

/// <summary>
/// One line of an agent's list: the task, where it stands in the order (<see cref="Rank"/>, 1 = first), why, when it is
/// due (in the shop's time zone), a few evidence lines, and the task's link in the API.
/// </summary>
public sealed record AgentDigestTask(
    int Rank,
    string TaskId,
    string Kind,
    int Priority,
    double Score,
    string Reason,
    DateTimeOffset DueAt,
    string? OrderId,
    string? CaseId,
    string? ReviewId,
    IReadOnlyList<TaskEvidence> Evidence,
    Uri Link);

/// <summary>
/// An agent's task list as sent to their channel (see <see cref="AgentChannelMessages"/>). Times are in the shop's time
/// zone (their offset is the shop's). Text in it comes from the tasks' evidence and the settings only, cleaned to single
/// lines and cut to a length: nothing about a customer beyond what the task already holds.
/// </summary>
public sealed record AgentDigest(
    string DigestId,
    string ShopId,
    string ShopName,
    string Locale,
    string AgentId,
    string AgentName,
    DateTimeOffset GeneratedAt,
    DateTimeOffset ClearBy,
    IReadOnlyList<AgentDigestTask> Tasks,
    Uri ListLink)
{
    /// <summary>At most this many evidence lines per task: enough to act on, few enough for a chat message.</summary>
    public const int MaxEvidenceLines = 3;

    public const int MaxEvidenceLabelLength = 40;

    public const int MaxTextLength = 200;

    /// <summary>The list's first line, e.g. "3 tasks, clear by 12:00" or "3 项任务，12:00 前处理完".</summary>
    public string Headline => DigestText.For(Locale).Headline(Tasks.Count, ClearBy);

    /// <summary>
    /// The digest of <paramref name="entries"/>, in the order given (the ranking's), for <paramref name="agent"/>.
    /// Links point at <paramref name="apiBaseUrl"/> (the function app's public address). The id is
    /// <see cref="IdFor"/>: a list re-sent for the same day carries the same idempotency key.
    /// </summary>
    public static AgentDigest Create(
        ShopSettings shop,
        Agent agent,
        IEnumerable<DigestEntry> entries,
        Uri apiBaseUrl,
        DateOnly sweepDay,
        DigestPurpose purpose,
        DateTimeOffset clearBy,
        DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(shop);
        ArgumentNullException.ThrowIfNull(agent);
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(apiBaseUrl);
        var zone = shop.TimeZone;
        var local = TimeZoneInfo.ConvertTime(now, zone);
        var tasksUrl = $"{apiBaseUrl.AbsoluteUri.TrimEnd('/')}/api/shops/{Uri.EscapeDataString(shop.ShopId)}/tasks";
        var tasks = entries.Select((entry, index) => new AgentDigestTask(
            index + 1,
            entry.Task.TaskId,
            entry.Task.Kind,
            entry.Task.Priority,
            entry.Score,
            ChatText.SingleLine(entry.Reason, MaxTextLength),
            TimeZoneInfo.ConvertTime(entry.Task.DueAt, zone),
            entry.Task.OrderId,
            entry.Task.CaseId,
            entry.Task.ReviewId,
            [.. entry.Task.Evidence
                .Select(e => new TaskEvidence(ChatText.SingleLine(e.Label, MaxEvidenceLabelLength), ChatText.SingleLine(e.Value, MaxTextLength)))
                .Where(e => e.Label.Length > 0 && e.Value.Length > 0)
                .Take(MaxEvidenceLines)],
            new Uri($"{tasksUrl}/{Uri.EscapeDataString(entry.Task.TaskId)}"))).ToList();

        return new AgentDigest(
            IdFor(agent.Id, sweepDay, purpose),
            shop.ShopId,
            shop.Name,
            shop.Locale,
            agent.Id,
            agent.Name,
            local,
            TimeZoneInfo.ConvertTime(clearBy, zone),
            tasks,
            new Uri($"{tasksUrl}?agent={Uri.EscapeDataString(agent.Id)}&state=open"));
    }

    /// <summary>
    /// The digest's id, its idempotency key: the agent, the sweep day (not the day it is sent: a retry after midnight is
    /// the same list) and, for the noon list, <c>noon</c>. A supervisor gets both lists of a day, and a receiver that
    /// drops repeated keys must not take the second for a repeat of the first.
    /// </summary>
    public static string IdFor(string agentId, DateOnly sweepDay, DigestPurpose purpose)
    {
        var day = sweepDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return purpose == DigestPurpose.NoonEscalation ? TaskIds.For("agent_digest", agentId, day, "noon") : TaskIds.For("agent_digest", agentId, day);
    }
}
