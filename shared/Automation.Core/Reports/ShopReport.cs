using Automation.Core.Reviews;

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
    IReadOnlyList<ReportDay> Days)
{
    /// <summary>The reviews received in the period (none when the caller listed none).</summary>
    public ReviewFigures Reviews { get; init; } = ReviewFigures.None;
}

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

/// <summary>
/// A review received in the period as the report counts it: how it was read, whether its reply waited for a person
/// (and why), and the decision an agent recorded about its reading, if any.
/// </summary>
/// <param name="ApprovalReason">Why the reply waited (draft_mode, uncertain_positive, legal_action_mentioned, a privacy hold); null when it went out at once.</param>
/// <param name="SettledAs">The category an agent settled on (the reading itself when they approved it as read); null when none did.</param>
/// <param name="PhrasesTaught">How many phrases that decision taught the shop's list.</param>
public sealed record ReviewReceived(string ReviewId, DateTimeOffset ReceivedAt, ReviewCategory ReadAs, string? ApprovalReason, ReviewCategory? SettledAs, int PhrasesTaught);

/// <summary>
/// The reviews received in the period: how many, how many replies went out at once and how many waited for a person
/// (by reason), and what agents decided about their reading so far.
/// </summary>
/// <param name="ByCategory">Received, by the classifier's reading.</param>
/// <param name="Corrections">The decisions agents recorded about these reviews' readings.</param>
public sealed record ReviewFigures(int Received, IReadOnlyList<CategoryCount> ByCategory, int RepliedAtOnce, int Waited, IReadOnlyList<ReasonCount> WaitedByReason, CorrectionFigures Corrections)
{
    public static ReviewFigures None { get; } = new(0, [], 0, 0, [], new CorrectionFigures(0, 0, 0, []));
}

/// <summary>Agents' decisions: readings approved as they were, readings changed (by what to what), and phrases taught by them.</summary>
public sealed record CorrectionFigures(int ApprovedAsRead, int Reclassified, int PhrasesTaught, IReadOnlyList<Reclassification> ReclassifiedAs);

/// <summary>How many reviews were read as <see cref="From"/> and settled by an agent as <see cref="To"/>.</summary>
public sealed record Reclassification(string From, string To, int Count);

public sealed record CategoryCount(string Category, int Count);

public sealed record ReasonCount(string Reason, int Count);
