using Automation.Functions.Features.Http;
using Automation.Functions.Features.Messaging;
using Automation.Functions.Features.Orders;
using Automation.Functions.Features.Reminders;
using Automation.Functions.Features.Shops;
using Automation.Functions.Hosting;
using Automation.Storage.Stores;

namespace Automation.Functions.Features;

/// <summary>Wires the product's functions (HTTP endpoints, timer and queue functions) into the handler.</summary>
internal static class FeatureRegistration
{
    public static IServiceCollection AddAutomationFeatures(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddAutomationStores();
        services.AddOptions<ShopCacheOptions>()
            .Bind(configuration.GetSection(ShopCacheOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddMemoryCache();
        services.AddSingleton<ShopSettingsCache>();
        services.AddOptions<MessageDeliveryOptions>()
            .Bind(configuration.GetSection(MessageDeliveryOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, ApiJsonContext.Default));

        services.AddSingleton<OrderEventIngestion>();
        services.AddSingleton<OutboundMessageQueue>();
        services.AddSingleton<IMessagePolicy, PaymentReminderPolicy>();
        services.AddSingleton<ChannelPipelines>();
        services.AddHttpClient<CustomerChannelClient>(http => http.Timeout = Timeout.InfiniteTimeSpan)
            .SetHandlerLifetime(TimeSpan.FromMinutes(5));

        services.AddTimerFunction<DueMessageSweepFunction>(DueMessageSweepFunction.FunctionName);
        services.AddQueueFunction<DeliverMessageFunction>(DeliverMessageFunction.FunctionName);
        return services;
    }

    public static IEndpointRouteBuilder MapAutomationApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api");
        api.MapShopEndpoints();
        api.MapOrderEventEndpoints();
        return endpoints;
    }
}
