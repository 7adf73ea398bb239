namespace Automation.Core.Cases;

/// <summary>Where a case stands against one service target.</summary>
public enum TargetState
{
    /// <summary>Not done; more than <see cref="ServiceTargets.DueSoon"/> of working time left.</summary>
    OnTrack,

    /// <summary>Not done; at most <see cref="ServiceTargets.DueSoon"/> of working time left (the due instant itself included).</summary>
    DueSoon,

    /// <summary>Not done, and the due instant has passed.</summary>
    Overdue,

    /// <summary>Done at or before the due instant.</summary>
    Met,

    /// <summary>Done, but after the due instant.</summary>
    Missed,
}

/// <summary>One target of a case: when it is due and how it stands.</summary>
public sealed record TargetDue(DateTimeOffset DueAt, TargetState State);

/// <summary>
/// A case's service targets at one instant. <see cref="Resolution"/> is null while no resolution target runs: a
/// return or exchange before its parcel is received, or one rejected or closed before that.
/// </summary>
public sealed record CaseDue(TargetDue FirstResponse, TargetDue? Resolution)
{
    public bool IsOverdue => FirstResponse.State == TargetState.Overdue || Resolution?.State == TargetState.Overdue;

    /// <summary>Due soon and not overdue (a case is listed once: overdue wins).</summary>
    public bool IsDueSoon => !IsOverdue && (FirstResponse.State == TargetState.DueSoon || Resolution?.State == TargetState.DueSoon);

    /// <summary>The earliest due instant of a target not yet done, for ranking; null when all are done.</summary>
    public DateTimeOffset? NextDueAt => new[] { FirstResponse, Resolution }
        .Where(t => t is { State: TargetState.OnTrack or TargetState.DueSoon or TargetState.Overdue })
        .Select(t => (DateTimeOffset?)t!.DueAt)
        .Min();
}

/// <summary>
/// Due times of a case from the shop's <see cref="ServiceTargets"/> and time zone:
/// <list type="bullet">
/// <item>first response: <see cref="ServiceTargets.FirstResponse"/> of working time after opening, done at
/// <see cref="Case.RespondedAt"/>;</item>
/// <item>resolution, done at <see cref="Case.ResolvedAt"/>: for a logistics reason (lost, damaged, address problem,
/// returned to sender) <see cref="ServiceTargets.LogisticsResolution"/> of calendar time after opening; else the kind's
/// target of working time, after opening for refund_only, after the return parcel was received for the return kinds.</item>
/// </list>
/// "Due soon" counts working time left, so a target due on Sunday is due soon on Friday afternoon for a team that does
/// not work weekends: that is the last chance to act on it.
/// </summary>
public static class CaseDeadlines
{
    public static CaseDue For(Case c, ServiceTargets targets, TimeZoneInfo zone, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(zone);
        var schedule = targets.WorkingHours;

        var firstResponseDue = WorkingTime.Add(c.OpenedAt, targets.FirstResponse, schedule, zone);
        var firstResponse = Evaluate(firstResponseDue, c.RespondedAt, targets, zone, now);

        DateTimeOffset? resolutionDue = c switch
        {
            { Reason: { } reason } when CaseReasons.IsLogistics(reason) => c.OpenedAt + targets.LogisticsResolution,
            { Kind: CaseKind.RefundOnly } => WorkingTime.Add(c.OpenedAt, targets.ResolutionFor(c.Kind), schedule, zone),
            { ReceivedAt: { } received } => WorkingTime.Add(received, targets.ResolutionFor(c.Kind), schedule, zone),
            _ => null,
        };
        var resolution = resolutionDue is { } due ? Evaluate(due, c.ResolvedAt, targets, zone, now) : null;
        return new CaseDue(firstResponse, resolution);
    }

    /// <summary>How a target due at <paramref name="due"/> stands at <paramref name="now"/>, given when it was done.</summary>
    public static TargetDue Evaluate(DateTimeOffset due, DateTimeOffset? doneAt, ServiceTargets targets, TimeZoneInfo zone, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(targets);
        var state = doneAt switch
        {
            { } done => done <= due ? TargetState.Met : TargetState.Missed,
            null when now > due => TargetState.Overdue,
            // Working time only grows with the span, so a due time years away (a date in 2099) is measured up to the
            // longest span WorkingTime measures: past that it is due soon only for a team that hardly ever works.
            null when WorkingTime.Between(now, due < now + WorkingTime.LongestSpan ? due : now + WorkingTime.LongestSpan, targets.WorkingHours, zone) <= targets.DueSoon
                => TargetState.DueSoon,
            _ => TargetState.OnTrack,
        };
        return new TargetDue(due, state);
    }
}
