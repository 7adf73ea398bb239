using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Automation.Storage.Stores;

public static class StoreServiceCollectionExtensions
{
    /// <summary>Registers the product's table-backed stores (needs <c>AddAzureStorage</c> and a TimeProvider).</summary>
    public static IServiceCollection AddAutomationStores(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<StoreTables>();
        services.TryAddSingleton<ShopStore>();
        services.TryAddSingleton<OrderStore>();
        services.TryAddSingleton<DueMessageIndex>();
        return services;
    }
}
