using Automation.Core.Cases;
using Automation.Core.Reviews;
using Automation.Core.Time;

namespace Automation.Core.Reports;

/// <summary>
/// Computes a <see cref="ShopReport"/> from what the stores list: the cases opened in the period, the cases open now,
/// and the payment reminders sent in the period. Pure: the same inputs give the same report.
/// </summary>
public static class ShopReportBuilder
{
    /// <summary>The backlog's age bands: each holds the ages below its bound and at or above the one before.</summary>
    internal static readonly IReadOnlyList<(string Name, TimeSpan Below)> AgeBands =
    [
        ("under_4h", TimeSpan.FromHours(4)),
        ("4h_to_1d", TimeSpan.FromDays(1)),
        ("1d_to_3d", TimeSpan.FromDays(3)),
        ("3d_to_7d", TimeSpan.FromDays(7)),
        ("over_7d", TimeSpan.MaxValue),
    ];

    public static ShopReport Build(
        ReportPeriod period,
        IReadOnlyCollection<Case> casesOpened,
        IReadOnlyCollection<Case> openNow,
        IReadOnlyCollection<ReminderSent> remindersSent,
        ServiceTargets targets,
        TimeZoneInfo zone,
        DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(period);
        ArgumentNullException.ThrowIfNull(casesOpened);
        ArgumentNullException.ThrowIfNull(openNow);
        ArgumentNullException.ThrowIfNull(remindersSent);
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(zone);

        // The stores list by range; keep exactly the period in case a caller's range is wider.
        var cases = casesOpened.Where(c => period.Contains(c.OpenedAt)).Select(c => Judge(c, targets, zone, now)).ToList();
        var reminded = RemindedOrders(remindersSent.Where(r => period.Contains(r.SentAt)));

        var casesByDay = cases.ToLookup(c => LocalDay(c.Case.OpenedAt, zone));
        var remindedByDay = reminded.ToLookup(r => LocalDay(r.FirstSentAt, zone));
        var days = period.Days(zone).Select(day =>
        {
            var opened = casesByDay[day].ToList();
            var targetsOfDay = Sum(opened.Select(c => c.FirstResponse + c.Resolution));
            var remindedOfDay = remindedByDay[day].ToList();
            return new ReportDay(
                day,
                opened.Count,
                Average(opened.Where(c => c.Case.RespondedAt is not null).Select(c => (c.Case.RespondedAt!.Value - c.Case.OpenedAt).TotalMinutes)),
                targetsOfDay.Met,
                targetsOfDay.Decided,
                remindedOfDay.Count,
                remindedOfDay.Count(r => r.PaidAfterwards));
        }).ToList();

        var firstResponse = Sum(cases.Select(c => c.FirstResponse));
        var resolution = Sum(cases.Select(c => c.Resolution));
        var responded = cases.Where(c => c.Case.RespondedAt is not null).Select(c => c.Case).ToList();
        var refundKinds = cases.Select(c => c.Case).Where(c => c.Kind is CaseKind.RefundOnly or CaseKind.ReturnRefund).ToList();
        var refunded = refundKinds.Where(c => c.RefundedAt is not null).ToList();

        return new ShopReport(
            period,
            zone.Id,
            now,
            new CaseFigures(
                cases.Count,
                responded.Count,
                Average(responded.Select(c => (c.RespondedAt!.Value - c.OpenedAt).TotalMinutes)),
                Average(responded
                    .Where(c => c.RespondedAt!.Value - c.OpenedAt <= WorkingTime.LongestSpan) // years: bad data, not a figure
                    .Select(c => WorkingTime.Between(c.OpenedAt, c.RespondedAt!.Value, targets.WorkingHours, zone).TotalMinutes)),
                refunded.Count,
                refundKinds.Count(c => c.RefundedAt is null && c.ResolvedAt is null),
                Average(refunded.Select(c => (c.RefundedAt!.Value - c.OpenedAt).TotalHours))),
            new ServiceTargetFigures(firstResponse, resolution, firstResponse + resolution),
            Backlog(openNow, now),
            new ReminderFigures(
                reminded.Sum(r => r.Reminders),
                reminded.Count,
                reminded.Count(r => r.PaidAfterwards),
                reminded.Count == 0 ? null : (double)reminded.Count(r => r.PaidAfterwards) / reminded.Count),
            days);
    }

    /// <summary>
    /// The review figures of the period: reviews received in it (the stores list by receipt), their replies at once or
    /// waiting by reason, and agents' decisions about their readings, as they stand now.
    /// </summary>
    public static ReviewFigures Reviews(ReportPeriod period, IReadOnlyCollection<ReviewReceived> received)
    {
        ArgumentNullException.ThrowIfNull(period);
        ArgumentNullException.ThrowIfNull(received);
        var reviews = received.Where(r => period.Contains(r.ReceivedAt)).ToList();
        var waited = reviews.Where(r => r.ApprovalReason is not null).ToList();

        // The product's own reasons always show (a chart keeps its bars), the privacy holds when they happened.
        var reasons = waited.GroupBy(r => r.ApprovalReason!, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        string[] always = [ReviewHandling.DraftMode, ReviewReplyHoldReasons.UncertainPositive, ReviewReplyHoldReasons.LegalActionMentioned];
        var byReason = always.Select(reason => new ReasonCount(reason, reasons.GetValueOrDefault(reason)))
            .Concat(reasons.Where(r => !always.Contains(r.Key, StringComparer.Ordinal)).OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => new ReasonCount(r.Key, r.Value)))
            .ToList();

        var decided = reviews.Where(r => r.SettledAs is not null).ToList();
        var changed = decided.Where(r => r.SettledAs != r.ReadAs).ToList();
        return new ReviewFigures(
            reviews.Count,
            [.. Enum.GetValues<ReviewCategory>().Select(c => new CategoryCount(ReviewReplySettingsValidator.Name(c), reviews.Count(r => r.ReadAs == c)))],
            reviews.Count - waited.Count,
            waited.Count,
            byReason,
            new CorrectionFigures(
                decided.Count - changed.Count,
                changed.Count,
                decided.Sum(r => r.PhrasesTaught),
                [.. changed
                    .GroupBy(r => (From: r.ReadAs, To: r.SettledAs!.Value))
                    .OrderBy(g => g.Key.From).ThenBy(g => g.Key.To)
                    .Select(g => new Reclassification(ReviewReplySettingsValidator.Name(g.Key.From), ReviewReplySettingsValidator.Name(g.Key.To), g.Count()))]));
    }

    private static BacklogFigures Backlog(IReadOnlyCollection<Case> open, DateTimeOffset now)
    {
        // Work still to do: a refunded, rejected or reshipped case waits only for the platform to close it.
        var ages = open.Where(c => !c.IsClosed && c.ResolvedAt is null).Select(c => now - c.OpenedAt).ToList();
        var bands = AgeBands.Select((band, i) => new AgeBucket(
            band.Name,
            ages.Count(age => age < band.Below && (i == 0 || age >= AgeBands[i - 1].Below)))).ToList();
        return new BacklogFigures(now, ages.Count, ages.Count == 0 ? null : Math.Round(ages.Max().TotalHours, 1), bands);
    }

    /// <summary>A case with how each of its targets counts (a target not running yet counts nowhere).</summary>
    private sealed record JudgedCase(Case Case, TargetFigures FirstResponse, TargetFigures Resolution);

    private static JudgedCase Judge(Case c, ServiceTargets targets, TimeZoneInfo zone, DateTimeOffset now)
    {
        var due = CaseDeadlines.For(c, targets, zone, now);
        return new JudgedCase(c, Count(due.FirstResponse), due.Resolution is { } resolution ? Count(resolution) : None);
    }

    private static readonly TargetFigures None = new(0, 0, 0, 0);

    private static TargetFigures Count(TargetDue target) => target.State switch
    {
        TargetState.Met => new(1, 0, 0, 0),
        TargetState.Missed => new(0, 1, 0, 0),
        TargetState.Overdue => new(0, 0, 1, 0),
        _ => new(0, 0, 0, 1),
    };

    private static TargetFigures Sum(IEnumerable<TargetFigures> figures) => figures.Aggregate(None, (a, b) => a + b);

    private sealed record RemindedOrder(DateTimeOffset FirstSentAt, int Reminders, bool PaidAfterwards);

    private static List<RemindedOrder> RemindedOrders(IEnumerable<ReminderSent> sent) =>
        sent.GroupBy(r => r.OrderId, StringComparer.Ordinal)
            .Select(order =>
            {
                var first = order.Min(r => r.SentAt);

                // Every row of an order carries the order's payment time once paid; paid before the first reminder of
                // the period (a reminder that crossed the payment) is not a conversion.
                var paidAt = order.Select(r => r.PaidAt).Max();
                return new RemindedOrder(first, order.Count(), paidAt >= first);
            })
            .ToList();

    private static DateOnly LocalDay(DateTimeOffset instant, TimeZoneInfo zone) => DateOnly.FromDateTime(ZonedTime.ToLocal(instant, zone));

    private static double? Average(IEnumerable<double> values)
    {
        var list = values.ToList();
        return list.Count == 0 ? null : Math.Round(list.Average(), 1);
    }
}
