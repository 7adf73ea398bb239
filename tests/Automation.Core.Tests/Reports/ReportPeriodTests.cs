using Automation.Core.Reports;
using static Automation.Core.Tests.Support.Zones;

namespace Automation.Core.Tests.Reports;

public class ReportPeriodTests
{
    private static readonly DateTimeOffset Now = At("2026-11-30T03:00:00Z"); // 11:00 in Shanghai

    [Fact]
    public void Parse_LocalDays_CoverBothDaysWholeInTheShopsZone()
    {
        var period = ReportPeriod.Parse("2026-11-01", "2026-11-30", Shanghai, Now).Value!;

        Assert.Equal(AtLocal("2026-11-01 00:00", Shanghai), period.From);
        Assert.Equal(AtLocal("2026-12-01 00:00", Shanghai), period.To);
        Assert.Equal(30, period.Days(Shanghai).Count);
    }

    [Fact]
    public void Parse_DaysAcrossFallBack_TheLongDayCountsOnce()
    {
        // New York falls back on 2026-11-01: that day lasts 25 hours.
        var period = ReportPeriod.Parse("2026-11-01", "2026-11-01", NewYork, Now).Value!;

        Assert.Equal(TimeSpan.FromHours(25), period.To - period.From);
        Assert.Equal([new DateOnly(2026, 11, 1)], period.Days(NewYork));
    }

    [Fact]
    public void Parse_Instants_AreTakenAsGivenWithToExclusive()
    {
        var period = ReportPeriod.Parse("2026-11-29T16:00:00+08:00", "2026-11-30T00:00:00Z", Shanghai, Now).Value!;

        Assert.Equal(At("2026-11-29T08:00:00Z"), period.From);
        Assert.Equal(At("2026-11-30T00:00:00Z"), period.To);
        Assert.False(period.Contains(period.To));
        Assert.True(period.Contains(period.From));
    }

    [Fact]
    public void Parse_Nothing_IsTheThirtyLocalDaysEndingNow()
    {
        var period = ReportPeriod.Parse(null, null, Shanghai, Now).Value!;

        Assert.Equal(Now, period.To);
        Assert.Equal(AtLocal("2026-11-01 00:00", Shanghai), period.From);
        Assert.Equal(30, period.Days(Shanghai).Count);
        Assert.Equal(new DateOnly(2026, 11, 30), period.Days(Shanghai)[^1]);
    }

    [Theory]
    [InlineData("2026-11-30", "2026-11-01", "from")]
    [InlineData("2026-02-30", "2026-03-01", "from")]
    [InlineData("yesterday", null, "from")]
    [InlineData("2026-11-01", "2026-11-01T00:00:00", "to")] // an instant without an offset is refused, not guessed
    [InlineData("2024-01-01", "2026-11-30", "to")]          // longer than a year
    [InlineData("1999-12-31", "2000-01-05", "from")]
    public void Parse_Refused_NamesTheField(string? from, string? to, string field)
    {
        var result = ReportPeriod.Parse(from, to, Shanghai, Now);

        Assert.False(result.IsValid);
        Assert.True(result.Errors.ContainsKey(field), string.Join("; ", result.Errors.Keys));
    }
}
