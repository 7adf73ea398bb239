using System.Globalization;
using System.Text.Json.Serialization;
using System.Xml;
using Automation.Core.Agents;
using Automation.Core.Cases;
using Automation.Core.Platforms;
using Automation.Core.Reviews;
using Automation.Core.Shops;
using Automation.Functions.Features.Access;
using Automation.Functions.Features.Http;
using Automation.Functions.Features.Messaging;
using Automation.Storage.Stores;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;

namespace Automation.Functions.Features.Shops;

/// <summary>Ops configure a shop with its shop key: PUT creates or replaces it, GET reads it back without its secrets.</summary>
internal sealed class ShopFunctions(ShopStore shops, ShopSettingsCache cache, OutboundEndpointGuard outbound, ApiKeyAuthentication access)
{
    private const int MaxSettingsBytes = 256 * 1024;

    [Function(nameof(Shops))]
    public async Task<IResult> Shops(
        [HttpTrigger(AuthorizationLevel.Function, "get", "put", Route = "shops/{shopId}")] HttpRequest request,
        string shopId,
        CancellationToken cancellationToken)
    {
        if (await access.RequireShopKeyAsync(request, shopId, cancellationToken) is { } denied)
        {
            return denied;
        }

        return HttpMethods.IsPut(request.Method) ? await PutAsync(shopId, request, cancellationToken) : await GetAsync(shopId, cancellationToken);
    }

    private async Task<Results<Created<ShopView>, Ok<ShopView>, ValidationProblem, ProblemHttpResult>> PutAsync(string shopId, HttpRequest request, CancellationToken cancellationToken)
    {
        if (!JsonBody.IsJson(request.ContentType))
        {
            return ApiProblems.Status(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type", "Send the settings as application/json.");
        }

        var body = await JsonBody.ReadLimitedAsync(request, MaxSettingsBytes, cancellationToken);
        if (body is null)
        {
            return ApiProblems.Status(StatusCodes.Status413PayloadTooLarge, "Settings too large", $"Shop settings are limited to {MaxSettingsBytes / 1024} KiB.");
        }

        if (!JsonBody.TryDeserialize(body, ApiJsonContext.Default.ShopSettingsInput, out var input, out var jsonError))
        {
            return ApiProblems.Invalid(jsonError.Key, jsonError.Value[0]);
        }

        // Secrets are never returned, so a PUT that leaves them out keeps the stored ones (GET, edit, PUT works). The
        // stored row is read as saved: one that no longer meets today's rules can still be replaced, with its secrets
        // sent again, instead of failing to load.
        var stored = ShopSettingsValidator.IsValidShopId(shopId) ? await shops.GetStoredAsync(shopId, cancellationToken) : null;
        var existing = stored is null ? null : ShopSettingsValidator.ValidateStored(shopId, stored.Input).Value;
        var result = ShopSettingsValidator.Validate(shopId, input, existing);
        if (!result.IsValid)
        {
            return ApiProblems.Invalid(result.Errors);
        }

        // After the rules, so a bad request costs no DNS lookup; checked again on every connection.
        if (await CheckCustomerChannelAsync(result.Value.CustomerChannel, cancellationToken) is { } channelError)
        {
            return ApiProblems.Invalid(channelError.Key, channelError.Value);
        }

        // Agents' channels are outbound requests of the product too, checked the same way (robot hosts resolve publicly).
        if (await CheckAgentChannelsAsync(result.Value.Agents, cancellationToken) is { Count: > 0 } agentErrors)
        {
            return ApiProblems.Invalid(agentErrors);
        }

        // The read above (needed for the kept secrets) already tells whether this creates the shop; the save is
        // conditional on it, so a concurrent save in between is not overwritten unseen (nor are two shops created).
        if (!await shops.TrySaveAsync(shopId, ShopSettingsInput.From(result.Value), stored?.ETag, cancellationToken))
        {
            return ApiProblems.Status(StatusCodes.Status409Conflict, "Shop changed", "The shop's settings were changed by another request meanwhile; read them again and send yours.");
        }

        cache.Invalidate(shopId);
        var view = ShopView.From(result.Value);
        return stored is null ? TypedResults.Created($"/api/shops/{shopId}", view) : TypedResults.Ok(view);
    }

    /// <summary>The customer channel's field and what is wrong when its host resolves to a non-public address, else null.</summary>
    private async Task<KeyValuePair<string, string>?> CheckCustomerChannelAsync(CustomerChannel? channel, CancellationToken cancellationToken)
    {
        var (path, error) = channel switch
        {
            WebhookCustomerChannel webhook => ("customerChannel.url", await outbound.CheckAsync(webhook.Url, cancellationToken)),
            EmailCustomerChannel email => ("customerChannel.smtp.host", await outbound.CheckHostAsync(email.Smtp.Host, cancellationToken)),
            _ => ("customerChannel", null),
        };
        return error is null ? null : new KeyValuePair<string, string>(path, error);
    }

    /// <summary>Each agent's channel URL that resolves to a non-public address, by its path (<c>agents[2].channel.url</c>); looked up in parallel.</summary>
    private async Task<Dictionary<string, string[]>> CheckAgentChannelsAsync(IReadOnlyList<Agent> agents, CancellationToken cancellationToken)
    {
        var checks = await Task.WhenAll(agents.Select(agent => outbound.CheckAsync(agent.Channel.Url, cancellationToken)));
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        for (var i = 0; i < checks.Length; i++)
        {
            if (checks[i] is { } error)
            {
                errors[string.Create(CultureInfo.InvariantCulture, $"agents[{i}].channel.url")] = [error];
            }
        }

        return errors;
    }

    private async Task<Results<Ok<ShopView>, ProblemHttpResult>> GetAsync(string shopId, CancellationToken cancellationToken)
    {
        if (!ShopSettingsValidator.IsValidShopId(shopId))
        {
            return ApiProblems.UnknownShop(shopId);
        }

        var shop = await shops.GetAsync(shopId, cancellationToken);
        return shop is null ? ApiProblems.UnknownShop(shopId) : TypedResults.Ok(ShopView.From(shop));
    }
}

/// <summary>A shop's settings as ops read them: secrets are never returned, only whether they are set.</summary>
internal sealed record ShopView(
    string ShopId,
    string Name,
    string TimeZone,
    string Locale,
    bool WebhookSecretSet,
    ShopView.QuietHoursView? QuietHours,
    ShopView.PaymentRemindersView PaymentReminders,
    ShopView.CustomerChannelView? CustomerChannel,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Templates,
    ShippingNoticesInput ShippingNotices,
    FollowUpsInput FollowUps,
    ContactBudgetInput ContactBudget,
    IReadOnlyDictionary<string, string> Carriers,
    ReviewRepliesInput ReviewReplies,
    IReadOnlyList<string> OptOutKeywords,
    ServiceTargetsInput Slas,
    IReadOnlyList<ShopView.AgentView> Agents,
    ShopView.PlatformsView? Platforms)
{
    public static ShopView From(ShopSettings shop) => From(shop, ShopSettingsInput.From(shop, includeSecrets: false));

    // The newer sections are shown exactly as they are written (defaults filled in), from the same mapping that stores them.
    private static ShopView From(ShopSettings shop, ShopSettingsInput shown) => new(
        shop.ShopId,
        shop.Name,
        shop.TimeZoneId,
        shop.Locale,
        WebhookSecretSet: !string.IsNullOrEmpty(shop.WebhookSecret),
        shop.QuietHours is { } quiet ? new QuietHoursView(quiet.Start.ToString("HH:mm", CultureInfo.InvariantCulture), quiet.End.ToString("HH:mm", CultureInfo.InvariantCulture)) : null,
        new PaymentRemindersView(
            shop.PaymentReminders.Enabled,
            XmlConvert.ToString(shop.PaymentReminders.FirstAfter),
            XmlConvert.ToString(shop.PaymentReminders.LastBeforeClose),
            XmlConvert.ToString(shop.PaymentReminders.AutoCloseAfter),
            shop.PaymentReminders.MaxPerOrder),
        CustomerChannelView.For(shop.CustomerChannel),
        shop.Templates,
        shown.ShippingNotices!,
        shown.FollowUps!,
        shown.ContactBudget!,
        shown.Carriers!,
        shown.ReviewReplies!,
        shown.OptOutKeywords!,
        shown.Slas!,
        [.. shop.Agents.Select(AgentView.From)],
        PlatformsView.From(shop.Platforms));

    internal sealed record QuietHoursView(string Start, string End);

    internal sealed record PaymentRemindersView(bool Enabled, string FirstAfter, string LastBeforeClose, string AutoCloseAfter, int MaxPerOrder);

    /// <summary>
    /// The customer channel without its secrets: a webhook's <c>url</c> and <c>secretSet</c>; an email channel's SMTP
    /// server with <c>passwordSet</c> in place of the password, its <c>from</c> and <c>replyTo</c>.
    /// </summary>
    internal sealed record CustomerChannelView(
        string Type,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Url,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] bool? SecretSet,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] SmtpView? Smtp,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? From,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ReplyTo)
    {
        public static CustomerChannelView? For(CustomerChannel? channel) => channel switch
        {
            null => null,
            WebhookCustomerChannel webhook => new(CustomerChannelTypes.Webhook, webhook.Url.ToString(), !string.IsNullOrEmpty(webhook.Secret), null, null, null),
            EmailCustomerChannel email => new(
                CustomerChannelTypes.Email,
                null,
                null,
                new SmtpView(email.Smtp.Host, email.Smtp.Port, SmtpSecurityNames.Name(email.Smtp.Security), email.Smtp.Username, PasswordSet: !string.IsNullOrEmpty(email.Smtp.Password)),
                email.From,
                email.ReplyTo),
            _ => throw new ArgumentOutOfRangeException(nameof(channel), channel.GetType().Name, "Unknown customer channel."),
        };
    }

    internal sealed record SmtpView(string Host, int Port, string Security, string? Username, bool PasswordSet);

    /// <summary>
    /// An agent as ops read it. The channel shows its type and only whether a URL and a secret are set: a robot's URL
    /// is its credential, and one rule for every type keeps that from depending on the type being right.
    /// </summary>
    internal sealed record AgentView(string Id, string Name, IReadOnlyList<string> Roles, bool Active, int MaxOpenTasks, AgentChannelView Channel)
    {
        public static AgentView From(Agent agent) => new(
            agent.Id,
            agent.Name,
            [.. agent.Roles.Select(AgentNames.Name)],
            agent.Active,
            agent.MaxOpenTasks,
            new AgentChannelView(AgentNames.Name(agent.Channel.Type), UrlSet: true, SecretSet: !string.IsNullOrEmpty(agent.Channel.Secret)));
    }

    internal sealed record AgentChannelView(string Type, bool UrlSet, bool SecretSet);

    /// <summary>The connected platforms: where their webhooks come from, and only whether their secrets are set.</summary>
    internal sealed record PlatformsView(ShopifyView? Shopify, [property: JsonPropertyName("woocommerce")] WooCommerceView? WooCommerce)
    {
        public static PlatformsView? From(PlatformConnections platforms) => platforms == PlatformConnections.None
            ? null
            : new(
                platforms.Shopify is { } shopify ? new ShopifyView(shopify.ShopDomain, WebhookSecretSet: true) : null,
                platforms.WooCommerce is { } woo ? new WooCommerceView(woo.SiteUrl.OriginalString, WebhookSecretSet: true) : null);
    }

    internal sealed record ShopifyView(string ShopDomain, bool WebhookSecretSet);

    internal sealed record WooCommerceView(string SiteUrl, bool WebhookSecretSet);
}
