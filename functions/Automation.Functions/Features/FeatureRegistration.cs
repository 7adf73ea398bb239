namespace Automation.Functions.Features;

/// <summary>Wires the product's functions (HTTP endpoints, timer and queue functions) into the handler.</summary>
internal static class FeatureRegistration
{
    public static IServiceCollection AddAutomationFeatures(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return services;
    }

    public static IEndpointRouteBuilder MapAutomationApi(this IEndpointRouteBuilder endpoints) => endpoints;
}
