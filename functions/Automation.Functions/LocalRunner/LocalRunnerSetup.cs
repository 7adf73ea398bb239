namespace Automation.Functions.LocalRunner;

/// <summary>Local mode: the app plays the Functions host's part for development.</summary>
internal static class LocalRunnerSetup
{
    public static void Configure(WebApplicationBuilder builder, string appRoot)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(appRoot);
    }

    public static IApplicationBuilder UseLocalRunner(this IApplicationBuilder app) => app;

    public static IEndpointRouteBuilder MapLocalRunnerAdmin(this IEndpointRouteBuilder endpoints) => endpoints;
}
