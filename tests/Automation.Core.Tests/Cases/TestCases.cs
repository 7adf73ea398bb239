using Automation.Core.Cases;

namespace Automation.Core.Tests.Cases;

/// <summary>Builders for case events and cases.</summary>
internal static class TestCases
{
    public const string ShopId = "demo-shop";
    public const string CaseId = "C1001";
    public const string OrderId = "A1001";

    public static CaseFacts Facts(CaseKind kind, CaseStatus status, string? rejectionReason = null) => new(
        CaseId,
        OrderId,
        kind,
        status,
        Reason: null,
        RejectionReason: rejectionReason ?? (status == CaseStatus.Rejected ? "Outside the return period." : null),
        Amount: null,
        Currency: null,
        OpenedAt: null,
        Escalated: null,
        ReturnTracking: null,
        Evidence: null);

    public static CaseEvent Event(CaseFacts facts, DateTimeOffset? at = null, string id = "evt-1")
        => new(id, facts.Status == CaseStatus.Closed ? CaseEventTypes.Closed : CaseEventTypes.Updated, at, facts);

    public static CaseEvent Event(CaseKind kind, CaseStatus status, DateTimeOffset? at = null) => Event(Facts(kind, status), at);

    /// <summary>A case as first seen with <paramref name="status"/>, opened at <paramref name="openedAt"/>.</summary>
    public static Case At(CaseKind kind, CaseStatus status, DateTimeOffset openedAt)
        => Apply(null, Event(Facts(kind, status) with { OpenedAt = openedAt }, openedAt), openedAt);

    public static Case Apply(Case? current, CaseEvent evt, DateTimeOffset now, ServiceTargets? targets = null)
    {
        var result = CaseLifecycle.Apply(ShopId, current, evt, targets ?? ServiceTargets.Default, now);
        Assert.True(result.IsValid, string.Join("; ", result.Errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")));
        return result.Value.Case;
    }
}
