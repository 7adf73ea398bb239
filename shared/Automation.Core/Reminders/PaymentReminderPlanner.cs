using Automation.Core.Messaging;
using Automation.Core.Orders;
using Automation.Core.Shops;

namespace Automation.Core.Reminders;

/// <summary>
/// When to remind a buyer of an unpaid order, and whether a due reminder should still go out.
/// <see cref="Plan"/> runs when an order is created (or the order changes); <see cref="DecideAtSendTime"/>
/// re-checks with the order and settings as they are right before sending.
/// </summary>
public static class PaymentReminderPlanner
{
    /// <summary>Buyers never get two reminders less than this apart.</summary>
    public static readonly TimeSpan MinimumGap = TimeSpan.FromHours(1);

    private const string Kind = MessageKinds.PaymentReminder;

    /// <summary>
    /// The reminder steps for an unpaid order, one entry per step up to <c>maxPerOrder</c>, each due or skipped:
    /// <list type="bullet">
    /// <item>Step 1 is due <c>firstAfter</c> after placement; the last (with 2 or more steps) <c>lastBeforeClose</c>
    /// before the auto-close time; steps in between are spread evenly between those two.</item>
    /// <item>A step due inside quiet hours moves to their end; if that, or its own due time, is at or after
    /// auto-close the step is skipped.</item>
    /// <item>A step less than <see cref="MinimumGap"/> after the previous step that will be sent is skipped, and so is
    /// a step due before step 1's time (auto-close so near that the last step's time comes first).</item>
    /// </list>
    /// Empty when reminders are off, the cap is 0, the order has no placement time or is no longer unpaid.
    /// </summary>
    public static IReadOnlyList<PlannedMessage> Plan(ShopSettings shop, Order order)
    {
        ArgumentNullException.ThrowIfNull(shop);
        ArgumentNullException.ThrowIfNull(order);
        var settings = shop.PaymentReminders;
        if (!settings.Enabled || settings.MaxPerOrder <= 0 || order.Status != OrderStatus.Created || order.PlacedAt is not { } placedAt)
        {
            return [];
        }

        var autoClose = OrderLifecycle.EffectiveAutoCloseAt(order, settings)!.Value;
        var zone = shop.TimeZone;
        var plan = new List<PlannedMessage>(settings.MaxPerOrder);
        var firstSlot = placedAt + settings.FirstAfter;
        DateTimeOffset? previous = null;
        foreach (var (step, nominal) in NominalDueTimes(settings, placedAt, autoClose))
        {
            var due = shop.QuietHours?.DeferOutOf(nominal, zone) ?? nominal;
            string? skip = null;
            if (nominal >= autoClose)
            {
                skip = SkipReasons.DueAfterAutoClose;
            }
            else if (due >= autoClose)
            {
                skip = SkipReasons.QuietHoursUntilAutoClose;
            }
            else if (previous is { } before && due < before + MinimumGap)
            {
                skip = SkipReasons.TooCloseToPreviousStep;
            }
            else if (due < firstSlot)
            {
                // Step 1 was skipped and auto-close is so near that this step's time comes before step 1's.
                skip = SkipReasons.BeforeFirstStep;
            }

            if (skip is null)
            {
                plan.Add(PlannedMessage.Due(Kind, step, due));
                previous = due;
            }
            else
            {
                plan.Add(PlannedMessage.Skipped(Kind, step, skip));
            }
        }

        return plan;
    }

    /// <inheritdoc cref="DecideAtSendTime(ShopSettings, Order, int, DateTimeOffset, DateTimeOffset?)"/>
    public static SendDecision DecideAtSendTime(ShopSettings shop, Order order, int step, DateTimeOffset now)
        => DecideAtSendTime(shop, order, step, now, previousSentAt: null);

    /// <summary>
    /// Whether step <paramref name="step"/> should go out at <paramref name="now"/>, judged with the order and
    /// settings as they are now: skipped when the order is no longer unpaid, auto-close has passed, reminders
    /// are off or the step is over the cap; deferred while quiet hours last (skipped if they last until
    /// auto-close) and until <see cref="MinimumGap"/> after <paramref name="previousSentAt"/> (the time the
    /// previous step went out, if known), so that steps found overdue together are not sent in a burst.
    /// </summary>
    public static SendDecision DecideAtSendTime(ShopSettings shop, Order order, int step, DateTimeOffset now, DateTimeOffset? previousSentAt)
    {
        ArgumentNullException.ThrowIfNull(shop);
        ArgumentNullException.ThrowIfNull(order);
        var settings = shop.PaymentReminders;

        if (order.Status != OrderStatus.Created)
        {
            return SendDecision.Skip(SkipReasons.ForStatus(order.Status));
        }

        if (OrderLifecycle.EffectiveAutoCloseAt(order, settings) is not { } autoClose)
        {
            return SendDecision.Skip(SkipReasons.MissingPlacedAt);
        }

        if (now >= autoClose)
        {
            return SendDecision.Skip(SkipReasons.AutoClosePassed);
        }

        if (!settings.Enabled)
        {
            return SendDecision.Skip(SkipReasons.RemindersDisabled);
        }

        if (step < 1 || step > settings.MaxPerOrder)
        {
            return SendDecision.Skip(SkipReasons.StepOverCap);
        }

        var earliest = now;
        var reason = SkipReasons.QuietHours;
        if (previousSentAt is { } previous && now < previous + MinimumGap)
        {
            earliest = previous + MinimumGap;
            reason = SkipReasons.TooCloseToPreviousStep;
            if (earliest >= autoClose)
            {
                return SendDecision.Skip(SkipReasons.TooCloseToPreviousStep);
            }
        }

        var until = shop.QuietHours?.DeferOutOf(earliest, shop.TimeZone) ?? earliest;
        if (until != earliest)
        {
            reason = SkipReasons.QuietHours;
            if (until >= autoClose)
            {
                return SendDecision.Skip(SkipReasons.QuietHoursUntilAutoClose);
            }
        }

        return until == now ? SendDecision.Send : SendDecision.Defer(until, reason);
    }

    /// <summary>Steps 1..maxPerOrder with their due times before quiet hours and gaps are applied.</summary>
    private static IEnumerable<(int Step, DateTimeOffset Due)> NominalDueTimes(PaymentReminderSettings settings, DateTimeOffset placedAt, DateTimeOffset autoClose)
    {
        var first = placedAt + settings.FirstAfter;
        yield return (1, first);

        var count = settings.MaxPerOrder;
        if (count < 2)
        {
            yield break;
        }

        var last = autoClose - settings.LastBeforeClose;
        var interval = (last - first) / (count - 1);
        for (var step = 2; step < count; step++)
        {
            yield return (step, first + (interval * (step - 1)));
        }

        yield return (count, last);
    }
}
