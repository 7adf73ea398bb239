using Automation.Core.Cases;
using static Automation.Core.Tests.Cases.TestCases;
using static Automation.Core.Tests.Support.Zones;

namespace Automation.Core.Tests.Cases;

public class CaseDeadlinesTests
{
    private static readonly ServiceTargets Targets = ServiceTargets.Default;

    private static readonly ServiceTargets Weekdays = ServiceTargets.Default with
    {
        WorkingHours = new(T("09:00"), T("18:00"), new HashSet<DayOfWeek>
        {
            DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday,
        }),
    };

    private static DateTimeOffset Sh(string local) => AtLocal(local, Shanghai);

    [Theory]
    [InlineData("2026-11-23 10:00", "2026-11-23 10:05")]
    [InlineData("2026-11-23 17:58", "2026-11-24 09:03")]
    [InlineData("2026-11-23 22:30", "2026-11-24 09:05")] // opened at night: due five minutes after opening
    public void For_FirstResponse_IsFiveMinutesOfWorkingTime(string opened, string due)
    {
        var c = TestCases.At(CaseKind.ReturnRefund, CaseStatus.PendingReview, Sh(opened));

        Assert.Equal(Sh(due), CaseDeadlines.For(c, Targets, Shanghai, Sh(opened)).FirstResponse.DueAt);
    }

    [Fact]
    public void For_OpenedDecadesAhead_IsOnTrack_NotAnError()
    {
        // A platform's clock (or a fuzzer) may send any date the API accepts, up to 2099.
        var c = TestCases.At(CaseKind.ReturnRefund, CaseStatus.PendingReview, At("2099-12-31T23:59:59.9999999Z")) with { Reason = CaseReason.LostParcel };

        var due = CaseDeadlines.For(c, Targets, Shanghai, At("2026-11-30T03:29:08Z"));

        Assert.Equal(TargetState.OnTrack, due.FirstResponse.State);
        Assert.Equal(TargetState.OnTrack, due.Resolution!.State);
    }

    [Theory]
    [InlineData("2026-11-23 10:04", TargetState.DueSoon)]
    [InlineData("2026-11-23 10:05", TargetState.DueSoon)]  // the due instant itself is not yet overdue
    [InlineData("2026-11-23 10:06", TargetState.Overdue)]
    public void For_FirstResponseNotGiven_IsDueSoonThenOverdue(string now, TargetState expected)
    {
        var c = TestCases.At(CaseKind.Exchange, CaseStatus.PendingReview, Sh("2026-11-23 10:00"));

        var due = CaseDeadlines.For(c, Targets, Shanghai, Sh(now));

        Assert.Equal(expected, due.FirstResponse.State);
        Assert.Equal(expected == TargetState.Overdue, due.IsOverdue);
        Assert.Equal(expected == TargetState.DueSoon, due.IsDueSoon);
    }

    [Fact]
    public void For_FirstResponseOverdueByOneTick_IsOverdue()
    {
        var c = TestCases.At(CaseKind.Exchange, CaseStatus.PendingReview, Sh("2026-11-23 10:00"));

        Assert.Equal(TargetState.Overdue, CaseDeadlines.For(c, Targets, Shanghai, Sh("2026-11-23 10:05") + TimeSpan.FromTicks(1)).FirstResponse.State);
    }

    [Theory]
    [InlineData("2026-11-23 10:05", TargetState.Met)]
    [InlineData("2026-11-23 10:06", TargetState.Missed)]
    public void For_FirstResponseGiven_IsMetOrMissed(string respondedAt, TargetState expected)
    {
        var c = TestCases.At(CaseKind.ReturnRefund, CaseStatus.PendingReview, Sh("2026-11-23 10:00"));
        c = Apply(c, Event(CaseKind.ReturnRefund, CaseStatus.Approved, Sh(respondedAt)), Sh(respondedAt));

        var due = CaseDeadlines.For(c, Targets, Shanghai, Sh("2026-11-24 12:00"));

        Assert.Equal(expected, due.FirstResponse.State);
        Assert.False(due.IsOverdue);
    }

    [Theory]
    [InlineData("2026-11-23 15:59", TargetState.OnTrack)]  // 2 h 1 min of working time left
    [InlineData("2026-11-23 16:00", TargetState.DueSoon)]  // exactly 2 h left
    [InlineData("2026-11-23 18:00", TargetState.DueSoon)]
    [InlineData("2026-11-23 18:01", TargetState.Overdue)]
    public void For_RefundOnlyResolution_IsOneWorkingDayFromOpening(string now, TargetState expected)
    {
        var c = TestCases.At(CaseKind.RefundOnly, CaseStatus.Approved, Sh("2026-11-23 09:00"));

        var resolution = CaseDeadlines.For(c, Targets, Shanghai, Sh(now)).Resolution;

        Assert.NotNull(resolution);
        Assert.Equal(Sh("2026-11-23 18:00"), resolution.DueAt);
        Assert.Equal(expected, resolution.State);
    }

    [Fact]
    public void For_ReturnBeforeTheParcelIsReceived_HasNoResolutionTarget()
    {
        var c = TestCases.At(CaseKind.ReturnRefund, CaseStatus.AwaitingReturn, Sh("2026-11-23 10:00"));

        Assert.Null(CaseDeadlines.For(c, Targets, Shanghai, Sh("2026-11-30 10:00")).Resolution);
    }

    [Theory]
    [InlineData(CaseKind.ReturnRefund, "2026-11-24 14:00")]  // one working day after receipt
    [InlineData(CaseKind.Exchange, "2026-11-25 14:00")]      // two working days after receipt
    public void For_ReturnReceived_ResolutionRunsFromReceipt(CaseKind kind, string due)
    {
        var c = TestCases.At(kind, CaseStatus.AwaitingReturn, Sh("2026-11-20 10:00"));
        c = Apply(c, Event(kind, CaseStatus.Received, Sh("2026-11-23 14:00")), Sh("2026-11-23 14:00"));

        var resolution = CaseDeadlines.For(c, Targets, Shanghai, Sh("2026-11-23 15:00")).Resolution;

        Assert.Equal(Sh(due), resolution?.DueAt);
        Assert.Equal(TargetState.OnTrack, resolution?.State);
    }

    [Fact]
    public void For_LogisticsProblem_IsFortyEightCalendarHours()
    {
        var c = TestCases.At(CaseKind.RefundOnly, CaseStatus.PendingReview, Sh("2026-11-23 20:00")) with { Reason = CaseReason.LostParcel };

        var resolution = CaseDeadlines.For(c, Targets, Shanghai, Sh("2026-11-24 10:00")).Resolution;

        Assert.Equal(Sh("2026-11-25 20:00"), resolution?.DueAt);
    }

    [Theory]
    [InlineData("2026-11-27 15:00", TargetState.OnTrack)]  // Friday: 3 h of working time before Sunday 10:00
    [InlineData("2026-11-27 16:30", TargetState.DueSoon)]  // Friday: the last 1.5 h to act before the weekend
    [InlineData("2026-11-28 12:00", TargetState.DueSoon)]  // Saturday: no working time left
    [InlineData("2026-11-29 10:01", TargetState.Overdue)]
    public void For_DueOnAWeekend_IsDueSoonOnFridayAfternoon(string now, TargetState expected)
    {
        var c = TestCases.At(CaseKind.ReturnRefund, CaseStatus.PendingReview, Sh("2026-11-27 10:00")) with { Reason = CaseReason.DamagedInTransit };

        var resolution = CaseDeadlines.For(c, Weekdays, Shanghai, Sh(now)).Resolution;

        Assert.Equal(Sh("2026-11-29 10:00"), resolution?.DueAt);
        Assert.Equal(expected, resolution?.State);
    }

    [Fact]
    public void For_NewYorkCaseOpenedFridayBeforeSpringForward_IsDueMondayInDaylightTime()
    {
        // Friday 2026-03-06 17:58 EST (22:58Z): 2 minutes on Friday, 3 on Monday from 09:00 EDT (13:00Z).
        var c = TestCases.At(CaseKind.Exchange, CaseStatus.PendingReview, At("2026-03-06T22:58:00Z"));

        var due = CaseDeadlines.For(c, Weekdays, NewYork, At("2026-03-07T12:00:00Z"));

        Assert.Equal(At("2026-03-09T13:03:00Z"), due.FirstResponse.DueAt);
        Assert.Equal(TargetState.DueSoon, due.FirstResponse.State);
    }

    [Fact]
    public void NextDueAt_IsTheEarliestTargetNotDone()
    {
        var c = TestCases.At(CaseKind.RefundOnly, CaseStatus.PendingReview, Sh("2026-11-23 10:00"));
        var responded = Apply(c, Event(CaseKind.RefundOnly, CaseStatus.Approved, Sh("2026-11-23 10:01")), Sh("2026-11-23 10:01"));
        var refunded = Apply(responded, Event(CaseKind.RefundOnly, CaseStatus.Refunded, Sh("2026-11-23 11:00")), Sh("2026-11-23 11:00"));

        Assert.Equal(Sh("2026-11-23 10:05"), CaseDeadlines.For(c, Targets, Shanghai, Sh("2026-11-23 10:00")).NextDueAt);
        Assert.Equal(Sh("2026-11-24 10:00"), CaseDeadlines.For(responded, Targets, Shanghai, Sh("2026-11-23 10:02")).NextDueAt);
        Assert.Null(CaseDeadlines.For(refunded, Targets, Shanghai, Sh("2026-11-23 12:00")).NextDueAt);
    }

    [Fact]
    public void IsDueSoon_WhenAnotherTargetIsOverdue_IsFalse()
    {
        var due = new CaseDue(new TargetDue(Sh("2026-11-23 10:05"), TargetState.Overdue), new TargetDue(Sh("2026-11-23 18:00"), TargetState.DueSoon));

        Assert.True(due.IsOverdue);
        Assert.False(due.IsDueSoon);
    }
}
