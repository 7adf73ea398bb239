using Automation.Core.Cases;
using static Automation.Core.Tests.Cases.TestCases;
using static Automation.Core.Tests.Support.Zones;

namespace Automation.Core.Tests.Cases;

public class CaseLifecycleTests
{
    private static readonly DateTimeOffset Opened = At("2026-11-23T02:00:00Z");
    private static readonly DateTimeOffset Later = At("2026-11-23T03:00:00Z");

    public static TheoryData<CaseKind, CaseStatus, CaseStatus> AllowedTransitions()
    {
        var data = new TheoryData<CaseKind, CaseStatus, CaseStatus>();
        foreach (var kind in Enum.GetValues<CaseKind>())
        {
            foreach (var (from, to) in CaseTransitions.For(kind))
            {
                data.Add(kind, from, to);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(AllowedTransitions))]
    public void Apply_AllowedTransition_MovesTheCase(CaseKind kind, CaseStatus from, CaseStatus to)
    {
        var current = TestCases.At(kind, from, Opened);

        var result = CaseLifecycle.Apply(ShopId, current, Event(kind, to, Later), ServiceTargets.Default, Later);

        Assert.True(result.IsValid);
        Assert.Equal(to, result.Value.Case.Status);
        Assert.True(result.Value.StatusChanged);
        Assert.False(result.Value.Late);
        Assert.Equal(from, result.Value.PreviousStatus);
        Assert.Equal(Later, result.Value.Case.StatusChangedAt);
    }

    [Fact]
    public void For_TransitionTables_AreExactlyTheDocumentedOnes()
    {
        static string Table(CaseKind kind) => string.Join(", ", CaseTransitions.For(kind)
            .Where(t => t.To != CaseStatus.Closed)
            .Select(t => $"{CaseNames.Name(t.From)}->{CaseNames.Name(t.To)}")
            .Order(StringComparer.Ordinal));

        Assert.Equal("approved->refunded, pending_review->approved, pending_review->rejected", Table(CaseKind.RefundOnly));
        Assert.Equal(
            "approved->awaiting_return, awaiting_refund->refunded, awaiting_return->received, pending_review->approved, pending_review->rejected, received->awaiting_refund",
            Table(CaseKind.ReturnRefund));
        Assert.Equal(
            "approved->awaiting_return, awaiting_reshipment->reshipped, awaiting_return->received, pending_review->approved, pending_review->rejected, received->awaiting_reshipment",
            Table(CaseKind.Exchange));
        foreach (var kind in Enum.GetValues<CaseKind>())
        {
            // Every status but closed can be closed; closed leads nowhere.
            Assert.All(CaseTransitions.StatusesOf(kind).Where(s => s != CaseStatus.Closed), s => Assert.True(CaseTransitions.IsTransition(kind, s, CaseStatus.Closed)));
            Assert.DoesNotContain(CaseTransitions.For(kind), t => t.From == CaseStatus.Closed);
        }
    }

    [Theory]
    [InlineData(CaseKind.ReturnRefund, CaseStatus.Rejected, CaseStatus.AwaitingReturn, "return_refund: rejected -> awaiting_return is not a transition.")]
    [InlineData(CaseKind.ReturnRefund, CaseStatus.Rejected, CaseStatus.Refunded, "return_refund: rejected -> refunded is not a transition.")]
    [InlineData(CaseKind.ReturnRefund, CaseStatus.Approved, CaseStatus.Rejected, "return_refund: approved -> rejected is not a transition.")]
    [InlineData(CaseKind.ReturnRefund, CaseStatus.AwaitingRefund, CaseStatus.Rejected, "return_refund: awaiting_refund -> rejected is not a transition.")]
    [InlineData(CaseKind.ReturnRefund, CaseStatus.Received, CaseStatus.AwaitingReshipment, "return_refund: received -> awaiting_reshipment is not a transition (awaiting_reshipment is not a status of return_refund cases).")]
    [InlineData(CaseKind.Exchange, CaseStatus.Received, CaseStatus.AwaitingRefund, "exchange: received -> awaiting_refund is not a transition (awaiting_refund is not a status of exchange cases).")]
    [InlineData(CaseKind.Exchange, CaseStatus.AwaitingReshipment, CaseStatus.Refunded, "exchange: awaiting_reshipment -> refunded is not a transition (refunded is not a status of exchange cases).")]
    [InlineData(CaseKind.Exchange, CaseStatus.Rejected, CaseStatus.Reshipped, "exchange: rejected -> reshipped is not a transition.")]
    [InlineData(CaseKind.Exchange, CaseStatus.Reshipped, CaseStatus.Rejected, "exchange: reshipped -> rejected is not a transition.")]
    [InlineData(CaseKind.RefundOnly, CaseStatus.PendingReview, CaseStatus.AwaitingReturn, "refund_only: pending_review -> awaiting_return is not a transition (awaiting_return is not a status of refund_only cases).")]
    [InlineData(CaseKind.RefundOnly, CaseStatus.Rejected, CaseStatus.Refunded, "refund_only: rejected -> refunded is not a transition.")]
    [InlineData(CaseKind.RefundOnly, CaseStatus.Refunded, CaseStatus.Rejected, "refund_only: refunded -> rejected is not a transition.")]
    public void Apply_TransitionThatMakesNoSense_IsAnErrorNamingIt(CaseKind kind, CaseStatus from, CaseStatus to, string message)
    {
        var current = TestCases.At(kind, from, Opened);

        var result = CaseLifecycle.Apply(ShopId, current, Event(kind, to, Later), ServiceTargets.Default, Later);

        Assert.False(result.IsValid);
        Assert.Equal([message], result.Errors["case.status"]);
    }

    [Fact]
    public void Classify_EveryPairOfStatuses_IsExactlyOneMove()
    {
        foreach (var kind in Enum.GetValues<CaseKind>())
        {
            foreach (var from in Enum.GetValues<CaseStatus>())
            {
                foreach (var to in Enum.GetValues<CaseStatus>())
                {
                    var move = CaseTransitions.Classify(kind, from, to);
                    var both = CaseTransitions.HasStatus(kind, from) && CaseTransitions.HasStatus(kind, to);
                    var expected = !both ? CaseMove.Refused
                        : from == to ? CaseMove.Same
                        : CaseTransitions.CanReach(kind, from, to) ? CaseMove.Forward
                        : CaseTransitions.CanReach(kind, to, from) ? CaseMove.Late
                        : CaseMove.Refused;
                    Assert.Equal(expected, move);
                    Assert.False(both && CaseTransitions.CanReach(kind, from, to) && CaseTransitions.CanReach(kind, to, from), "the tables have no cycles");
                }
            }
        }
    }

    [Theory]
    [InlineData(CaseKind.ReturnRefund, CaseStatus.Refunded, CaseStatus.AwaitingReturn)]
    [InlineData(CaseKind.ReturnRefund, CaseStatus.Received, CaseStatus.Approved)]
    [InlineData(CaseKind.ReturnRefund, CaseStatus.Closed, CaseStatus.AwaitingRefund)]
    [InlineData(CaseKind.ReturnRefund, CaseStatus.Closed, CaseStatus.PendingReview)]
    [InlineData(CaseKind.Exchange, CaseStatus.Reshipped, CaseStatus.Received)]
    [InlineData(CaseKind.Exchange, CaseStatus.Rejected, CaseStatus.PendingReview)]
    [InlineData(CaseKind.RefundOnly, CaseStatus.Refunded, CaseStatus.Approved)]
    [InlineData(CaseKind.RefundOnly, CaseStatus.Closed, CaseStatus.Rejected)]
    public void Apply_LateEvent_KeepsStatusAndIsNoError(CaseKind kind, CaseStatus current, CaseStatus late)
    {
        var before = TestCases.At(kind, current, Opened);

        var result = CaseLifecycle.Apply(ShopId, before, Event(kind, late, Later), ServiceTargets.Default, Later);

        Assert.True(result.IsValid);
        Assert.True(result.Value.Late);
        Assert.False(result.Value.StatusChanged);
        Assert.Equal(current, result.Value.Case.Status);
        Assert.Equal(before.StatusChangedAt, result.Value.Case.StatusChangedAt);
    }

    [Fact]
    public void Apply_LateEvent_FillsOnlyUnknownFactsAndAddsEvidence()
    {
        var current = Apply(null, Event(Facts(CaseKind.ReturnRefund, CaseStatus.Received) with { Amount = 99m, Escalated = true }, Later), Later);
        var photo = new CaseEvidence(CaseEvidenceType.Photo, "https://img.example.com/1.jpg", null);
        var late = Facts(CaseKind.ReturnRefund, CaseStatus.PendingReview) with
        {
            Amount = 10m,
            Currency = "CNY",
            Reason = CaseReason.Quality,
            Escalated = false,
            OpenedAt = Opened,
            Evidence = [photo],
        };

        var result = Apply(current, Event(late, Opened), Later);

        Assert.Equal(CaseStatus.Received, result.Status);
        Assert.Equal(99m, result.Amount);
        Assert.Equal("CNY", result.Currency);
        Assert.Equal(CaseReason.Quality, result.Reason);
        Assert.True(result.Escalated);
        Assert.Equal(Opened, result.OpenedAt);
        Assert.Equal([photo], result.Evidence);
    }

    [Fact]
    public void Apply_CurrentEvent_UpdatesFactsAndKeepsEvidence()
    {
        var text = new CaseEvidence(CaseEvidenceType.Text, null, "The seam is torn.");
        var photo = new CaseEvidence(CaseEvidenceType.Photo, "https://img.example.com/1.jpg", null);
        var current = Apply(null, Event(Facts(CaseKind.Exchange, CaseStatus.PendingReview) with { Amount = 99m, Evidence = [text] }, Opened), Opened);

        var result = Apply(current, Event(Facts(CaseKind.Exchange, CaseStatus.PendingReview) with { Amount = 89m, Escalated = true, Evidence = [photo, text] }, Later), Later);

        Assert.Equal(89m, result.Amount);
        Assert.True(result.Escalated);
        Assert.Equal([text, photo], result.Evidence);
    }

    [Fact]
    public void Apply_ReasonText_IsKeptWithItsReason_AndANewReasonReplacesBoth()
    {
        var opened = Apply(null, Event(Facts(CaseKind.RefundOnly, CaseStatus.PendingReview) with { Reason = CaseReason.Other, ReasonText = "七天无理由" }, Opened), Opened);
        var unsaid = Apply(opened, Event(Facts(CaseKind.RefundOnly, CaseStatus.Approved) with { Reason = null }, Later), Later);
        var recoded = Apply(unsaid, Event(Facts(CaseKind.RefundOnly, CaseStatus.Approved) with { Reason = CaseReason.ChangedMind }, Later), Later);

        Assert.Equal((CaseReason.Other, "七天无理由"), (opened.Reason, opened.ReasonText));
        Assert.Equal((CaseReason.Other, "七天无理由"), (unsaid.Reason, unsaid.ReasonText));
        Assert.Equal((CaseReason.ChangedMind, (string?)null), (recoded.Reason, recoded.ReasonText));
    }

    [Fact]
    public void Apply_LateEvent_FillsAnUnknownReasonWithItsText_AndLeavesAKnownOne()
    {
        var current = Apply(null, Event(Facts(CaseKind.RefundOnly, CaseStatus.Approved) with { Reason = null }, Later), Later);
        var late = Event(Facts(CaseKind.RefundOnly, CaseStatus.PendingReview) with { Reason = CaseReason.Other, ReasonText = "不想要了" }, Opened);

        var filled = Apply(current, late, Later);
        var kept = Apply(filled, Event(Facts(CaseKind.RefundOnly, CaseStatus.PendingReview) with { Reason = CaseReason.Quality, ReasonText = "late words" }, Opened), Later);

        Assert.Equal((CaseReason.Other, "不想要了"), (filled.Reason, filled.ReasonText));
        Assert.Equal((CaseReason.Other, "不想要了"), (kept.Reason, kept.ReasonText));
    }

    [Fact]
    public void Apply_RejectionWithoutReason_IsAnError()
    {
        var current = TestCases.At(CaseKind.ReturnRefund, CaseStatus.PendingReview, Opened);
        var rejected = Facts(CaseKind.ReturnRefund, CaseStatus.Rejected) with { RejectionReason = null };

        var result = CaseLifecycle.Apply(ShopId, current, Event(rejected, Later), ServiceTargets.Default, Later);

        Assert.False(result.IsValid);
        Assert.Contains("case.rejectionReason", result.Errors.Keys);
        Assert.False(CaseLifecycle.Apply(ShopId, null, Event(rejected, Later), ServiceTargets.Default, Later).IsValid);
    }

    [Fact]
    public void Apply_RejectionRepeatedWithoutReason_KeepsTheKnownReason()
    {
        var current = Apply(TestCases.At(CaseKind.RefundOnly, CaseStatus.PendingReview, Opened), Event(CaseKind.RefundOnly, CaseStatus.Rejected, Later), Later);

        var again = Apply(current, Event(Facts(CaseKind.RefundOnly, CaseStatus.Rejected) with { RejectionReason = null }, Later), Later);

        Assert.Equal("Outside the return period.", again.RejectionReason);
    }

    [Fact]
    public void Apply_OtherKind_IsAnErrorAtKind()
    {
        var current = TestCases.At(CaseKind.ReturnRefund, CaseStatus.PendingReview, Opened);

        var result = CaseLifecycle.Apply(ShopId, current, Event(CaseKind.Exchange, CaseStatus.Approved, Later), ServiceTargets.Default, Later);

        Assert.Equal(["Case C1001 is a return_refund case; an event cannot make it exchange."], result.Errors["case.kind"]);
    }

    [Fact]
    public void Apply_NewCaseWithStatusOfAnotherKind_IsAnError()
    {
        var result = CaseLifecycle.Apply(ShopId, null, Event(CaseKind.RefundOnly, CaseStatus.Received, Opened), ServiceTargets.Default, Opened);

        Assert.Equal(["received is not a status of refund_only cases."], result.Errors["case.status"]);
    }

    [Theory]
    [InlineData(CaseKind.ReturnRefund)]
    [InlineData(CaseKind.Exchange)]
    public void Apply_ReturnAgreed_SetsTheBuyersDeadlineTenDaysLaterOnce(CaseKind kind)
    {
        var pending = TestCases.At(kind, CaseStatus.PendingReview, Opened);
        Assert.Null(pending.ReturnDeadline);

        var approved = Apply(pending, Event(kind, CaseStatus.Approved, Later), Later);
        var awaiting = Apply(approved, Event(kind, CaseStatus.AwaitingReturn, Later + TimeSpan.FromDays(1)), Later + TimeSpan.FromDays(1));

        Assert.Equal(Later + TimeSpan.FromDays(10), approved.ReturnDeadline);
        Assert.Equal(Later + TimeSpan.FromDays(10), awaiting.ReturnDeadline);
    }

    [Fact]
    public void Apply_ReturnAgreedWithShopWindow_UsesTheSetting()
    {
        var targets = ServiceTargets.Default with { ReturnWindow = TimeSpan.FromDays(14) };

        var first = Apply(null, Event(CaseKind.Exchange, CaseStatus.AwaitingReturn, Later), Later, targets);

        Assert.Equal(Later + TimeSpan.FromDays(14), first.ReturnDeadline);
    }

    [Fact]
    public void Apply_RefundOnlyApproved_HasNoReturnDeadline()
    {
        var approved = Apply(TestCases.At(CaseKind.RefundOnly, CaseStatus.PendingReview, Opened), Event(CaseKind.RefundOnly, CaseStatus.Approved, Later), Later);

        Assert.Null(approved.ReturnDeadline);
    }

    [Fact]
    public void Apply_SkippingAhead_RecordsEveryStagePassed()
    {
        var pending = TestCases.At(CaseKind.ReturnRefund, CaseStatus.PendingReview, Opened);

        var refunded = Apply(pending, Event(CaseKind.ReturnRefund, CaseStatus.Refunded, Later), Later);

        Assert.Equal(CaseStatus.Refunded, refunded.Status);
        Assert.Equal(Later, refunded.RespondedAt);
        Assert.Equal(Later, refunded.ReceivedAt);
        Assert.Equal(Later, refunded.ResolvedAt);
        Assert.Equal(Later, refunded.RefundedAt);
        Assert.Null(refunded.ReturnDeadline); // the return is already back
    }

    [Fact]
    public void Apply_RefundOnlyApprovedAndRefundedAtOnce_SkipsToRefunded()
    {
        var pending = TestCases.At(CaseKind.RefundOnly, CaseStatus.PendingReview, Opened);

        var change = CaseLifecycle.Apply(ShopId, pending, Event(CaseKind.RefundOnly, CaseStatus.Refunded, Later), ServiceTargets.Default, Later).Value!;

        Assert.Equal(CaseStatus.Refunded, change.Case.Status);
        Assert.Equal(CaseStatus.PendingReview, change.PreviousStatus);
        Assert.Null(change.Case.ReceivedAt);
    }

    [Theory]
    [InlineData(CaseKind.RefundOnly, CaseStatus.Rejected)]
    [InlineData(CaseKind.Exchange, CaseStatus.Reshipped)]
    [InlineData(CaseKind.ReturnRefund, CaseStatus.Closed)]
    public void Apply_ResolvedWithoutRefund_HasNoRefundTime(CaseKind kind, CaseStatus resolution)
    {
        var resolved = Apply(TestCases.At(kind, CaseStatus.PendingReview, Opened), Event(kind, resolution, Later), Later);

        Assert.Equal(Later, resolved.ResolvedAt);
        Assert.Null(resolved.RefundedAt);
    }

    [Fact]
    public void Apply_StageTimes_KeepTheirFirstValue()
    {
        var c = TestCases.At(CaseKind.ReturnRefund, CaseStatus.PendingReview, Opened);
        var times = new[] { CaseStatus.Approved, CaseStatus.AwaitingReturn, CaseStatus.Received, CaseStatus.AwaitingRefund, CaseStatus.Refunded, CaseStatus.Closed };
        var at = Opened;
        foreach (var status in times)
        {
            at += TimeSpan.FromHours(1);
            c = Apply(c, Event(CaseKind.ReturnRefund, status, at), at);
        }

        Assert.Equal(Opened + TimeSpan.FromHours(1), c.RespondedAt);
        Assert.Equal(Opened + TimeSpan.FromHours(3), c.ReceivedAt);
        Assert.Equal(Opened + TimeSpan.FromHours(5), c.ResolvedAt);
        Assert.Equal(Opened + TimeSpan.FromHours(5), c.RefundedAt);
        Assert.Equal(Opened + TimeSpan.FromHours(6), c.StatusChangedAt);
        Assert.Equal(Opened, c.OpenedAt);
    }

    [Fact]
    public void Apply_EventWithoutTime_UsesNow()
    {
        var c = Apply(null, Event(CaseKind.RefundOnly, CaseStatus.PendingReview), Opened);
        var approved = Apply(c, Event(CaseKind.RefundOnly, CaseStatus.Approved), Later);

        Assert.Equal(Opened, c.OpenedAt);
        Assert.Equal(Later, approved.RespondedAt);
    }
}
