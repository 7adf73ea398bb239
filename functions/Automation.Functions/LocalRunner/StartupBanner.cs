using Automation.Functions.Hosting;

namespace Automation.Functions.LocalRunner;

/// <summary>Prints, once the server listens, where the local host is and which functions it serves.</summary>
internal sealed class StartupBanner(
    LocalFunctionCatalog catalog,
    FunctionRegistry registry,
    LocalHandlerClient client,
    HostSettingsProvider hostSettings,
    AzuriteStatus azurite,
    IHostApplicationLifetime lifetime) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(Print);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    internal string Render()
    {
        var prefix = hostSettings.Current.RoutePrefix;
        var lines = new List<string>
        {
            string.Empty,
            $"Local runner (development host) listening on {client.BaseAddress.ToString().TrimEnd('/')}",
            $"  functions from {catalog.FunctionsPath}",
        };
        if (azurite.Message is { } storage)
        {
            lines.Add($"  storage: {storage}");
        }

        var width = catalog.Functions.Select(f => f.Name.Length).DefaultIfEmpty(0).Max();
        foreach (var function in catalog.Functions)
        {
            var description = function.Describe().Replace("{prefix}", prefix, StringComparison.Ordinal).Replace("//", "/", StringComparison.Ordinal);
            lines.Add($"  {function.Name.PadRight(width)}  {description}{ImplementationWarning(function)}");
        }

        foreach (var error in catalog.Errors)
        {
            lines.Add($"  {error.Name.PadRight(width)}  NOT LOADED: {error.Error}");
        }

        if (catalog.Functions.Count == 0 && catalog.Errors.Count == 0)
        {
            lines.Add("  no function folders found");
        }

        lines.Add($"  admin: POST /admin/functions/{{name}} with the master key ({LocalSettingsFile.MasterKeySetting}) in x-functions-key");
        lines.Add(string.Empty);
        return string.Join(Environment.NewLine, lines);
    }

    private void Print() => Console.Out.WriteLine(Render());

    // A timer or queue folder without a matching AddTimerFunction/AddQueueFunction gets 404 (or 400) from the handler.
    private string ImplementationWarning(FunctionDefinition function)
    {
        if (function.Http is not null)
        {
            return string.Empty;
        }

        var expected = function.Timer is not null ? FunctionTriggerKind.Timer : FunctionTriggerKind.Queue;
        return registry.TryGet(function.Name, out var registration)
            ? registration.Kind == expected ? string.Empty : $"  [registered as a {registration.Kind.ToString().ToLowerInvariant()} function]"
            : $"  [no implementation registered: Add{expected}Function]";
    }
}
