namespace Automation.Core.Cases;

/// <summary>
/// An after-sale case as the product keeps it (build and change it with <see cref="CaseLifecycle"/>).
/// The <c>init</c> timestamps are the product's own bookkeeping, set when the case first reaches the stage:
/// they drive the service targets (<see cref="CaseDeadlines"/>) and the buyer's return deadline.
/// </summary>
public sealed record Case(
    string ShopId,
    string CaseId,
    string OrderId,
    CaseKind Kind,
    CaseStatus Status,
    CaseReason? Reason,
    string? RejectionReason,
    decimal? Amount,
    string? Currency,
    DateTimeOffset OpenedAt,
    bool Escalated,
    ReturnTracking? ReturnTracking,
    IReadOnlyList<CaseEvidence> Evidence)
{
    /// <summary>When the status last changed (the event's time, else the time it was applied).</summary>
    public DateTimeOffset StatusChangedAt { get; init; }

    /// <summary>The reason in the platform's or the buyer's words, as sent (cleaned, at most 500 characters); it travels with <see cref="Reason"/>.</summary>
    public string? ReasonText { get; init; }

    /// <summary>The first response: when the case first left pending review. Meets the first-response target.</summary>
    public DateTimeOffset? RespondedAt { get; init; }

    /// <summary>When the returned parcel was first known received (return kinds); starts their resolution target.</summary>
    public DateTimeOffset? ReceivedAt { get; init; }

    /// <summary>When the case was first resolved: rejected, refunded, reshipped or closed. Meets the resolution target.</summary>
    public DateTimeOffset? ResolvedAt { get; init; }

    /// <summary>When the buyer's money was first known refunded (the case reached refunded): the shop's time to refund ends here.</summary>
    public DateTimeOffset? RefundedAt { get; init; }

    /// <summary>The buyer's deadline to send the return parcel: set to returnWindow after the return was agreed.</summary>
    public DateTimeOffset? ReturnDeadline { get; init; }

    public bool IsClosed => Status == CaseStatus.Closed;

    /// <summary>Whether the buyer has attached at least one photo.</summary>
    public bool HasPhotos => Evidence.Any(e => e.Type == CaseEvidenceType.Photo);
}

/// <summary>The buyer's return parcel.</summary>
public sealed record ReturnTracking(string Carrier, string TrackingNumber);

/// <summary>One piece of evidence: a photo has a <see cref="Url"/>, a text has <see cref="Text"/>.</summary>
public sealed record CaseEvidence(CaseEvidenceType Type, string? Url, string? Text);

/// <summary>A validated case event: <c>case.opened</c>, <c>case.updated</c> or <c>case.closed</c>, with the case's facts.</summary>
public sealed record CaseEvent(string Id, string Type, DateTimeOffset? OccurredAt, CaseFacts Facts);

/// <summary>What one event says about a case; null means "not said", never "cleared". Kind and status are always said.</summary>
public sealed record CaseFacts(
    string CaseId,
    string OrderId,
    CaseKind Kind,
    CaseStatus Status,
    CaseReason? Reason,
    string? RejectionReason,
    decimal? Amount,
    string? Currency,
    DateTimeOffset? OpenedAt,
    bool? Escalated,
    ReturnTracking? ReturnTracking,
    IReadOnlyList<CaseEvidence>? Evidence)
{
    /// <summary>The reason in the platform's or the buyer's own words, said with <see cref="Reason"/>.</summary>
    public string? ReasonText { get; init; }
}

/// <summary>The outcome of applying an event: the case after it, and whether the event moved it.</summary>
/// <param name="Case">The case after the event.</param>
/// <param name="StatusChanged">Whether the status moved (always true for a new case).</param>
/// <param name="PreviousStatus">The status before; null for a new case.</param>
/// <param name="Late">The event's status was behind the case's: only its facts were merged.</param>
public sealed record CaseChange(Case Case, bool StatusChanged, CaseStatus? PreviousStatus, bool Late);
