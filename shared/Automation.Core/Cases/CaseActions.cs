using System.Globalization;

namespace Automation.Core.Cases;

/// <summary>
/// A follow-up a case calls for, as data: what to do (<see cref="Kind"/>, one of <see cref="CaseActionKinds"/>), why,
/// and the instant it concerns (the return deadline to set on the platform), if any.
/// </summary>
public sealed record CaseAction(string Kind, string Why, DateTimeOffset? At = null);

/// <summary>The kinds of case follow-up. Stored and used as task kinds; add rather than rename.</summary>
public static class CaseActionKinds
{
    /// <summary>Ask the buyer for photos of the problem.</summary>
    public const string RequestPhotos = "request_photos";

    /// <summary>Reship the order at once, then claim the loss from the carrier.</summary>
    public const string ReshipThenClaim = "reship_then_claim";

    /// <summary>Extend the buyer's return deadline on the platform to the case's <see cref="Case.ReturnDeadline"/>.</summary>
    public const string ExtendReturnDeadline = "extend_return_deadline";
}

/// <summary>Derives the follow-ups a case needs now (domain.md's service habits), for the sweep to turn into tasks.</summary>
public static class CaseActions
{
    /// <summary>
    /// The follow-ups for <paramref name="c"/>, most urgent first; none once the case is resolved (rejected, refunded,
    /// reshipped, closed):
    /// <list type="bullet">
    /// <item>a lost parcel: <see cref="CaseActionKinds.ReshipThenClaim"/> (the buyer is not made to wait for the
    /// carrier's investigation);</item>
    /// <item>a quality complaint or transport damage without a photo: <see cref="CaseActionKinds.RequestPhotos"/>;</item>
    /// <item>a return agreed and not yet received: <see cref="CaseActionKinds.ExtendReturnDeadline"/> to the deadline.</item>
    /// </list>
    /// </summary>
    public static IReadOnlyList<CaseAction> For(Case c)
    {
        ArgumentNullException.ThrowIfNull(c);
        if (CaseLifecycle.IsResolution(c.Status))
        {
            return [];
        }

        var actions = new List<CaseAction>();
        if (c.Reason == CaseReason.LostParcel)
        {
            actions.Add(new(CaseActionKinds.ReshipThenClaim, "The parcel is lost: reship the order first, then claim the loss from the carrier."));
        }

        if (c.Reason is { } reason && CaseReasons.NeedsPhotos(reason) && !c.HasPhotos)
        {
            actions.Add(new(CaseActionKinds.RequestPhotos, $"A {CaseNames.Name(reason)} complaint needs photos from the buyer, and none were sent."));
        }

        if (c.ReturnDeadline is { } deadline && c.Status is CaseStatus.Approved or CaseStatus.AwaitingReturn)
        {
            actions.Add(new(
                CaseActionKinds.ExtendReturnDeadline,
                string.Create(CultureInfo.InvariantCulture, $"The return was agreed: extend the buyer's deadline to {deadline:O} so the case does not expire."),
                deadline));
        }

        return actions;
    }
}
