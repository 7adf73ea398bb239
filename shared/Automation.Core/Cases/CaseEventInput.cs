using System.Diagnostics.CodeAnalysis;

namespace Automation.Core.Cases;

/// <summary>The case event types, sent to the shop's events endpoint like order events.</summary>
public static class CaseEventTypes
{
    public const string Opened = "case.opened";
    public const string Updated = "case.updated";
    public const string Closed = "case.closed";

    public static IReadOnlyList<string> All { get; } = [Opened, Updated, Closed];

    public static bool IsCaseEvent(string? type) => type is Opened or Updated or Closed;
}

/// <summary>
/// A case event as received: <c>{ "id", "type", "occurredAt", "case": { ... } }</c>, everything optional and unchecked.
/// <see cref="CaseEventValidator"/> turns it into a <see cref="CaseEvent"/>.
/// </summary>
public sealed class CaseEventInput
{
    public string? Id { get; set; }

    public string? Type { get; set; }

    /// <summary>RFC 3339 with an offset (see <c>DateInput</c>); kept as text so that a date without an offset is refused, not guessed.</summary>
    public string? OccurredAt { get; set; }

    public CaseInput? Case { get; set; }
}

/// <summary>
/// <c>case: { "id", "orderId", "kind", "status", "reason", "rejectionReason", "amount", "currency", "openedAt", "escalated",
/// "returnTracking": { "carrier", "trackingNumber" }, "evidence": [ { "type": "photo", "url" } | { "type": "text", "text" } ] }</c>.
/// </summary>
public sealed class CaseInput
{
    public string? Id { get; set; }

    public string? OrderId { get; set; }

    /// <summary>refund_only, return_refund or exchange.</summary>
    public string? Kind { get; set; }

    /// <summary>A status of the kind (see <see cref="CaseTransitions"/>); case.opened defaults to pending_review, case.closed to closed.</summary>
    public string? Status { get; set; }

    /// <summary>
    /// The buyer's reason: quality, not_as_described, wrong_item, lost_parcel, damaged_in_transit, address_problem,
    /// returned_to_sender, not_received, changed_mind or other. Anything else (a platform's free text, such as Taobao's
    /// 退款原因, or its own code) is kept as <see cref="ReasonText"/> with reason other: a case is never refused for it.
    /// </summary>
    public string? Reason { get; set; }

    /// <summary>The reason in the platform's or the buyer's own words, shown to agents next to the reason code.</summary>
    public string? ReasonText { get; set; }

    /// <summary>Why the shop rejected the case; required with status rejected.</summary>
    public string? RejectionReason { get; set; }

    public decimal? Amount { get; set; }

    public string? Currency { get; set; }

    /// <inheritdoc cref="CaseEventInput.OccurredAt"/>
    public string? OpenedAt { get; set; }

    public bool? Escalated { get; set; }

    public ReturnTrackingInput? ReturnTracking { get; set; }

    [SuppressMessage("Usage", "CA2227:Collection properties should be read only", Justification = "Input DTO bound by System.Text.Json.")]
    [SuppressMessage("Design", "CA1002:Do not expose generic lists", Justification = "Input DTO bound by System.Text.Json.")]
    public List<CaseEvidenceInput>? Evidence { get; set; }
}

public sealed class ReturnTrackingInput
{
    public string? Carrier { get; set; }

    public string? TrackingNumber { get; set; }
}

public sealed class CaseEvidenceInput
{
    /// <summary>photo or text.</summary>
    public string? Type { get; set; }

    public string? Url { get; set; }

    public string? Text { get; set; }
}
