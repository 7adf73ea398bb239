using System.Text.Json;
using Automation.Core.Cases;
using Automation.Storage.Stores;

namespace Automation.Functions.Features.Cases;

/// <summary>
/// A case as ops see it in lists and the order view: its state, and its service targets at the time of asking
/// (<see cref="CaseDeadlines"/>): when each is due and how it stands, whether the case is overdue or due soon, and the
/// next due time. Evidence is counted, not shown: it can be long, and the platform holds it.
/// </summary>
internal sealed record CaseView(
    string CaseId,
    string OrderId,
    string Kind,
    string Status,
    string? Reason,
    string? ReasonText,
    decimal? Amount,
    string? Currency,
    DateTimeOffset OpenedAt,
    DateTimeOffset StatusChangedAt,
    bool Escalated,
    bool HasPhotos,
    int Evidence,
    DateTimeOffset? ReturnDeadline,
    CaseView.TargetView FirstResponse,
    CaseView.TargetView? Resolution,
    DateTimeOffset? NextDueAt,
    bool Overdue,
    bool DueSoon)
{
    public static CaseView From(CaseSummary summary, ServiceTargets targets, TimeZoneInfo zone, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(summary);
        return From(summary.Summary, summary.HasPhotos, summary.EvidenceCount, targets, zone, now);
    }

    public static CaseView From(Case c, bool hasPhotos, int evidence, ServiceTargets targets, TimeZoneInfo zone, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(c);
        var due = CaseDeadlines.For(c, targets, zone, now);
        return new CaseView(
            c.CaseId,
            c.OrderId,
            CaseNames.Name(c.Kind),
            CaseNames.Name(c.Status),
            c.Reason is { } reason ? CaseNames.Name(reason) : null,
            c.ReasonText,
            c.Amount,
            c.Currency,
            c.OpenedAt,
            c.StatusChangedAt,
            c.Escalated,
            hasPhotos,
            evidence,
            c.ReturnDeadline,
            TargetView.From(due.FirstResponse),
            due.Resolution is { } resolution ? TargetView.From(resolution) : null,
            due.NextDueAt,
            due.IsOverdue,
            due.IsDueSoon);
    }

    /// <summary>One target: due time and state (on_track, due_soon, overdue, met, missed).</summary>
    internal sealed record TargetView(DateTimeOffset DueAt, string State)
    {
        public static TargetView From(TargetDue due) => new(due.DueAt, JsonNamingPolicy.SnakeCaseLower.ConvertName(due.State.ToString()));
    }
}

internal sealed record CaseList(IReadOnlyList<CaseView> Cases);
