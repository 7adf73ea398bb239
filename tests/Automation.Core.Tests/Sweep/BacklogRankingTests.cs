using Automation.Core.Cases;
using Automation.Core.Sweep;
using Automation.Core.Tasks;
using static Automation.Core.Tests.Sweep.SweepItems;

namespace Automation.Core.Tests.Sweep;

public class BacklogRankingTests
{
    [Fact]
    public void Score_EscalatedDisputeOverdueWithAmount_SumsPartsAndExplainsThem()
    {
        var item = Item("d1", BacklogSource.EscalatedDispute, due: Now.AddHours(-3), created: Now.AddHours(-26), amount: 420m);

        var ranked = BacklogRanking.Score(item, Now);

        Assert.Equal(10000 + 300 + 52 + 8, ranked.Score);
        Assert.Equal("escalated platform dispute (+10000); overdue by 3h (+300); open 1d 2h (+52); ¥420 at stake (+8)", ranked.Reason);
        Assert.Equal(1, ranked.Priority);
    }

    [Fact]
    public void Score_HandoverNoteJustWritten_ShowsItsZeroSourcePart()
    {
        var ranked = BacklogRanking.Score(Item("h1", BacklogSource.HandoverNote), Now);

        Assert.Equal(0, ranked.Score);
        Assert.Equal("handover note (+0)", ranked.Reason);
        Assert.Equal(5, ranked.Priority);
    }

    [Theory]
    [InlineData(-24 * 60, 0)] // due in a day: nothing yet
    [InlineData(-120, 110)]   // due in 2h
    [InlineData(0, 120)]      // due now
    [InlineData(1, 121)]      // a minute overdue
    [InlineData(180, 300)]    // 3h overdue
    [InlineData(480, 600)]    // 8h overdue: the cap
    [InlineData(5000, 600)]
    public void Score_TimePart_RisesTowardsAndPastTheDueTime(int minutesOverdue, int expectedBonus)
    {
        var ranked = BacklogRanking.Score(Item("t", BacklogSource.HandoverNote, due: Now.AddMinutes(-minutesOverdue)), Now);

        Assert.Equal(expectedBonus, ranked.Score);
    }

    [Fact]
    public void Score_NeverDropsAsTimePasses()
    {
        var item = Item("t", BacklogSource.ShipmentException, due: Now.AddHours(30), created: Now.AddHours(-1), amount: 99m);
        var previous = int.MinValue;
        for (var at = Now; at < Now.AddDays(4); at += TimeSpan.FromMinutes(7))
        {
            var score = BacklogRanking.Score(item, at).Score;
            Assert.True(score >= previous, $"score dropped at {at:O}");
            previous = score;
        }
    }

    [Fact]
    public void Score_WithinSourceBonusesNeverReachTheNextSource()
    {
        var worstHandover = Item("h", BacklogSource.HandoverNote, due: Now.AddDays(-30), created: Now.AddDays(-30), amount: 1_000_000m);
        var freshFailedMessage = Item("f", BacklogSource.FailedMessageDelivery);

        Assert.True(BacklogRanking.Score(worstHandover, Now).Score < BacklogRanking.Score(freshFailedMessage, Now).Score);
        Assert.Equal(796, BacklogRanking.Score(worstHandover, Now).Score);
    }

    [Fact]
    public void Rank_FollowsTheIssuesSourceOrder()
    {
        var sources = Enum.GetValues<BacklogSource>();
        var items = sources.Reverse().Select((s, i) => Item($"i{i}", s, created: Now.AddHours(-i))).ToList();

        var ranked = BacklogRanking.Rank(items, Now);

        Assert.Equal(sources, ranked.Select(r => r.Item.Source));
        Assert.Equal([1, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5], ranked.Select(r => r.Priority));
    }

    [Fact]
    public void Rank_EqualScores_EarlierDueFirstThenNoDueThenById()
    {
        var items = new[]
        {
            Item("c", BacklogSource.HandoverNote),
            Item("b", BacklogSource.HandoverNote),
            Item("late", BacklogSource.HandoverNote, due: Now.AddDays(3)),
            Item("early", BacklogSource.HandoverNote, due: Now.AddDays(2)),
        };

        var ranked = BacklogRanking.Rank(items, Now);

        Assert.Equal(["test:early", "test:late", "test:b", "test:c"], ranked.Select(r => r.TaskId));
    }

    [Fact]
    public void Rank_SameTaskIdTwice_KeepsTheHigherRankedCopyWithTheKnownAssignee()
    {
        var items = new[]
        {
            Item("case-1", BacklogSource.OverdueCase, assignedTo: "ann"),
            Item("case-1", BacklogSource.EscalatedDispute),
        };

        var ranked = Assert.Single(BacklogRanking.Rank(items, Now));

        Assert.Equal(BacklogSource.EscalatedDispute, ranked.Item.Source);
        Assert.Equal("ann", ranked.Item.AssignedTo);
    }

    [Fact]
    public void Rank_IsIndependentOfInputOrder()
    {
        var items = Enumerable.Range(0, 40)
            .Select(i => Item($"x{i % 17}", (BacklogSource)(i % 11), due: i % 3 == 0 ? null : Now.AddMinutes(i * 37 - 600), created: Now.AddMinutes(-i * 13), amount: i * 7))
            .ToList();

        var forward = BacklogRanking.Rank(items, Now);
        var backward = BacklogRanking.Rank(Enumerable.Reverse(items), Now);

        Assert.Equal(forward.Select(r => (r.TaskId, r.Score)), backward.Select(r => (r.TaskId, r.Score)));
    }

    [Theory]
    [InlineData("CNY", 420, "¥420")]
    [InlineData("USD", 19.9, "$19.9")]
    [InlineData("EUR", 5, "€5")]
    [InlineData("SEK", 120.5, "120.5 SEK")]
    public void Money_KnownCurrency_UsesItsSymbol(string currency, double amount, string expected)
    {
        Assert.Equal(expected, BacklogRanking.Money(new MoneyAtStake((decimal)amount, currency)));
    }

    [Theory]
    [InlineData(0, "0m")]
    [InlineData(45, "45m")]
    [InlineData(180, "3h")]
    [InlineData(150, "2h 30m")]
    [InlineData(1560, "1d 2h")]
    [InlineData(2880, "2d")]
    public void Duration_ShowsTheTwoLargestUnits(long minutes, string expected)
    {
        Assert.Equal(expected, BacklogRanking.Duration(minutes));
    }

    [Fact]
    public void ToTask_CarriesPriorityReasonAndDeadlineFallback()
    {
        var ranked = BacklogRanking.Score(Item("n", BacklogSource.HandoverNote, assignedTo: "ann") with { Evidence = [new("note", "call back")] }, Now);
        var noon = Now.AddHours(3);

        var task = BacklogRanking.ToTask(ranked, "shop-1", noon, Now);

        Assert.Equal("test:n", task.TaskId);
        Assert.Equal(5, task.Priority);
        Assert.Equal(noon, task.DueAt);
        Assert.Equal(AgentTaskState.Open, task.State);
        Assert.Equal("ann", task.AssignedTo);
        Assert.Equal((0, "score 0: handover note (+0)"), (task.Score, task.WhyNow));
        Assert.Equal(new TaskEvidence("note", "call back"), task.Evidence[^1]);
    }

    [Fact]
    public void ForCase_EscalatedCase_IsADisputeForComplaintsWithItsAmount()
    {
        var c = Case(CaseStatus.AwaitingReturn) with { Escalated = true };

        var item = BacklogItems.ForCase(c, OnTrack())!;

        Assert.Equal(BacklogSource.EscalatedDispute, item.Source);
        Assert.Equal(SweepRole.Complaints, item.Role);
        Assert.Equal("after_sale_case:c-1", item.TaskId); // one task per case, whatever its status
        Assert.Equal(new MoneyAtStake(420m, "CNY"), item.AtStake);
    }

    [Fact]
    public void ForCase_ReceivedReturnOnTrack_IsReturnReceivedNotRefunded()
    {
        var item = BacklogItems.ForCase(Case(CaseStatus.AwaitingRefund), OnTrack())!;

        Assert.Equal(BacklogSource.ReturnReceivedNotRefunded, item.Source);
        Assert.Equal(SweepRole.AfterSale, item.Role);
    }

    [Fact]
    public void ForCase_OverdueBeatsStatus()
    {
        var overdue = new CaseDue(new TargetDue(Now.AddHours(-1), TargetState.Overdue), null);

        Assert.Equal(BacklogSource.OverdueCase, BacklogItems.ForCase(Case(CaseStatus.AwaitingRefund), overdue)!.Source);
    }

    [Fact]
    public void ForCase_WaitingOnTheBuyerOnTrack_NeedsNobody()
    {
        Assert.Null(BacklogItems.ForCase(Case(CaseStatus.AwaitingReturn), OnTrack()));
        Assert.Null(BacklogItems.ForCase(Case(CaseStatus.Closed) with { Escalated = true }, OnTrack()));
    }

    private static CaseDue OnTrack() => new(new TargetDue(Now.AddHours(-5), TargetState.Met), new TargetDue(Now.AddDays(1), TargetState.OnTrack));

    private static Case Case(CaseStatus status)
        => new("shop-1", "c-1", "o-1", CaseKind.ReturnRefund, status, CaseReason.Quality, null, 420m, "CNY", Now.AddDays(-2), false, null, []);
}
