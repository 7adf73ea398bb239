using Automation.Core.Messaging;
using Automation.Core.Orders;
using Automation.Core.Reminders;
using Automation.Core.Shops;
using Automation.Core.Tests.Support;
using Microsoft.Extensions.Time.Testing;
using static Automation.Core.Tests.Support.Zones;

namespace Automation.Core.Tests.Reminders;

public class DecideAtSendTimeTests
{
    // Placed 10:00 Shanghai time; closes 2026-11-23T02:00Z (10:00 local) with the defaults.
    private static readonly DateTimeOffset PlacedAt = At("2026-11-22T02:00:00Z");
    private static readonly QuietHours Night = new(T("21:00"), T("09:00"));

    private readonly FakeTimeProvider _clock = new(At("2026-11-22T02:30:00Z"));

    private static ShopSettings Shop => TestShops.Shop(quietHours: Night);

    private static Order Order => TestOrders.Unpaid(PlacedAt);

    [Fact]
    public void DecideAtSendTime_UnpaidOrderOutsideQuietHours_Sends()
    {
        Assert.Equal(SendDecision.Send, PaymentReminderPlanner.DecideAtSendTime(Shop, Order, 1, _clock.GetUtcNow()));
    }

    [Theory]
    [InlineData(OrderStatus.Paid, "order_paid")]
    [InlineData(OrderStatus.Shipped, "order_shipped")]
    [InlineData(OrderStatus.Delivered, "order_delivered")]
    [InlineData(OrderStatus.Completed, "order_completed")]
    [InlineData(OrderStatus.Cancelled, "order_cancelled")]
    [InlineData(OrderStatus.Closed, "order_closed")]
    public void DecideAtSendTime_OrderMovedOn_SkipsWithItsStatus(OrderStatus status, string reason)
    {
        var decision = PaymentReminderPlanner.DecideAtSendTime(Shop, Order with { Status = status }, 1, _clock.GetUtcNow());

        Assert.Equal(SendDecision.Skip(reason), decision);
    }

    [Fact]
    public void DecideAtSendTime_PaidAfterAutoClose_ReportsThePayment()
    {
        _clock.SetUtcNow(At("2026-11-24T00:00:00Z"));

        Assert.Equal(SendDecision.Skip(SkipReasons.OrderPaid), PaymentReminderPlanner.DecideAtSendTime(Shop, Order with { Status = OrderStatus.Paid }, 2, _clock.GetUtcNow()));
    }

    [Fact]
    public void DecideAtSendTime_AtAutoClose_Skips()
    {
        _clock.SetUtcNow(At("2026-11-23T02:00:00Z"));

        Assert.Equal(SendDecision.Skip(SkipReasons.AutoClosePassed), PaymentReminderPlanner.DecideAtSendTime(Shop, Order, 2, _clock.GetUtcNow()));
    }

    [Fact]
    public void DecideAtSendTime_PlatformAutoCloseMovedEarlier_Skips()
    {
        var order = Order with { AutoCloseAt = At("2026-11-22T02:20:00Z") };

        Assert.Equal(SendDecision.Skip(SkipReasons.AutoClosePassed), PaymentReminderPlanner.DecideAtSendTime(Shop, order, 1, _clock.GetUtcNow()));
    }

    [Fact]
    public void DecideAtSendTime_RemindersTurnedOffSincePlanned_Skips()
    {
        var shop = Shop with { PaymentReminders = PaymentReminderSettings.Default with { Enabled = false } };

        Assert.Equal(SendDecision.Skip(SkipReasons.RemindersDisabled), PaymentReminderPlanner.DecideAtSendTime(shop, Order, 1, _clock.GetUtcNow()));
    }

    [Theory]
    [InlineData(1, 2)]
    [InlineData(0, 1)]
    [InlineData(2, 3)]
    public void DecideAtSendTime_StepOverCurrentCap_Skips(int cap, int step)
    {
        var shop = Shop with { PaymentReminders = PaymentReminderSettings.Default with { MaxPerOrder = cap } };

        Assert.Equal(SendDecision.Skip(SkipReasons.StepOverCap), PaymentReminderPlanner.DecideAtSendTime(shop, Order, step, _clock.GetUtcNow()));
    }

    [Fact]
    public void DecideAtSendTime_StepZero_Skips()
    {
        Assert.Equal(SendDecision.Skip(SkipReasons.StepOverCap), PaymentReminderPlanner.DecideAtSendTime(Shop, Order, 0, _clock.GetUtcNow()));
    }

    [Fact]
    public void DecideAtSendTime_InsideQuietHours_DefersToTheirEnd()
    {
        _clock.SetUtcNow(At("2026-11-22T14:00:00Z")); // 22:00 local

        var decision = PaymentReminderPlanner.DecideAtSendTime(Shop, Order, 2, _clock.GetUtcNow());

        Assert.Equal(SendDecision.Defer(At("2026-11-23T01:00:00Z"), SkipReasons.QuietHours), decision);
    }

    [Fact]
    public void DecideAtSendTime_QuietHoursLastUntilAutoClose_Skips()
    {
        _clock.SetUtcNow(At("2026-11-22T14:00:00Z")); // 22:00 local; closes 08:30 local
        var order = Order with { AutoCloseAt = At("2026-11-23T00:30:00Z") };

        Assert.Equal(SendDecision.Skip(SkipReasons.QuietHoursUntilAutoClose), PaymentReminderPlanner.DecideAtSendTime(Shop, order, 2, _clock.GetUtcNow()));
    }

    [Fact]
    public void DecideAtSendTime_QuietHoursChangedSincePlanned_UsesCurrentSettings()
    {
        _clock.SetUtcNow(At("2026-11-22T12:30:00Z")); // 20:30 local: outside 21:00-09:00, inside 20:00-08:00
        var shop = Shop with { QuietHours = new QuietHours(T("20:00"), T("08:00")) };

        Assert.Equal(SendDecision.Defer(At("2026-11-23T00:00:00Z"), SkipReasons.QuietHours), PaymentReminderPlanner.DecideAtSendTime(shop, Order, 2, _clock.GetUtcNow()));
    }

    [Fact]
    public void DecideAtSendTime_PreviousStepSentMinutesAgo_DefersUntilTheGapPasses()
    {
        _clock.SetUtcNow(At("2026-11-22T05:00:00Z"));
        var sentAt = _clock.GetUtcNow().AddMinutes(-20);

        var decision = PaymentReminderPlanner.DecideAtSendTime(Shop, Order, 2, _clock.GetUtcNow(), sentAt);

        Assert.Equal(SendDecision.Defer(sentAt.AddHours(1), SkipReasons.TooCloseToPreviousStep), decision);
    }

    [Fact]
    public void DecideAtSendTime_GapEndsInQuietHours_DefersToTheirEnd()
    {
        _clock.SetUtcNow(At("2026-11-22T12:30:00Z")); // 20:30 local, previous at 20:15: the gap ends 21:15, inside quiet hours

        var decision = PaymentReminderPlanner.DecideAtSendTime(Shop, Order, 2, _clock.GetUtcNow(), At("2026-11-22T12:15:00Z"));

        Assert.Equal(SendDecision.Defer(At("2026-11-23T01:00:00Z"), SkipReasons.QuietHours), decision);
    }

    [Fact]
    public void DecideAtSendTime_GapEndsAtAutoClose_Skips()
    {
        _clock.SetUtcNow(At("2026-11-23T01:30:00Z"));

        var decision = PaymentReminderPlanner.DecideAtSendTime(Shop, Order, 2, _clock.GetUtcNow(), At("2026-11-23T01:00:00Z"));

        Assert.Equal(SendDecision.Skip(SkipReasons.TooCloseToPreviousStep), decision);
    }

    [Fact]
    public void DecideAtSendTime_PreviousStepAnHourAgo_Sends()
    {
        _clock.SetUtcNow(At("2026-11-22T05:00:00Z"));

        Assert.Equal(SendDecision.Send, PaymentReminderPlanner.DecideAtSendTime(Shop, Order, 2, _clock.GetUtcNow(), _clock.GetUtcNow().AddHours(-1)));
    }

    [Fact]
    public void DecideAtSendTime_NoPlacementOrCloseTime_Skips()
    {
        var order = Order with { PlacedAt = null, AutoCloseAt = null };

        Assert.Equal(SendDecision.Skip(SkipReasons.MissingPlacedAt), PaymentReminderPlanner.DecideAtSendTime(Shop, order, 1, _clock.GetUtcNow()));
    }

    [Fact]
    public void DecideAtSendTime_EveryPlannedStepAtItsDueTime_Sends()
    {
        var shop = TestShops.Shop(quietHours: Night, reminders: PaymentReminderSettings.Default with { MaxPerOrder = 5 });
        DateTimeOffset? previous = null;

        foreach (var step in PaymentReminderPlanner.Plan(shop, Order).Where(p => !p.IsSkipped))
        {
            _clock.SetUtcNow(step.DueAt!.Value);

            Assert.Equal(SendDecision.Send, PaymentReminderPlanner.DecideAtSendTime(shop, Order, step.Step, _clock.GetUtcNow(), previous));
            previous = _clock.GetUtcNow();
        }
    }
}
