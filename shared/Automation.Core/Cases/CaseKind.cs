namespace Automation.Core.Cases;

/// <summary>The three kinds of after-sale case; each has its own statuses (see <see cref="CaseTransitions"/>).</summary>
public enum CaseKind
{
    /// <summary>Paid, not shipped (or the buyer keeps the goods): usually approved automatically.</summary>
    RefundOnly,

    /// <summary>The buyer sends the goods back and is refunded after inspection and a finance check.</summary>
    ReturnRefund,

    /// <summary>The buyer sends the goods back and receives a replacement.</summary>
    Exchange,
}

/// <summary>
/// Where a case is. Not every kind uses every status: see <see cref="CaseTransitions"/>. Stored and sent by name
/// (<see cref="CaseNames"/>): add rather than rename.
/// </summary>
public enum CaseStatus
{
    PendingReview,
    Approved,
    Rejected,

    /// <summary>The return was agreed; the buyer's parcel is on its way (or not yet sent).</summary>
    AwaitingReturn,

    /// <summary>The returned parcel was received and inspected.</summary>
    Received,

    /// <summary>Inspected and accepted; waiting for finance's second check and the refund.</summary>
    AwaitingRefund,

    Refunded,
    AwaitingReshipment,
    Reshipped,
    Closed,
}

/// <summary>Why the buyer opened the case, as the shop's platform classifies it (map the platform's reason codes onto these).</summary>
public enum CaseReason
{
    Quality,
    NotAsDescribed,
    WrongItem,
    LostParcel,
    DamagedInTransit,
    AddressProblem,
    ReturnedToSender,
    NotReceived,
    ChangedMind,
    Other,
}

/// <summary>Evidence a buyer attached: a photo (by URL) or a text.</summary>
public enum CaseEvidenceType
{
    Photo,
    Text,
}

/// <summary>The snake_case names of the case enums, as they appear in JSON, settings and messages.</summary>
public static class CaseNames
{
    public static string Name(CaseKind kind) => Snake(kind.ToString());

    public static string Name(CaseStatus status) => Snake(status.ToString());

    public static string Name(CaseReason reason) => Snake(reason.ToString());

    public static string Name(CaseEvidenceType type) => Snake(type.ToString());

    public static IReadOnlyList<string> Names<T>()
        where T : struct, Enum
        => Enum.GetNames<T>().Select(Snake).ToArray();

    /// <summary>Parses an exact snake_case name ("return_refund"); case-sensitive, like every name in the API.</summary>
    public static bool TryParse<T>(string? name, out T value)
        where T : struct, Enum
    {
        foreach (var candidate in Enum.GetValues<T>())
        {
            if (string.Equals(Snake(candidate.ToString()), name, StringComparison.Ordinal))
            {
                value = candidate;
                return true;
            }
        }

        value = default;
        return false;
    }

    private static string Snake(string pascal)
        => string.Concat(pascal.Select((c, i) => char.IsAsciiLetterUpper(c) ? (i > 0 ? "_" : "") + char.ToLowerInvariant(c) : c.ToString()));
}

/// <summary>Which reasons are logistics problems (the 48-hour target) and which need photos.</summary>
public static class CaseReasons
{
    /// <summary>Lost, damaged, wrong address, returned to sender: domain.md's logistics problems, resolved within 48 h.</summary>
    public static bool IsLogistics(CaseReason reason)
        => reason is CaseReason.LostParcel or CaseReason.DamagedInTransit or CaseReason.AddressProblem or CaseReason.ReturnedToSender;

    /// <summary>
    /// A quality complaint needs photos from the buyer (domain.md); so does transport damage, since the carrier's
    /// claim needs them too.
    /// </summary>
    public static bool NeedsPhotos(CaseReason reason) => reason is CaseReason.Quality or CaseReason.DamagedInTransit;
}
