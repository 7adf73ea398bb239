using Automation.Core.Messaging;
using Automation.Core.Orders;
using Automation.Core.Reminders;
using Automation.Core.Shops;
using Automation.Core.Tests.Support;
using static Automation.Core.Tests.Support.Zones;

namespace Automation.Core.Tests.Reminders;

public class PaymentReminderPlannerTests
{
    private const string Kind = MessageKinds.PaymentReminder;

    // 10:00 in Shanghai; with defaults the order closes at 2026-11-23T02:00Z (10:00 local next day).
    private static readonly DateTimeOffset PlacedAt = At("2026-11-22T02:00:00Z");
    private static readonly QuietHours Night = new(T("21:00"), T("09:00"));

    [Fact]
    public void Plan_Defaults_FirstAfter30MinutesLastThreeHoursBeforeClose()
    {
        var plan = PaymentReminderPlanner.Plan(TestShops.Shop(), TestOrders.Unpaid(PlacedAt));

        Assert.Equal(
            [PlannedMessage.Due(Kind, 1, At("2026-11-22T02:30:00Z")), PlannedMessage.Due(Kind, 2, At("2026-11-22T23:00:00Z"))],
            plan);
    }

    [Fact]
    public void Plan_LastStepInQuietHours_DefersToTheirEnd()
    {
        // The last step's 07:00 local falls in 21:00-09:00: it moves to 09:00 (01:00Z), an hour before close.
        var plan = PaymentReminderPlanner.Plan(TestShops.Shop(quietHours: Night), TestOrders.Unpaid(PlacedAt));

        Assert.Equal(
            [PlannedMessage.Due(Kind, 1, At("2026-11-22T02:30:00Z")), PlannedMessage.Due(Kind, 2, At("2026-11-23T01:00:00Z"))],
            plan);
    }

    [Fact]
    public void Plan_QuietHoursLastUntilAutoClose_SkipsTheStep()
    {
        // Quiet until 10:00 local, exactly when the order closes.
        var shop = TestShops.Shop(quietHours: new QuietHours(T("21:00"), T("10:00")));

        var plan = PaymentReminderPlanner.Plan(shop, TestOrders.Unpaid(PlacedAt));

        Assert.Equal(PlannedMessage.Skipped(Kind, 2, SkipReasons.QuietHoursUntilAutoClose), plan[1]);
        Assert.Equal(PlannedMessage.Due(Kind, 1, At("2026-11-22T02:30:00Z")), plan[0]);
    }

    [Fact]
    public void Plan_QuietHoursEndJustBeforeAutoClose_KeepsTheStep()
    {
        var shop = TestShops.Shop(quietHours: new QuietHours(T("21:00"), T("09:59")));

        var plan = PaymentReminderPlanner.Plan(shop, TestOrders.Unpaid(PlacedAt));

        Assert.Equal(PlannedMessage.Due(Kind, 2, At("2026-11-23T01:59:00Z")), plan[1]);
    }

    [Fact]
    public void Plan_MaxPerOrderZero_PlansNothing()
    {
        var shop = TestShops.Shop(reminders: PaymentReminderSettings.Default with { MaxPerOrder = 0 });

        Assert.Empty(PaymentReminderPlanner.Plan(shop, TestOrders.Unpaid(PlacedAt)));
    }

    [Fact]
    public void Plan_Disabled_PlansNothing()
    {
        var shop = TestShops.Shop(reminders: PaymentReminderSettings.Default with { Enabled = false });

        Assert.Empty(PaymentReminderPlanner.Plan(shop, TestOrders.Unpaid(PlacedAt)));
    }

    [Fact]
    public void Plan_MaxPerOrderOne_OnlyStepOne()
    {
        var shop = TestShops.Shop(reminders: PaymentReminderSettings.Default with { MaxPerOrder = 1 });

        Assert.Equal([PlannedMessage.Due(Kind, 1, At("2026-11-22T02:30:00Z"))], PaymentReminderPlanner.Plan(shop, TestOrders.Unpaid(PlacedAt)));
    }

    [Fact]
    public void Plan_MaxPerOrderThree_PutsTheMiddleStepHalfway()
    {
        var shop = TestShops.Shop(reminders: PaymentReminderSettings.Default with { MaxPerOrder = 3 });

        var plan = PaymentReminderPlanner.Plan(shop, TestOrders.Unpaid(PlacedAt));

        // 02:30Z to 23:00Z is 20h30m; halfway is 12:45Z.
        Assert.Equal(
            [At("2026-11-22T02:30:00Z"), At("2026-11-22T12:45:00Z"), At("2026-11-22T23:00:00Z")],
            plan.Select(p => p.DueAt!.Value));
        Assert.Equal([1, 2, 3], plan.Select(p => p.Step));
    }

    [Fact]
    public void Plan_MaxPerOrderFive_SpreadsStepsEvenly()
    {
        var shop = TestShops.Shop(reminders: PaymentReminderSettings.Default with { MaxPerOrder = 5 });

        var plan = PaymentReminderPlanner.Plan(shop, TestOrders.Unpaid(PlacedAt));

        Assert.Equal(
            [At("2026-11-22T02:30:00Z"), At("2026-11-22T07:37:30Z"), At("2026-11-22T12:45:00Z"), At("2026-11-22T17:52:30Z"), At("2026-11-22T23:00:00Z")],
            plan.Select(p => p.DueAt!.Value));
    }

    [Fact]
    public void Plan_MaxPerOrderFiveWithQuietHours_SkipsStepsThatCollapseOntoTheMorning()
    {
        var shop = TestShops.Shop(quietHours: Night, reminders: PaymentReminderSettings.Default with { MaxPerOrder = 5 });

        var plan = PaymentReminderPlanner.Plan(shop, TestOrders.Unpaid(PlacedAt));

        // Local times 10:30, 15:37:30, 20:45, 01:52:30 (quiet -> 09:00), 07:00 (quiet -> 09:00, too close).
        Assert.Equal(
            [
                PlannedMessage.Due(Kind, 1, At("2026-11-22T02:30:00Z")),
                PlannedMessage.Due(Kind, 2, At("2026-11-22T07:37:30Z")),
                PlannedMessage.Due(Kind, 3, At("2026-11-22T12:45:00Z")),
                PlannedMessage.Due(Kind, 4, At("2026-11-23T01:00:00Z")),
                PlannedMessage.Skipped(Kind, 5, SkipReasons.TooCloseToPreviousStep),
            ],
            plan);
    }

    [Fact]
    public void Plan_PlatformAutoCloseTime_PlacesLastStepBeforeIt()
    {
        var order = TestOrders.Unpaid(PlacedAt, autoCloseAt: At("2026-11-25T02:00:00Z"));

        var plan = PaymentReminderPlanner.Plan(TestShops.Shop(), order);

        Assert.Equal(At("2026-11-24T23:00:00Z"), plan[1].DueAt);
    }

    [Fact]
    public void Plan_LastStepUnderAnHourAfterFirst_SkipsIt()
    {
        // Closes 4h after placement: step 1 at +30m, the last at +1h.
        var order = TestOrders.Unpaid(PlacedAt, autoCloseAt: PlacedAt.AddHours(4));

        var plan = PaymentReminderPlanner.Plan(TestShops.Shop(), order);

        Assert.Equal(
            [PlannedMessage.Due(Kind, 1, PlacedAt.AddMinutes(30)), PlannedMessage.Skipped(Kind, 2, SkipReasons.TooCloseToPreviousStep)],
            plan);
    }

    [Fact]
    public void Plan_LastStepExactlyAnHourAfterFirst_KeepsIt()
    {
        var order = TestOrders.Unpaid(PlacedAt, autoCloseAt: PlacedAt.AddHours(4.5));

        var plan = PaymentReminderPlanner.Plan(TestShops.Shop(), order);

        Assert.Equal(PlannedMessage.Due(Kind, 2, PlacedAt.AddMinutes(90)), plan[1]);
    }

    [Fact]
    public void Plan_LastStepWouldComeBeforeFirst_SkipsIt()
    {
        var order = TestOrders.Unpaid(PlacedAt, autoCloseAt: PlacedAt.AddHours(2));

        var plan = PaymentReminderPlanner.Plan(TestShops.Shop(), order);

        Assert.Equal(PlannedMessage.Skipped(Kind, 2, SkipReasons.TooCloseToPreviousStep), plan[1]);
    }

    [Fact]
    public void Plan_FirstStepDeferredNextToLast_SkipsTheLast()
    {
        // Placed 20:45 local, closes 12:30 local next day: step 1 (21:15) waits until 09:00, the last is 09:30.
        var placed = At("2026-11-22T12:45:00Z");
        var order = TestOrders.Unpaid(placed, autoCloseAt: At("2026-11-23T04:30:00Z"));

        var plan = PaymentReminderPlanner.Plan(TestShops.Shop(quietHours: Night), order);

        Assert.Equal(
            [PlannedMessage.Due(Kind, 1, At("2026-11-23T01:00:00Z")), PlannedMessage.Skipped(Kind, 2, SkipReasons.TooCloseToPreviousStep)],
            plan);
    }

    [Fact]
    public void Plan_AutoCloseBeforeFirstStep_SkipsEveryStep()
    {
        var order = TestOrders.Unpaid(PlacedAt, autoCloseAt: PlacedAt.AddMinutes(20));

        var plan = PaymentReminderPlanner.Plan(TestShops.Shop(), order);

        Assert.Equal(
            [PlannedMessage.Skipped(Kind, 1, SkipReasons.DueAfterAutoClose), PlannedMessage.Skipped(Kind, 2, SkipReasons.BeforeFirstStep)],
            plan);
    }

    [Fact]
    public void Plan_QuietHoursUntilClose_SkipsEvenStepOne()
    {
        // Placed 20:00 local, closes 08:00 local: step 1 (20:30) would wait until 09:00.
        var order = TestOrders.Unpaid(At("2026-11-22T12:00:00Z"), autoCloseAt: At("2026-11-23T00:00:00Z"));
        var shop = TestShops.Shop(quietHours: new QuietHours(T("20:15"), T("09:00")), reminders: PaymentReminderSettings.Default with { MaxPerOrder = 1 });

        Assert.Equal([PlannedMessage.Skipped(Kind, 1, SkipReasons.QuietHoursUntilAutoClose)], PaymentReminderPlanner.Plan(shop, order));
    }

    [Fact]
    public void Plan_NewYorkSpringForwardNight_DefersToNineDaylightTime()
    {
        // Placed 21:30 EST on 03-07; step 1 at 22:00 EST is quiet until 09:00 EDT on 03-08 (13:00Z, the night is an hour short).
        var order = TestOrders.Unpaid(At("2026-03-08T02:30:00Z"));

        var plan = PaymentReminderPlanner.Plan(TestShops.Shop("America/New_York", quietHours: Night), order);

        Assert.Equal(
            [PlannedMessage.Due(Kind, 1, At("2026-03-08T13:00:00Z")), PlannedMessage.Due(Kind, 2, At("2026-03-08T23:30:00Z"))],
            plan);
    }

    [Fact]
    public void Plan_NewYorkFallBackNight_DefersToNineStandardTime()
    {
        // Placed 21:30 EDT on 10-31; step 1 at 22:00 EDT waits until 09:00 EST on 11-01 (14:00Z).
        var order = TestOrders.Unpaid(At("2026-11-01T01:30:00Z"));

        var plan = PaymentReminderPlanner.Plan(TestShops.Shop("America/New_York", quietHours: Night), order);

        Assert.Equal(PlannedMessage.Due(Kind, 1, At("2026-11-01T14:00:00Z")), plan[0]);
    }

    [Fact]
    public void Plan_BerlinFallBackNight_DefersToSevenWinterTime()
    {
        // Placed 22:00 CEST on 10-24; step 1 at 22:30 CEST waits until 07:00 CET (06:00Z).
        var order = TestOrders.Unpaid(At("2026-10-24T20:00:00Z"));

        var plan = PaymentReminderPlanner.Plan(TestShops.Shop("Europe/Berlin", quietHours: new QuietHours(T("22:00"), T("07:00"))), order);

        Assert.Equal(PlannedMessage.Due(Kind, 1, At("2026-10-25T06:00:00Z")), plan[0]);
    }

    [Theory]
    [InlineData(OrderStatus.Paid)]
    [InlineData(OrderStatus.Shipped)]
    [InlineData(OrderStatus.Cancelled)]
    [InlineData(OrderStatus.Closed)]
    public void Plan_OrderNoLongerUnpaid_PlansNothing(OrderStatus status)
    {
        Assert.Empty(PaymentReminderPlanner.Plan(TestShops.Shop(), TestOrders.Unpaid(PlacedAt) with { Status = status }));
    }

    [Fact]
    public void Plan_OrderWithoutPlacementTime_PlansNothing()
    {
        Assert.Empty(PaymentReminderPlanner.Plan(TestShops.Shop(), TestOrders.Unpaid(PlacedAt) with { PlacedAt = null }));
    }

    [Theory]
    [InlineData("America/New_York")]
    [InlineData("Europe/Berlin")]
    [InlineData("Asia/Shanghai")]
    [InlineData("Australia/Lord_Howe")]
    public void Plan_AnyPlacementTimeOverAYear_KeepsEveryRule(string zoneId)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(zoneId);
        var quiet = new QuietHours(T("21:30"), T("08:30"));
        var shop = TestShops.Shop(zoneId, quietHours: quiet, reminders: PaymentReminderSettings.Default with { MaxPerOrder = 5 });

        for (var placed = At("2026-01-01T00:00:00Z"); placed < At("2027-01-01T00:00:00Z"); placed = placed.AddMinutes(317))
        {
            var order = TestOrders.Unpaid(placed);
            var plan = PaymentReminderPlanner.Plan(shop, order);
            var autoClose = placed.AddHours(24);

            Assert.Equal([1, 2, 3, 4, 5], plan.Select(p => p.Step));
            Assert.All(plan, p => Assert.True(p.DueAt.HasValue != p.IsSkipped));
            var due = plan.Where(p => !p.IsSkipped).Select(p => p.DueAt!.Value).ToList();
            Assert.NotEmpty(due);
            Assert.All(due, d =>
            {
                Assert.False(quiet.Contains(d, zone), $"{d:O} is inside quiet hours (placed {placed:O})");
                Assert.True(d < autoClose && d >= placed.AddMinutes(30), $"{d:O} is outside the order's window (placed {placed:O})");
            });
            Assert.All(due.Zip(due.Skip(1)), pair => Assert.True(pair.Second - pair.First >= PaymentReminderPlanner.MinimumGap, $"steps {pair.First:O} and {pair.Second:O} are too close"));
        }
    }
}
