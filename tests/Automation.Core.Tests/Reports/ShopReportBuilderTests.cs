using Automation.Core.Cases;
using Automation.Core.Reports;
using Automation.Core.Reviews;
using Automation.Core.Tests.Cases;
using static Automation.Core.Tests.Support.Zones;

namespace Automation.Core.Tests.Reports;

public class ShopReportBuilderTests
{
    private static readonly ServiceTargets Targets = ServiceTargets.Default;
    private static readonly ReportPeriod November = new(AtLocal("2026-11-01 00:00", Shanghai), AtLocal("2026-12-01 00:00", Shanghai));
    private static readonly DateTimeOffset Now = AtLocal("2026-12-01 10:00", Shanghai);

    private static DateTimeOffset Sh(string local) => AtLocal(local, Shanghai);

    private static Case Opened(string id, CaseKind kind, string openedAt, params (CaseStatus Status, string At)[] moves)
    {
        var c = TestCases.At(kind, CaseStatus.PendingReview, Sh(openedAt)) with { CaseId = id };
        foreach (var (status, at) in moves)
        {
            c = TestCases.Apply(c, TestCases.Event(TestCases.Facts(kind, status) with { CaseId = id }, Sh(at)), Sh(at));
        }

        return c;
    }

    private static ShopReport Build(IReadOnlyCollection<Case> opened, IReadOnlyCollection<Case>? openNow = null, IReadOnlyCollection<ReminderSent>? reminders = null) =>
        ShopReportBuilder.Build(November, opened, openNow ?? [], reminders ?? [], Targets, Shanghai, Now);

    [Fact]
    public void Build_FirstResponse_AveragesClockAndWorkingMinutes()
    {
        // Monday 2026-11-23: one answered in 4 minutes; one opened at 17:58 and answered at 09:04 the next morning,
        // which is 15 h 6 min of clock time but only 6 working minutes.
        var report = Build(
        [
            Opened("C1", CaseKind.RefundOnly, "2026-11-23 10:00", (CaseStatus.Approved, "2026-11-23 10:04")),
            Opened("C2", CaseKind.RefundOnly, "2026-11-23 17:58", (CaseStatus.Approved, "2026-11-24 09:04")),
            Opened("C3", CaseKind.Exchange, "2026-11-23 11:00"),
        ]);

        Assert.Equal(3, report.Cases.Opened);
        Assert.Equal(2, report.Cases.Responded);
        Assert.Equal((4 + 906) / 2.0, report.Cases.AverageFirstResponseMinutes);
        Assert.Equal((4 + 6) / 2.0, report.Cases.AverageFirstResponseWorkingMinutes);
    }

    [Fact]
    public void Build_AFirstResponseYearsAfterOpening_CountsInClockTimeOnly()
    {
        var old = TestCases.At(CaseKind.RefundOnly, CaseStatus.PendingReview, At("2000-01-01T00:00:00Z"));
        var answered = TestCases.Apply(old, TestCases.Event(TestCases.Facts(CaseKind.RefundOnly, CaseStatus.Approved), Sh("2026-11-23 10:00")), Sh("2026-11-23 10:00"));
        var period = new ReportPeriod(At("2000-01-01T00:00:00Z"), Now);

        var report = ShopReportBuilder.Build(period, [answered], [], [], Targets, Shanghai, Now);

        Assert.Equal(1, report.Cases.Responded);
        Assert.NotNull(report.Cases.AverageFirstResponseMinutes);
        Assert.Null(report.Cases.AverageFirstResponseWorkingMinutes);
    }

    [Fact]
    public void Build_TimeToRefund_CountsRefundKindsOnly()
    {
        var report = Build(
        [
            Opened("C1", CaseKind.RefundOnly, "2026-11-23 10:00", (CaseStatus.Refunded, "2026-11-23 16:00")),
            Opened("C2", CaseKind.ReturnRefund, "2026-11-20 10:00", (CaseStatus.Received, "2026-11-22 10:00"), (CaseStatus.Refunded, "2026-11-23 16:00")),
            Opened("C3", CaseKind.ReturnRefund, "2026-11-21 10:00", (CaseStatus.AwaitingReturn, "2026-11-21 10:01")),
            Opened("C4", CaseKind.RefundOnly, "2026-11-21 10:00", (CaseStatus.Rejected, "2026-11-21 10:01")),
            Opened("C5", CaseKind.Exchange, "2026-11-21 10:00", (CaseStatus.Reshipped, "2026-11-25 10:00")),
        ]);

        Assert.Equal(2, report.Cases.Refunded);
        Assert.Equal(1, report.Cases.RefundPending); // C3; C4 was rejected, C5 is an exchange
        Assert.Equal((6 + 78) / 2.0, report.Cases.AverageHoursToRefund);
    }

    [Fact]
    public void Build_ServiceTargets_CountMetMissedOverdueAndRunning()
    {
        var report = Build(
        [
            Opened("C1", CaseKind.RefundOnly, "2026-11-23 10:00", (CaseStatus.Refunded, "2026-11-23 10:04")), // both met
            Opened("C2", CaseKind.RefundOnly, "2026-11-23 10:00", (CaseStatus.Approved, "2026-11-23 11:00")), // response missed
            Opened("C3", CaseKind.Exchange, "2026-11-30 10:00"),                                                // response overdue now
            Opened("C4", CaseKind.Exchange, "2026-12-01 09:58"),                                                // outside the period
        ]);

        Assert.Equal(new TargetFigures(Met: 1, Missed: 1, Overdue: 1, Running: 0), report.ServiceTargets.FirstResponse);
        // C2's refund is still not made, days after its working-time target: overdue. Exchanges have no resolution
        // target until their parcel is back.
        Assert.Equal(new TargetFigures(Met: 1, Missed: 0, Overdue: 1, Running: 0), report.ServiceTargets.Resolution);
        Assert.Equal(2.0 / 5, report.ServiceTargets.All.MetShare);
        Assert.Equal(3, report.Cases.Opened);
    }

    [Fact]
    public void Build_Backlog_BandsUnresolvedCasesByAgeNow()
    {
        var open = new[]
        {
            Opened("C1", CaseKind.Exchange, "2026-12-01 08:00"),  // 2 h
            Opened("C2", CaseKind.Exchange, "2026-12-01 06:00"),  // exactly 4 h: the next band
            Opened("C3", CaseKind.Exchange, "2026-11-29 10:00"),  // 2 d
            Opened("C4", CaseKind.Exchange, "2026-11-20 10:00"),  // 11 d
            Opened("C5", CaseKind.Exchange, "2026-11-20 10:00", (CaseStatus.Closed, "2026-11-21 10:00")),
            Opened("C6", CaseKind.RefundOnly, "2026-11-20 10:00", (CaseStatus.Refunded, "2026-11-21 10:00")), // resolved, not yet closed
        };

        var backlog = Build([], open).Backlog;

        Assert.Equal(4, backlog.Open);
        Assert.Equal([1, 1, 1, 0, 1], backlog.ByAge.Select(b => b.Count));
        Assert.Equal(["under_4h", "4h_to_1d", "1d_to_3d", "3d_to_7d", "over_7d"], backlog.ByAge.Select(b => b.Age));
        Assert.Equal(264, backlog.OldestHours);
        Assert.Equal(Now, backlog.AsOf);
    }

    [Fact]
    public void Build_ReminderConversion_IsPaidAfterTheFirstReminderPerOrder()
    {
        var reminders = new[]
        {
            new ReminderSent("A1", 1, Sh("2026-11-10 10:00"), Sh("2026-11-10 12:00")),
            new ReminderSent("A1", 2, Sh("2026-11-11 10:00"), Sh("2026-11-10 12:00")), // the same order twice: one order
            new ReminderSent("A2", 1, Sh("2026-11-10 11:00"), null),
            new ReminderSent("A3", 1, Sh("2026-11-12 10:00"), Sh("2026-11-12 09:00")), // paid before the reminder left
            new ReminderSent("A4", 1, Sh("2026-10-31 23:00"), Sh("2026-11-01 10:00")), // reminded before the period
        };

        var report = Build([], reminders: reminders);

        Assert.Equal(new ReminderFigures(RemindersSent: 4, RemindedOrders: 3, PaidAfterwards: 1, Conversion: 1.0 / 3), report.PaymentReminders);
        var tenth = Assert.Single(report.Days, d => d.Date == new DateOnly(2026, 11, 10));
        Assert.Equal((2, 1), (tenth.RemindedOrders, tenth.PaidAfterwards));
    }

    [Fact]
    public void Build_Days_ArePerLocalDayOfThePeriod()
    {
        // 23:30 on the 23rd in Shanghai is 15:30Z the same day, and 00:30 on the 24th is 16:30Z on the 23rd.
        var report = Build(
        [
            Opened("C1", CaseKind.Exchange, "2026-11-23 23:30"),
            Opened("C2", CaseKind.Exchange, "2026-11-24 00:30"),
        ]);

        Assert.Equal(30, report.Days.Count);
        Assert.Equal(1, report.Days.Single(d => d.Date == new DateOnly(2026, 11, 23)).CasesOpened);
        Assert.Equal(1, report.Days.Single(d => d.Date == new DateOnly(2026, 11, 24)).CasesOpened);
        Assert.Null(report.Days[0].AverageFirstResponseMinutes);
        Assert.Null(report.Days[0].TargetsMetShare);
    }
}

public class ShopReportReviewFiguresTests
{
    private static readonly ReportPeriod November = new(AtLocal("2026-11-01 00:00", Shanghai), AtLocal("2026-12-01 00:00", Shanghai));

    private static ReviewReceived Review(string id, string receivedAt, ReviewCategory readAs, string? reason = null, ReviewCategory? settledAs = null, int phrases = 0) =>
        new(id, AtLocal(receivedAt, Shanghai), readAs, reason, settledAs, phrases);

    [Fact]
    public void Reviews_CountsAtOnceWaitedByReasonAndCorrections_OfTheReviewsReceivedInThePeriod()
    {
        var figures = ShopReportBuilder.Reviews(November,
        [
            Review("a", "2026-11-02 10:00", ReviewCategory.Positive),
            Review("b", "2026-11-03 10:00", ReviewCategory.Positive, reason: "uncertain_positive", settledAs: ReviewCategory.Positive, phrases: 1),
            Review("c", "2026-11-04 10:00", ReviewCategory.Negative, reason: "draft_mode"),
            Review("d", "2026-11-05 10:00", ReviewCategory.Positive, settledAs: ReviewCategory.Mixed, phrases: 2),
            Review("e", "2026-11-06 10:00", ReviewCategory.Negative, reason: "too_much_removed"),
            Review("f", "2026-11-07 10:00", ReviewCategory.Negative, reason: "legal_action_mentioned"),
            Review("before", "2026-10-31 23:59", ReviewCategory.Positive, settledAs: ReviewCategory.Negative, phrases: 5),
        ]);

        Assert.Equal((6, 2, 4), (figures.Received, figures.RepliedAtOnce, figures.Waited));
        Assert.Equal(
            [new ReasonCount("draft_mode", 1), new ReasonCount("uncertain_positive", 1), new ReasonCount("legal_action_mentioned", 1), new ReasonCount("too_much_removed", 1)],
            figures.WaitedByReason);
        Assert.Equal((1, 1, 3), (figures.Corrections.ApprovedAsRead, figures.Corrections.Reclassified, figures.Corrections.PhrasesTaught));
        Assert.Equal([new Reclassification("positive", "mixed", 1)], figures.Corrections.ReclassifiedAs);
        Assert.Equal([3, 0, 0, 3], figures.ByCategory.Select(c => c.Count));
    }

    [Fact]
    public void Reviews_NoneReceived_ShowsZerosWithTheProductsReasons()
    {
        var figures = ShopReportBuilder.Reviews(November, []);

        Assert.Equal((0, 0, 0), (figures.Received, figures.RepliedAtOnce, figures.Waited));
        Assert.Equal(["draft_mode", "uncertain_positive", "legal_action_mentioned"], figures.WaitedByReason.Select(r => r.Reason));
        Assert.All(figures.WaitedByReason, r => Assert.Equal(0, r.Count));
    }
}
