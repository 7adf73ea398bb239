using Automation.Core.Cases;
using static Automation.Core.Tests.Cases.TestCases;
using static Automation.Core.Tests.Support.Zones;

namespace Automation.Core.Tests.Cases;

public class CaseActionsTests
{
    private static readonly DateTimeOffset Opened = At("2026-11-23T02:00:00Z");
    private static readonly CaseEvidence Photo = new(CaseEvidenceType.Photo, "https://img.example.com/1.jpg", null);
    private static readonly CaseEvidence Text = new(CaseEvidenceType.Text, null, "The zip broke on day one.");

    private static Case Open(CaseKind kind, CaseReason reason, params CaseEvidence[] evidence)
        => Apply(null, Event(Facts(kind, CaseStatus.PendingReview) with { Reason = reason, Evidence = evidence }, Opened), Opened);

    [Theory]
    [InlineData(CaseReason.Quality)]
    [InlineData(CaseReason.DamagedInTransit)]
    public void For_ComplaintWithoutPhotos_RequestsPhotos(CaseReason reason)
    {
        var actions = CaseActions.For(Open(CaseKind.ReturnRefund, reason, Text));

        Assert.Contains(actions, a => a.Kind == CaseActionKinds.RequestPhotos);
    }

    [Fact]
    public void For_QualityComplaintWithPhoto_RequestsNothing()
    {
        Assert.Empty(CaseActions.For(Open(CaseKind.ReturnRefund, CaseReason.Quality, Text, Photo)));
    }

    [Theory]
    [InlineData(CaseReason.ChangedMind)]
    [InlineData(CaseReason.NotAsDescribed)]
    public void For_OtherReasonsWithoutPhotos_RequestNothing(CaseReason reason)
    {
        Assert.Empty(CaseActions.For(Open(CaseKind.Exchange, reason)));
    }

    [Fact]
    public void For_LostParcel_ReshipsFirstThenClaims()
    {
        var action = Assert.Single(CaseActions.For(Open(CaseKind.RefundOnly, CaseReason.LostParcel)));

        Assert.Equal(CaseActionKinds.ReshipThenClaim, action.Kind);
        Assert.Contains("reship", action.Why, StringComparison.Ordinal);
    }

    [Fact]
    public void For_ReturnAgreed_ExtendsTheBuyersDeadline()
    {
        var approved = Apply(Open(CaseKind.ReturnRefund, CaseReason.ChangedMind), Event(CaseKind.ReturnRefund, CaseStatus.Approved, Opened), Opened);

        var action = Assert.Single(CaseActions.For(approved));

        Assert.Equal(CaseActionKinds.ExtendReturnDeadline, action.Kind);
        Assert.Equal(Opened + TimeSpan.FromDays(10), action.At);
    }

    [Theory]
    [InlineData(CaseStatus.Rejected)]
    [InlineData(CaseStatus.Refunded)]
    [InlineData(CaseStatus.Closed)]
    public void For_ResolvedCase_NeedsNothing(CaseStatus status)
    {
        var lost = Open(CaseKind.RefundOnly, CaseReason.LostParcel);

        Assert.Empty(CaseActions.For(Apply(lost, Event(CaseKind.RefundOnly, status, Opened), Opened)));
    }
}
