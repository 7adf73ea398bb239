namespace Automation.Functions.LocalRunner;

internal static class AppLifetimeExtensions
{
    /// <summary>
    /// Waits until the server listens. False when the app stopped first (e.g. its port was in use): then the
    /// caller has nothing to run and nothing to report.
    /// </summary>
    public static async Task<bool> WaitUntilStartedAsync(this IHostApplicationLifetime lifetime, CancellationToken stoppingToken)
    {
        try
        {
            await lifetime.WaitForStartedAsync(stoppingToken);
            return true;
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return false;
        }
    }
}
