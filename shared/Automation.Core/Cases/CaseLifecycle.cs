namespace Automation.Core.Cases;

/// <summary>
/// Applies case events to cases, following each kind's transition table (<see cref="CaseTransitions"/>).
/// Events arrive late, twice or out of order, so:
/// <list type="bullet">
/// <item>A status ahead of the case's (reachable through the table) moves it, skipping steps whose events were lost
/// or have not arrived yet. The first event of a case may announce any status of its kind.</item>
/// <item>A status behind the case's is a late event: the status stays, and the event only fills facts still unknown
/// (evidence is added), like <c>OrderLifecycle</c>. Not an error: closed is behind nothing, so every event after
/// closing is late.</item>
/// <item>A status neither ahead nor behind (rejected -> awaiting_return, a status of another kind) makes no sense:
/// the result is a validation error at <c>case.status</c> naming the transition, for a 400.</item>
/// <item>Moving to rejected needs a rejection reason (at <c>case.rejectionReason</c>); an event cannot change a case's
/// kind (at <c>case.kind</c>).</item>
/// <item>When the return is agreed (a return kind reaches approved or awaiting_return), the buyer's return deadline
/// is set to <see cref="ServiceTargets.ReturnWindow"/> after the event, once.</item>
/// </list>
/// Times: an event's <see cref="CaseEvent.OccurredAt"/>, else <c>now</c> (when it is applied).
/// </summary>
public static class CaseLifecycle
{
    /// <summary>Applies <paramref name="evt"/> to the case's current state (null when the case is new).</summary>
    public static ValidationResult<CaseChange> Apply(string shopId, Case? current, CaseEvent evt, ServiceTargets targets, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrEmpty(shopId);
        ArgumentNullException.ThrowIfNull(evt);
        ArgumentNullException.ThrowIfNull(targets);
        var facts = evt.Facts;
        var at = evt.OccurredAt ?? now;
        var errors = new ValidationErrors();

        if (current is null)
        {
            if (!CaseTransitions.HasStatus(facts.Kind, facts.Status))
            {
                errors.Add("case.status", $"{CaseNames.Name(facts.Status)} is not a status of {CaseNames.Name(facts.Kind)} cases.");
            }

            RequireRejectionReason(facts.Status, facts.RejectionReason, errors);
            return errors.ToResult(() =>
            {
                var created = new Case(
                    shopId,
                    facts.CaseId,
                    facts.OrderId,
                    facts.Kind,
                    facts.Status,
                    facts.Reason,
                    facts.RejectionReason,
                    facts.Amount,
                    facts.Currency,
                    facts.OpenedAt ?? at,
                    facts.Escalated ?? false,
                    facts.ReturnTracking,
                    facts.Evidence ?? []) { StatusChangedAt = at, ReasonText = facts.ReasonText };
                return new CaseChange(Reach(created, facts.Status, at, targets), StatusChanged: true, PreviousStatus: null, Late: false);
            });
        }

        if (!string.Equals(current.ShopId, shopId, StringComparison.Ordinal)
            || !string.Equals(current.CaseId, facts.CaseId, StringComparison.Ordinal))
        {
            throw new ArgumentException($"Event {evt.Id} is for case {shopId}/{facts.CaseId}, not {current.ShopId}/{current.CaseId}.", nameof(evt));
        }

        if (facts.Kind != current.Kind)
        {
            errors.Add("case.kind", $"Case {current.CaseId} is a {CaseNames.Name(current.Kind)} case; an event cannot make it {CaseNames.Name(facts.Kind)}.");
            return errors.ToFailure<CaseChange>();
        }

        var move = CaseTransitions.Classify(current.Kind, current.Status, facts.Status);
        switch (move)
        {
            case CaseMove.Refused:
                errors.Add("case.status", CaseTransitions.Describe(current.Kind, current.Status, facts.Status));
                return errors.ToFailure<CaseChange>();
            case CaseMove.Late:
                return ValidationResult.Success(new CaseChange(FillGaps(current, facts), StatusChanged: false, current.Status, Late: true));
            case CaseMove.Same:
                return ValidationResult.Success(new CaseChange(Update(current, facts), StatusChanged: false, current.Status, Late: false));
            default:
                RequireRejectionReason(facts.Status, facts.RejectionReason ?? current.RejectionReason, errors);
                return errors.ToResult(() =>
                {
                    var moved = Update(current, facts) with { Status = facts.Status, StatusChangedAt = at };
                    return new CaseChange(Reach(moved, facts.Status, at, targets), StatusChanged: true, current.Status, Late: false);
                });
        }
    }

    /// <summary>Rejected, refunded, reshipped and closed resolve a case (for its resolution target).</summary>
    public static bool IsResolution(CaseStatus status)
        => status is CaseStatus.Rejected or CaseStatus.Refunded or CaseStatus.Reshipped or CaseStatus.Closed;

    private static void RequireRejectionReason(CaseStatus status, string? reason, ValidationErrors errors)
    {
        if (status == CaseStatus.Rejected && string.IsNullOrWhiteSpace(reason))
        {
            errors.Add("case.rejectionReason", "A rejected case needs the reason it was rejected.");
        }
    }

    /// <summary>Records the stages <paramref name="status"/> implies were reached, each at its first time only.</summary>
    private static Case Reach(Case c, CaseStatus status, DateTimeOffset at, ServiceTargets targets)
    {
        var hasReturn = c.Kind is CaseKind.ReturnRefund or CaseKind.Exchange;
        var returnAgreed = hasReturn && status is CaseStatus.Approved or CaseStatus.AwaitingReturn;
        var returnReceived = hasReturn
            && status is CaseStatus.Received or CaseStatus.AwaitingRefund or CaseStatus.Refunded or CaseStatus.AwaitingReshipment or CaseStatus.Reshipped;
        return c with
        {
            RespondedAt = c.RespondedAt ?? (status == CaseStatus.PendingReview ? null : at),
            ReceivedAt = c.ReceivedAt ?? (returnReceived ? at : null),
            ResolvedAt = c.ResolvedAt ?? (IsResolution(status) ? at : null),
            RefundedAt = c.RefundedAt ?? (status == CaseStatus.Refunded ? at : null),
            ReturnDeadline = c.ReturnDeadline ?? (returnAgreed ? at + targets.ReturnWindow : null),
        };
    }

    private static Case Update(Case c, CaseFacts facts) => c with
    {
        Reason = facts.Reason ?? c.Reason,

        // The text belongs to the reason it came with: a new reason replaces both.
        ReasonText = facts.Reason is null ? c.ReasonText : facts.ReasonText,
        RejectionReason = facts.RejectionReason ?? c.RejectionReason,
        Amount = facts.Amount ?? c.Amount,
        Currency = facts.Currency ?? c.Currency,
        OpenedAt = facts.OpenedAt ?? c.OpenedAt,
        Escalated = facts.Escalated ?? c.Escalated,
        ReturnTracking = facts.ReturnTracking ?? c.ReturnTracking,
        Evidence = MergeEvidence(c.Evidence, facts.Evidence),
    };

    // A late event cannot change what a newer one said (escalation included). The opening time is a fixed fact of the
    // case, so one sent by any event is taken: a case first seen through a later event had only a guess.
    private static Case FillGaps(Case c, CaseFacts facts) => c with
    {
        OpenedAt = facts.OpenedAt ?? c.OpenedAt,
        Reason = c.Reason ?? facts.Reason,
        ReasonText = c.Reason is null ? facts.ReasonText : c.ReasonText,
        RejectionReason = c.RejectionReason ?? facts.RejectionReason,
        Amount = c.Amount ?? facts.Amount,
        Currency = c.Currency ?? facts.Currency,
        ReturnTracking = c.ReturnTracking ?? facts.ReturnTracking,
        Evidence = MergeEvidence(c.Evidence, facts.Evidence),
    };

    /// <summary>Evidence only accumulates: what the buyer showed once stays shown. New pieces are added at the end.</summary>
    private static IReadOnlyList<CaseEvidence> MergeEvidence(IReadOnlyList<CaseEvidence> known, IReadOnlyList<CaseEvidence>? sent)
        => sent is null ? known : [.. known, .. sent.Where(e => !known.Contains(e)).Distinct()];
}
