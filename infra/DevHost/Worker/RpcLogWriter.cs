using System.Globalization;
using Automation.DevHost.Output;
using Automation.DevHost.Rpc;
using Automation.DevHost.Settings;
using Microsoft.Extensions.Logging;

namespace Automation.DevHost.Worker;

/// <summary>
/// Shows the worker's RpcLog entries (its ILogger output; the worker has no console logger) as single lines, filtered
/// by host.json's <c>logging.logLevel</c>. Worker-internal (System) entries are shown from Warning up only.
/// </summary>
internal sealed class RpcLogWriter(OutputSink output, LogLevels levels, TimeProvider timeProvider)
{
    public void Write(RpcLog log)
    {
        var level = ToLogLevel(log.Level);
        if (level == LogLevel.None ||
            level < levels.MinimumFor(log.Category) ||
            (log.LogCategory == RpcLog.Types.RpcLogCategory.System && level < LogLevel.Warning) ||
            log.LogCategory == RpcLog.Types.RpcLogCategory.CustomMetric)
        {
            return;
        }

        var time = timeProvider.GetLocalNow().ToString("HH:mm:ss", CultureInfo.InvariantCulture);
        output.WriteLine($"{time} {OutputLoggerProvider.LevelLabel(level)} {log.Category}: {log.Message}");
        if (log.Exception is { } exception && (exception.Message.Length > 0 || exception.Type.Length > 0))
        {
            // The worker often leaves the type empty and starts the message with it instead.
            output.WriteLine(exception.Type.Length > 0 ? $"      {exception.Type}: {exception.Message}" : $"      {exception.Message}");
            if (exception.StackTrace.Length > 0)
            {
                output.WriteLine(exception.StackTrace);
            }
        }
    }

    internal static LogLevel ToLogLevel(RpcLog.Types.Level level) => level switch
    {
        RpcLog.Types.Level.Trace => LogLevel.Trace,
        RpcLog.Types.Level.Debug => LogLevel.Debug,
        RpcLog.Types.Level.Information => LogLevel.Information,
        RpcLog.Types.Level.Warning => LogLevel.Warning,
        RpcLog.Types.Level.Error => LogLevel.Error,
        RpcLog.Types.Level.Critical => LogLevel.Critical,
        _ => LogLevel.None,
    };
}
