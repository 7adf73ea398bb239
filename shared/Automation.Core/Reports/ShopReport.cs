namespace Automation.Core.Reports;

/// <summary>
/// A shop's after-sale and reminder figures over a period (built by <see cref="ShopReportBuilder"/>). Cases count by
/// when they were opened, reminders by when they were sent; the backlog is the unresolved cases now, whatever the period.
/// </summary>
public sealed record ShopReport(
    ReportPeriod Period,
    string TimeZone,
    DateTimeOffset GeneratedAt,
    CaseFigures Cases,
    ServiceTargetFigures ServiceTargets,
    BacklogFigures Backlog,
    ReminderFigures PaymentReminders,
    IReadOnlyList<ReportDay> Days);

/// <summary>The cases opened in the period: how fast they were first answered and, for the refund kinds, refunded.</summary>
/// <param name="AverageFirstResponseMinutes">Opening to first response, in minutes of clock time; null when none was answered.</param>
/// <param name="AverageFirstResponseWorkingMinutes">The same in working minutes, the unit the first-response target counts in.</param>
/// <param name="Refunded">Refund-only and return-refund cases refunded so far.</param>
/// <param name="RefundPending">Refund-only and return-refund cases neither refunded nor otherwise resolved yet.</param>
/// <param name="AverageHoursToRefund">Opening to refund, in hours of clock time (what the buyer waits); null when none was refunded.</param>
public sealed record CaseFigures(
    int Opened,
    int Responded,
    double? AverageFirstResponseMinutes,
    double? AverageFirstResponseWorkingMinutes,
    int Refunded,
    int RefundPending,
    double? AverageHoursToRefund);

/// <summary>
/// How one kind of service target stood for the period's cases, judged now: met or missed once done; overdue when not
/// done and past due (a miss in the making); running while it can still be met.
/// </summary>
public sealed record TargetFigures(int Met, int Missed, int Overdue, int Running)
{
    /// <summary>Targets whose outcome is known: met, missed, or overdue (which can no longer be met).</summary>
    public int Decided => Met + Missed + Overdue;

    /// <summary>Met as a share of decided, 0 to 1; null when none is decided yet.</summary>
    public double? MetShare => Decided == 0 ? null : (double)Met / Decided;

    public static TargetFigures operator +(TargetFigures a, TargetFigures b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return new(a.Met + b.Met, a.Missed + b.Missed, a.Overdue + b.Overdue, a.Running + b.Running);
    }

    public static TargetFigures Add(TargetFigures a, TargetFigures b) => a + b;
}

/// <summary>The share of service targets met: first response, resolution, and both together.</summary>
public sealed record ServiceTargetFigures(TargetFigures FirstResponse, TargetFigures Resolution, TargetFigures All);

/// <summary>The cases not yet resolved now (neither refunded, rejected, reshipped nor closed), by how long ago they were opened.</summary>
public sealed record BacklogFigures(DateTimeOffset AsOf, int Open, double? OldestHours, IReadOnlyList<AgeBucket> ByAge);

/// <summary>One age band of the backlog: <see cref="Age"/> is its name (<c>under_4h</c>, <c>4h_to_1d</c>, …).</summary>
public sealed record AgeBucket(string Age, int Count);

/// <summary>
/// Payment reminders sent in the period, by order: an order reminded in the period converted when it was paid after
/// its first reminder of the period.
/// </summary>
public sealed record ReminderFigures(int RemindersSent, int RemindedOrders, int PaidAfterwards, double? Conversion);

/// <summary>One shop-local day of the period: its cases by opening day, its reminded orders by first reminder's day.</summary>
public sealed record ReportDay(
    DateOnly Date,
    int CasesOpened,
    double? AverageFirstResponseMinutes,
    int TargetsMet,
    int TargetsDecided,
    int RemindedOrders,
    int PaidAfterwards)
{
    public double? TargetsMetShare => TargetsDecided == 0 ? null : (double)TargetsMet / TargetsDecided;

    public double? Conversion => RemindedOrders == 0 ? null : (double)PaidAfterwards / RemindedOrders;
}

/// <summary>A payment reminder as the sent-message log keeps it, with when its order was paid (if it was, afterwards).</summary>
public sealed record ReminderSent(string OrderId, int Step, DateTimeOffset SentAt, DateTimeOffset? PaidAt);
