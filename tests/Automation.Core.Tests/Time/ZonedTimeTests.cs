using Automation.Core.Time;
using static Automation.Core.Tests.Support.Zones;

namespace Automation.Core.Tests.Time;

public class ZonedTimeTests
{
    [Fact]
    public void ToInstant_ZoneWithoutDst_SubtractsTheFixedOffset()
    {
        var instant = ZonedTime.ToInstant(Local("2026-11-22 09:00"), Shanghai);

        Assert.Equal(At("2026-11-22T01:00:00Z"), instant);
        Assert.Equal(TimeSpan.Zero, instant.Offset);
    }

    [Fact]
    public void ToInstant_SummerTime_UsesTheDaylightOffset()
    {
        Assert.Equal(At("2026-07-01T13:00:00Z"), ZonedTime.ToInstant(Local("2026-07-01 09:00"), NewYork));
    }

    [Fact]
    public void ToInstant_LocalTimeInSpringForwardGap_ReturnsTheMomentTheClockJumps()
    {
        // 02:30 never happens on 2026-03-08 in New York: 01:59:59 EST is followed by 03:00:00 EDT.
        Assert.Equal(At("2026-03-08T07:00:00Z"), ZonedTime.ToInstant(Local("2026-03-08 02:30"), NewYork));
    }

    [Fact]
    public void ToInstant_GapStart_ReturnsTheMomentTheClockJumps()
    {
        Assert.Equal(At("2026-03-29T01:00:00Z"), ZonedTime.ToInstant(Local("2026-03-29 02:00"), Berlin));
    }

    [Fact]
    public void ToInstant_HalfHourGap_ReturnsTheMomentTheClockJumps()
    {
        Assert.Equal(At("2026-10-03T15:30:00Z"), ZonedTime.ToInstant(Local("2026-10-04 02:15"), LordHowe));
    }

    [Fact]
    public void ToInstant_AmbiguousFallBackTime_ReturnsTheEarlierInstant()
    {
        // 01:30 happens twice on 2026-11-01 in New York: 05:30Z (EDT) and 06:30Z (EST).
        Assert.Equal(At("2026-11-01T05:30:00Z"), ZonedTime.ToInstant(Local("2026-11-01 01:30"), NewYork));
    }

    [Fact]
    public void ToInstantAfter_EarlierAmbiguousInstantAlreadyPast_ReturnsTheLaterOne()
    {
        var after = At("2026-11-01T06:10:00Z");

        Assert.Equal(At("2026-11-01T06:30:00Z"), ZonedTime.ToInstantAfter(Local("2026-11-01 01:30"), NewYork, after));
    }

    [Fact]
    public void ToInstantAfter_BothInstantsPast_ReturnsNull()
    {
        Assert.Null(ZonedTime.ToInstantAfter(Local("2026-11-01 01:30"), NewYork, At("2026-11-01T06:30:00Z")));
    }

    [Fact]
    public void ToLocal_DaylightInstant_ReturnsWallClockTime()
    {
        Assert.Equal(Local("2026-03-08 03:00"), ZonedTime.ToLocal(At("2026-03-08T07:00:00Z"), NewYork));
    }
}
