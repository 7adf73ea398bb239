using System.Collections.Frozen;

namespace Automation.Core.Cases;

/// <summary>How an event's status relates to the case's current one.</summary>
public enum CaseMove
{
    /// <summary>The same status again: facts are updated.</summary>
    Same,

    /// <summary>Reachable through the kind's transitions (possibly skipping steps whose events were lost or are late).</summary>
    Forward,

    /// <summary>The case already went past it: a late event, facts merged only, never an error.</summary>
    Late,

    /// <summary>Neither ahead nor behind (another branch, or not a status of the kind): the event makes no sense.</summary>
    Refused,
}

/// <summary>
/// The explicit transition table of each kind, from domain.md. Closed ends any case that is not yet closed (the buyer
/// withdraws, the platform closes it, or it ends after a rejection or completion), so it is the one terminal status.
/// <list type="table">
/// <listheader><term>kind</term><description>transitions (besides "any -> closed")</description></listheader>
/// <item><term>refund_only</term><description>pending_review -> approved | rejected; approved -> refunded</description></item>
/// <item><term>return_refund</term><description>pending_review -> approved | rejected; approved -> awaiting_return;
/// awaiting_return -> received; received -> awaiting_refund; awaiting_refund -> refunded</description></item>
/// <item><term>exchange</term><description>pending_review -> approved | rejected; approved -> awaiting_return;
/// awaiting_return -> received; received -> awaiting_reshipment; awaiting_reshipment -> reshipped</description></item>
/// </list>
/// Domain.md's "completed" is refunded / reshipped (the money or the replacement went out) followed by closed.
/// A rejection happens at review only: a failed inspection closes the case (with the reason in the platform), it does
/// not turn an approved return into a rejection. Refund-only cases are "usually approved automatically": that is the
/// platform's or the shop's decision, reported by an event like any other.
/// </summary>
public static class CaseTransitions
{
    private static readonly FrozenDictionary<CaseKind, FrozenSet<(CaseStatus From, CaseStatus To)>> Tables = new Dictionary<CaseKind, FrozenSet<(CaseStatus, CaseStatus)>>
    {
        [CaseKind.RefundOnly] = WithClosing(
            (CaseStatus.PendingReview, CaseStatus.Approved),
            (CaseStatus.PendingReview, CaseStatus.Rejected),
            (CaseStatus.Approved, CaseStatus.Refunded)),
        [CaseKind.ReturnRefund] = WithClosing(
            (CaseStatus.PendingReview, CaseStatus.Approved),
            (CaseStatus.PendingReview, CaseStatus.Rejected),
            (CaseStatus.Approved, CaseStatus.AwaitingReturn),
            (CaseStatus.AwaitingReturn, CaseStatus.Received),
            (CaseStatus.Received, CaseStatus.AwaitingRefund),
            (CaseStatus.AwaitingRefund, CaseStatus.Refunded)),
        [CaseKind.Exchange] = WithClosing(
            (CaseStatus.PendingReview, CaseStatus.Approved),
            (CaseStatus.PendingReview, CaseStatus.Rejected),
            (CaseStatus.Approved, CaseStatus.AwaitingReturn),
            (CaseStatus.AwaitingReturn, CaseStatus.Received),
            (CaseStatus.Received, CaseStatus.AwaitingReshipment),
            (CaseStatus.AwaitingReshipment, CaseStatus.Reshipped)),
    }.ToFrozenDictionary();

    /// <summary>Every direct transition of <paramref name="kind"/>, "any -> closed" included.</summary>
    public static IReadOnlyCollection<(CaseStatus From, CaseStatus To)> For(CaseKind kind) => Tables[kind];

    /// <summary>The statuses a case of <paramref name="kind"/> can have.</summary>
    public static IReadOnlyCollection<CaseStatus> StatusesOf(CaseKind kind)
        => Tables[kind].SelectMany(t => new[] { t.From, t.To }).Distinct().Order().ToArray();

    public static bool HasStatus(CaseKind kind, CaseStatus status) => StatusesOf(kind).Contains(status);

    /// <summary>Whether <paramref name="from"/> -> <paramref name="to"/> is a direct transition of the kind.</summary>
    public static bool IsTransition(CaseKind kind, CaseStatus from, CaseStatus to) => Tables[kind].Contains((from, to));

    /// <summary>Whether <paramref name="to"/> follows <paramref name="from"/> through one or more transitions.</summary>
    public static bool CanReach(CaseKind kind, CaseStatus from, CaseStatus to)
    {
        var table = Tables[kind];
        var seen = new HashSet<CaseStatus>();
        var next = new Queue<CaseStatus>([from]);
        while (next.TryDequeue(out var status))
        {
            foreach (var (_, target) in table.Where(t => t.From == status))
            {
                if (target == to)
                {
                    return true;
                }

                if (seen.Add(target))
                {
                    next.Enqueue(target);
                }
            }
        }

        return false;
    }

    /// <summary>How an event announcing <paramref name="announced"/> relates to a case at <paramref name="current"/>.</summary>
    public static CaseMove Classify(CaseKind kind, CaseStatus current, CaseStatus announced)
    {
        if (!HasStatus(kind, current) || !HasStatus(kind, announced))
        {
            return CaseMove.Refused;
        }

        if (current == announced)
        {
            return CaseMove.Same;
        }

        if (CanReach(kind, current, announced))
        {
            return CaseMove.Forward;
        }

        return CanReach(kind, announced, current) ? CaseMove.Late : CaseMove.Refused;
    }

    /// <summary>The message for a refused move: "return_refund: rejected -> awaiting_return is not a transition."</summary>
    public static string Describe(CaseKind kind, CaseStatus from, CaseStatus to)
        => HasStatus(kind, to)
            ? $"{CaseNames.Name(kind)}: {CaseNames.Name(from)} -> {CaseNames.Name(to)} is not a transition."
            : $"{CaseNames.Name(kind)}: {CaseNames.Name(from)} -> {CaseNames.Name(to)} is not a transition ({CaseNames.Name(to)} is not a status of {CaseNames.Name(kind)} cases).";

    private static FrozenSet<(CaseStatus, CaseStatus)> WithClosing(params (CaseStatus From, CaseStatus To)[] transitions)
    {
        var statuses = transitions.SelectMany(t => new[] { t.From, t.To }).Distinct();
        return transitions.Concat(statuses.Select(s => (s, CaseStatus.Closed))).ToFrozenSet();
    }
}
