using Automation.Functions.Features.Access;
using Automation.Functions.Features.Cases;
using Automation.Functions.Features.Customers;
using Automation.Functions.Features.Events;
using Automation.Functions.Features.FollowUps;
using Automation.Functions.Features.Http;
using Automation.Functions.Features.Messaging;
using Automation.Functions.Features.Orders;
using Automation.Functions.Features.Platforms;
using Automation.Functions.Features.Reviews;
using Automation.Functions.Features.Shops;
using Automation.Functions.Features.Sweep;
using Automation.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Automation.Functions.Features;

/// <summary>Wires the product's services behind its functions; the function classes themselves are found by the worker SDK.</summary>
internal static class FeatureRegistration
{
    public static IServiceCollection AddAutomationFunctions(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddAutomationStorage(configuration);
        services.AddOptions<ShopCacheOptions>()
            .Bind(configuration.GetSection(ShopCacheOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddMemoryCache();
        services.AddSingleton<ShopSettingsCache>();
        services.AddSingleton<TaughtPhrasesCache>();
        services.AddOptions<MessageDeliveryOptions>()
            .Bind(configuration.GetSection(MessageDeliveryOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddOptions<MorningSweepOptions>()
            .Bind(configuration.GetSection(MorningSweepOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddOptions<QueueTriggerSettings>()
            .Configure(settings => QueueTriggerSettings.Read(settings, configuration))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, ApiJsonContext.Default));

        services.AddSingleton<ApiKeyAuthentication>();
        services.AddSingleton<OrderEventIngestion>();
        services.AddSingleton<CanonicalEvents>();
        services.AddSingleton<PlatformDeliveryIngestion>();
        services.AddSingleton<CustomerMessageIngestion>();
        services.AddSingleton<RejectedWebhookLog>();
        services.AddSingleton<OutboundMessageQueue>();
        services.AddSingleton<ImmediateHandOff>();
        services.AddSingleton<MorningSweepRunner>();
        services.AddSingleton<ReviewIngestion>();
        services.AddSingleton<CaseIngestion>();
        services.AddSingleton<CustomerErasure>();
        services.AddSingleton<ShopErasure>();
        services.AddSingleton<CustomerDataRequests>();
        services.AddSingleton<ChannelPipelines>();
        services.AddSingleton<OutboundEndpointGuard>();
        services.AddSingleton<EmailChannelClient>();
        AddGuardedClient<CustomerChannelClient>(services);
        AddGuardedClient<AgentChannelClient>(services);
        return services;
    }

    /// <summary>
    /// An HTTP client for shops' and agents' endpoints: every connection goes through the guard (DNS may have changed
    /// since the URL was saved), and redirects are not followed: an endpoint answers, it does not send the product
    /// elsewhere. Timeouts are the resilience pipeline's, per attempt.
    /// </summary>
    private static void AddGuardedClient<TClient>(IServiceCollection services)
        where TClient : class =>
        services.AddHttpClient<TClient>(http => http.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(sp => new SocketsHttpHandler
            {
                ConnectCallback = sp.GetRequiredService<OutboundEndpointGuard>().ConnectAsync,
                AllowAutoRedirect = false,
                UseCookies = false,
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            })
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan);
}
