using Automation.DevHost.Settings;
using Automation.DevHost.Worker;

namespace Automation.DevHost.Output;

/// <summary>The lines printed once the host serves: where it listens, each function with its trigger, and the admin hint.</summary>
internal static class StartupBanner
{
    public static IReadOnlyList<string> Render(Uri baseAddress, string scriptRoot, string? storage, string routePrefix, IReadOnlyList<LoadedFunction> functions)
    {
        var lines = new List<string>
        {
            string.Empty,
            $"Development host listening on {baseAddress.ToString().TrimEnd('/')}",
            $"  worker: {scriptRoot}",
        };
        if (storage is not null)
        {
            lines.Add($"  storage: {storage}");
        }

        var width = functions.Select(f => f.Name.Length).DefaultIfEmpty(0).Max();
        foreach (var function in functions.OrderBy(f => f.Name, StringComparer.Ordinal))
        {
            var state = function switch
            {
                { Error: { } error } => $"  NOT SERVED: {error}",
                { Function.IsDisabled: true } => "  (disabled)",
                _ => string.Empty,
            };
            lines.Add($"  {function.Name.PadRight(width)}  {Describe(function.Function, routePrefix)}{state}");
        }

        if (functions.Count == 0)
        {
            lines.Add("  the worker reported no functions");
        }

        lines.Add($"  admin: POST /admin/functions/{{name}} with the master key ({LocalSettingsFile.MasterKeySetting}) in x-functions-key runs a timer or queue function now");
        lines.Add(string.Empty);
        return lines;
    }

    /// <summary>e.g. <c>http GET,PUT /api/shops/{shopId} (authLevel function)</c>, <c>timer 0 */1 * * * *</c>, <c>queue outbound-messages (connection AzureWebJobsStorage)</c>.</summary>
    public static string Describe(DevHostFunction function, string routePrefix) => function switch
    {
        { TriggerKind: DevHostTriggerKind.Http } h =>
            $"http {(h.Methods is null ? "ANY" : string.Join(',', h.Methods))} {RoutePath(routePrefix, h.Route ?? h.Name)} (authLevel {h.AuthLevel})",
        { TriggerKind: DevHostTriggerKind.Timer } t => $"timer {t.Schedule ?? "?"}{(t.RunOnStartup ? " (runOnStartup)" : string.Empty)}",
        { TriggerKind: DevHostTriggerKind.Queue } q => $"queue {q.QueueName ?? "?"} (connection {q.Connection ?? FunctionCatalog.DefaultConnection})",
        _ => function.TriggerType,
    };

    private static string RoutePath(string prefix, string route) =>
        "/" + string.Join('/', new[] { prefix, route }.Where(p => p.Length > 0));
}
