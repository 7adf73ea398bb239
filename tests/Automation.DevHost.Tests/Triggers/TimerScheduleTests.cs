using Automation.DevHost.Triggers;

namespace Automation.DevHost.Tests.Triggers;

public sealed class TimerScheduleTests
{
    private static readonly DateTimeOffset Noon = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("0 */5 * * * *", "2026-03-01T12:05:00+00:00")] // six fields, seconds first
    [InlineData("*/10 * * * * *", "2026-03-01T12:00:10+00:00")]
    [InlineData("30 9 * * *", "2026-03-02T09:30:00+00:00")] // five fields
    [InlineData("00:15:00", "2026-03-01T12:15:00+00:00")] // a time span
    public void NextAfter_Expression_NextOccurrenceInUtc(string expression, string expected)
    {
        var schedule = TimerSchedule.Parse(expression);

        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), schedule.NextAfter(Noon));
    }

    [Theory]
    [InlineData("0 */1 * * * *", true)]
    [InlineData("*/30 * * * * *", false)]
    public void IsMonitorable_MoreOftenThanOnceAMinute_NotMonitored(string expression, bool monitorable) =>
        Assert.Equal(monitorable, TimerSchedule.Parse(expression).IsMonitorable(Noon));

    [Theory]
    [InlineData("every minute")]
    [InlineData("* * *")]
    [InlineData("61 * * * * *")]
    public void Parse_NotASchedule_Throws(string expression) =>
        Assert.ThrowsAny<Exception>(() => TimerSchedule.Parse(expression));
}
