using Automation.Core.Shops;
using static Automation.Core.Tests.Support.Zones;

namespace Automation.Core.Tests.Shops;

public class QuietHoursTests
{
    private static readonly QuietHours Night = new(T("21:00"), T("09:00"));

    [Theory]
    [InlineData("2026-11-22 21:00", true)]   // start is inside
    [InlineData("2026-11-22 23:30", true)]
    [InlineData("2026-11-23 00:00", true)]
    [InlineData("2026-11-23 03:00", true)]
    [InlineData("2026-11-23 08:59", true)]
    [InlineData("2026-11-23 09:00", false)]  // end is outside
    [InlineData("2026-11-23 12:00", false)]
    [InlineData("2026-11-22 20:59", false)]
    public void Contains_WindowCrossingMidnight_CoversEveningAndEarlyMorning(string local, bool expected)
    {
        Assert.Equal(expected, Night.Contains(AtLocal(local, Shanghai), Shanghai));
    }

    [Theory]
    [InlineData("2026-11-22 12:59", false)]
    [InlineData("2026-11-22 13:00", true)]
    [InlineData("2026-11-22 13:59", true)]
    [InlineData("2026-11-22 14:00", false)]
    public void Contains_WindowWithinOneDay_CoversOnlyThatSpan(string local, bool expected)
    {
        var lunch = new QuietHours(T("13:00"), T("14:00"));

        Assert.Equal(expected, lunch.Contains(AtLocal(local, Shanghai), Shanghai));
    }

    [Theory]
    [InlineData("2026-11-22 00:00")]
    [InlineData("2026-11-22 09:00")]
    [InlineData("2026-11-22 21:30")]
    public void Contains_StartEqualsEnd_IsNeverInside(string local)
    {
        var none = new QuietHours(T("09:00"), T("09:00"));

        Assert.False(none.Contains(AtLocal(local, Shanghai), Shanghai));
        Assert.Equal(AtLocal(local, Shanghai), none.DeferOutOf(AtLocal(local, Shanghai), Shanghai));
    }

    [Fact]
    public void Contains_RepeatedFallBackHour_IsInsideBothTimes()
    {
        var window = new QuietHours(T("01:00"), T("01:30"));

        Assert.True(window.Contains(At("2026-11-01T05:15:00Z"), NewYork));  // 01:15 EDT
        Assert.True(window.Contains(At("2026-11-01T06:15:00Z"), NewYork));  // 01:15 EST
        Assert.False(window.Contains(At("2026-11-01T05:45:00Z"), NewYork)); // 01:45 EDT
    }

    [Fact]
    public void DeferOutOf_OutsideWindow_ReturnsTheInstantUnchanged()
    {
        var instant = AtLocal("2026-11-22 15:00", Shanghai);

        Assert.Equal(instant, Night.DeferOutOf(instant, Shanghai));
    }

    [Fact]
    public void DeferOutOf_BeforeMidnight_DefersToNextMorning()
    {
        var deferred = Night.DeferOutOf(AtLocal("2026-11-22 22:30", Shanghai), Shanghai);

        Assert.Equal(At("2026-11-23T01:00:00Z"), deferred); // 09:00 on the 23rd in Shanghai
        Assert.Equal(TimeSpan.Zero, deferred.Offset);
    }

    [Fact]
    public void DeferOutOf_AfterMidnight_DefersToSameMorning()
    {
        Assert.Equal(At("2026-11-23T01:00:00Z"), Night.DeferOutOf(AtLocal("2026-11-23 03:00", Shanghai), Shanghai));
    }

    [Fact]
    public void DeferOutOf_ExactlyAtStart_DefersToEnd()
    {
        Assert.Equal(At("2026-11-23T01:00:00Z"), Night.DeferOutOf(AtLocal("2026-11-22 21:00", Shanghai), Shanghai));
    }

    [Fact]
    public void DeferOutOf_ExactlyAtEnd_IsNotDeferred()
    {
        var end = AtLocal("2026-11-23 09:00", Shanghai);

        Assert.Equal(end, Night.DeferOutOf(end, Shanghai));
    }

    [Fact]
    public void DeferOutOf_ResultIsAlwaysOutsideTheWindow()
    {
        var start = AtLocal("2026-11-22 20:00", Shanghai);
        for (var minutes = 0; minutes < 24 * 60; minutes += 7)
        {
            var deferred = Night.DeferOutOf(start.AddMinutes(minutes), Shanghai);

            Assert.False(Night.Contains(deferred, Shanghai));
            Assert.True(deferred >= start.AddMinutes(minutes));
        }
    }

    [Fact]
    public void DeferOutOf_NightOfSpringForward_EndsAtNineDaylightTime()
    {
        // 23:00 EST on 03-07; the night is an hour shorter, so 09:00 EDT is 13:00Z (not 14:00Z).
        Assert.Equal(At("2026-03-08T13:00:00Z"), Night.DeferOutOf(At("2026-03-08T04:00:00Z"), NewYork));
    }

    [Fact]
    public void DeferOutOf_NightOfFallBack_EndsAtNineStandardTime()
    {
        // 23:00 EDT on 10-31; the night is an hour longer, so 09:00 EST is 14:00Z.
        Assert.Equal(At("2026-11-01T14:00:00Z"), Night.DeferOutOf(At("2026-11-01T03:00:00Z"), NewYork));
    }

    [Fact]
    public void DeferOutOf_EndInSpringForwardGap_ReturnsFirstInstantAfterTheGap()
    {
        var window = new QuietHours(T("00:00"), T("02:30"));

        // 01:30 EST; 02:30 does not exist that night, the first instant past it is 03:00 EDT.
        Assert.Equal(At("2026-03-08T07:00:00Z"), window.DeferOutOf(At("2026-03-08T06:30:00Z"), NewYork));
    }

    [Fact]
    public void DeferOutOf_StartInSpringForwardGap_StillCoversTheRestOfTheWindow()
    {
        var window = new QuietHours(T("02:30"), T("06:00"));

        // 03:00 EDT is inside; the window ends at 06:00 EDT.
        Assert.Equal(At("2026-03-08T10:00:00Z"), window.DeferOutOf(At("2026-03-08T07:00:00Z"), NewYork));
    }

    [Fact]
    public void DeferOutOf_AmbiguousEnd_ReturnsEarlierInstant()
    {
        var window = new QuietHours(T("00:00"), T("01:30"));

        // 00:30 EDT: the window ends at the first 01:30 (EDT, 05:30Z), not the repeated one.
        Assert.Equal(At("2026-11-01T05:30:00Z"), window.DeferOutOf(At("2026-11-01T04:30:00Z"), NewYork));
    }

    [Fact]
    public void DeferOutOf_InsideRepeatedHourAfterEarlierEnd_ReturnsLaterInstant()
    {
        var window = new QuietHours(T("00:00"), T("01:30"));

        // 01:10 EST (the second 01:10): the clock shows 01:30 again at 06:30Z.
        Assert.Equal(At("2026-11-01T06:30:00Z"), window.DeferOutOf(At("2026-11-01T06:10:00Z"), NewYork));
    }

    [Fact]
    public void DeferOutOf_BerlinSpringForwardNight_EndsAtSevenSummerTime()
    {
        var window = new QuietHours(T("22:00"), T("07:00"));

        // 23:00 CET on 03-28 -> 07:00 CEST on 03-29 = 05:00Z.
        Assert.Equal(At("2026-03-29T05:00:00Z"), window.DeferOutOf(At("2026-03-28T22:00:00Z"), Berlin));
    }

    [Fact]
    public void DeferOutOf_BerlinFallBackNight_EndsAtSevenWinterTime()
    {
        var window = new QuietHours(T("22:00"), T("07:00"));

        // 23:00 CEST on 10-24 -> 07:00 CET on 10-25 = 06:00Z.
        Assert.Equal(At("2026-10-25T06:00:00Z"), window.DeferOutOf(At("2026-10-24T21:00:00Z"), Berlin));
    }
}
