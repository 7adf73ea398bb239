using System.Globalization;
using NCrontab;

namespace Automation.DevHost.Triggers;

/// <summary>
/// A timer trigger's schedule: an NCRONTAB expression (6 fields, seconds first, or 5), in UTC as Functions on Linux
/// runs it, or a constant interval written as a time span (<c>00:05:00</c>), which the host also accepts.
/// </summary>
internal abstract class TimerSchedule
{
    public abstract string Expression { get; }

    /// <summary>The host turns its schedule monitor off for schedules that fire more often than once a minute.</summary>
    public bool IsMonitorable(DateTimeOffset now)
    {
        var first = NextAfter(now);
        return NextAfter(first) - first >= TimeSpan.FromMinutes(1);
    }

    /// <summary>The first occurrence strictly after <paramref name="time"/>.</summary>
    public abstract DateTimeOffset NextAfter(DateTimeOffset time);

    public static TimerSchedule Parse(string expression)
    {
        var fields = expression.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        if (fields is 5 or 6)
        {
            return new Cron(expression, CrontabSchedule.Parse(expression, new CrontabSchedule.ParseOptions { IncludingSeconds = fields == 6 }));
        }

        if (TimeSpan.TryParse(expression, CultureInfo.InvariantCulture, out var interval) && interval > TimeSpan.Zero)
        {
            return new Constant(expression, interval);
        }

        throw new FormatException($"The schedule '{expression}' is neither an NCRONTAB expression (6 fields, seconds first, or 5) nor a time span.");
    }

    private sealed class Cron(string expression, CrontabSchedule schedule) : TimerSchedule
    {
        public override string Expression => expression;

        public override DateTimeOffset NextAfter(DateTimeOffset time) =>
            new(DateTime.SpecifyKind(schedule.GetNextOccurrence(time.UtcDateTime), DateTimeKind.Utc));
    }

    private sealed class Constant(string expression, TimeSpan interval) : TimerSchedule
    {
        public override string Expression => expression;

        public override DateTimeOffset NextAfter(DateTimeOffset time) => time + interval;
    }
}
