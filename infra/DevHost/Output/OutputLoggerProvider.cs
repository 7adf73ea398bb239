using System.Globalization;
using Microsoft.Extensions.Logging;

namespace Automation.DevHost.Output;

/// <summary>Writes the host's own log entries as single lines to the <see cref="OutputSink"/>.</summary>
internal sealed class OutputLoggerProvider(OutputSink sink, TimeProvider timeProvider) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new OutputLogger(sink, timeProvider, ShortCategory(categoryName));

    public void Dispose()
    {
    }

    // "Automation.DevHost.Triggers.QueueListener" reads as "QueueListener"; framework categories stay whole.
    private static string ShortCategory(string category) =>
        category.StartsWith("Automation.DevHost.", StringComparison.Ordinal) ? category[(category.LastIndexOf('.') + 1)..] : category;

    internal static string LevelLabel(LogLevel level) => level switch
    {
        LogLevel.Trace => "trce",
        LogLevel.Debug => "dbug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warn",
        LogLevel.Error => "fail",
        LogLevel.Critical => "crit",
        _ => "none",
    };

    private sealed class OutputLogger(OutputSink sink, TimeProvider timeProvider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }

            var time = timeProvider.GetLocalNow().ToString("HH:mm:ss", CultureInfo.InvariantCulture);
            sink.WriteLine($"{time} {LevelLabel(logLevel)} {category}: {formatter(state, exception)}");
            if (exception is not null)
            {
                sink.WriteLine(exception.ToString());
            }
        }
    }
}
