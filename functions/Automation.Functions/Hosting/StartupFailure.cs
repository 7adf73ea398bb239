using Microsoft.AspNetCore.Connections;

namespace Automation.Functions.Hosting;

/// <summary>A start-up problem the user can fix, described in its message; reported as one line, without a stack trace.</summary>
internal sealed class StartupException(string message, Exception? innerException = null) : Exception(message, innerException);

/// <summary>Turns start-up failures with a known cause into one clear line instead of several stack traces.</summary>
internal static class StartupFailure
{
    /// <summary>The line to print for <paramref name="exception"/>, or null when it has no known cause (a bug: let it crash loudly).</summary>
    public static string? Describe(Exception exception) => exception switch
    {
        StartupException startup => startup.Message,
        IOException { InnerException: AddressInUseException } bind =>
            $"{bind.Message} Is the app already running? Stop it, or give another address with --urls.",
        AggregateException { InnerExceptions.Count: 1 } aggregate => Describe(aggregate.InnerExceptions[0]),
        _ => null,
    };

    /// <summary>
    /// Hides the host's own error entries until the app has started: a failed start is reported by
    /// <see cref="AutomationApp.Run"/> (one line for a known cause, the full exception otherwise), not also as a log
    /// entry with a stack trace. Critical entries and everything after start are kept.
    /// </summary>
    public static void FilterHostErrorsBeforeStart(ILoggingBuilder logging, Func<bool> started) =>
        logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", level => level >= LogLevel.Information && (level != LogLevel.Error || started()));
}
