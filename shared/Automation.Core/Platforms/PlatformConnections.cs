using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Automation.Core.Shops;

namespace Automation.Core.Platforms;

/// <summary>The shop platforms whose own webhooks a shop sends to the product, each with what verifies them.</summary>
public sealed record PlatformConnections(ShopifyConnection? Shopify, WooCommerceConnection? WooCommerce)
{
    public static PlatformConnections None { get; } = new(null, null);
}

/// <summary>
/// A Shopify store: its <c>*.myshopify.com</c> domain (Shopify's <c>X-Shopify-Shop-Domain</c>) and the key its webhooks
/// are signed with (the app's client secret, or the key shown under Settings → Notifications → Webhooks).
/// </summary>
public sealed record ShopifyConnection(string ShopDomain, string WebhookSecret)
{
    // Keep the secret out of logs and exception messages.
    public override string ToString() => $"ShopifyConnection {{ ShopDomain = {ShopDomain}, WebhookSecret = *** }}";
}

/// <summary>A WooCommerce site: its URL (WooCommerce's <c>X-WC-Webhook-Source</c>) and the webhook's secret.</summary>
public sealed record WooCommerceConnection(Uri SiteUrl, string WebhookSecret)
{
    /// <summary>
    /// Whether <paramref name="source"/> (the <c>X-WC-Webhook-Source</c> header, WordPress's <c>home_url('/')</c>) names
    /// this site: scheme, host and port alike, the path alike but for a trailing slash.
    /// </summary>
    public bool IsSource(string? source) =>
        Uri.TryCreate(source, UriKind.Absolute, out var url)
        && string.Equals(url.Scheme, SiteUrl.Scheme, StringComparison.OrdinalIgnoreCase)
        && string.Equals(url.IdnHost, SiteUrl.IdnHost, StringComparison.OrdinalIgnoreCase)
        && url.Port == SiteUrl.Port
        && string.Equals(url.AbsolutePath.TrimEnd('/'), SiteUrl.AbsolutePath.TrimEnd('/'), StringComparison.Ordinal);

    public override string ToString() => $"WooCommerceConnection {{ SiteUrl = {SiteUrl}, WebhookSecret = *** }}";
}

/// <summary>The <c>platforms</c> section of a shop's settings as received.</summary>
public sealed class PlatformsInput
{
    public ShopifyInput? Shopify { get; set; }

    /// <summary>Named as the platform spells itself (and as errors name it), not "wooCommerce".</summary>
    [JsonPropertyName("woocommerce")]
    public WooCommerceInput? WooCommerce { get; set; }

    public static PlatformsInput? From(PlatformConnections platforms, bool includeSecrets)
    {
        ArgumentNullException.ThrowIfNull(platforms);
        return platforms == PlatformConnections.None
            ? null
            : new PlatformsInput
            {
                Shopify = platforms.Shopify is { } shopify
                    ? new ShopifyInput { ShopDomain = shopify.ShopDomain, WebhookSecret = includeSecrets ? shopify.WebhookSecret : null }
                    : null,
                WooCommerce = platforms.WooCommerce is { } woo
                    ? new WooCommerceInput { SiteUrl = woo.SiteUrl.OriginalString, WebhookSecret = includeSecrets ? woo.WebhookSecret : null }
                    : null,
            };
    }
}

public sealed class ShopifyInput
{
    /// <summary>The store's myshopify.com domain, e.g. "my-store.myshopify.com".</summary>
    public string? ShopDomain { get; set; }

    public string? WebhookSecret { get; set; }
}

public sealed class WooCommerceInput
{
    /// <summary>The site's home URL, e.g. "https://shop.example.com/".</summary>
    public string? SiteUrl { get; set; }

    public string? WebhookSecret { get; set; }
}

/// <summary>Checks the <c>platforms</c> section. Secrets are write-only: an omitted one keeps the stored one.</summary>
internal static partial class PlatformConnectionsValidator
{
    public static PlatformConnections Validate(PlatformsInput? input, PlatformConnections? existing, ValidationErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (input is null)
        {
            return PlatformConnections.None;
        }

        return new PlatformConnections(
            ValidateShopify(input.Shopify, existing?.Shopify, errors),
            ValidateWooCommerce(input.WooCommerce, existing?.WooCommerce, errors));
    }

    private static ShopifyConnection? ValidateShopify(ShopifyInput? input, ShopifyConnection? existing, ValidationErrors errors)
    {
        if (input is null)
        {
            return null;
        }

        var domain = input.ShopDomain?.Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(domain) || !MyShopifyDomain().IsMatch(domain))
        {
            errors.Add("platforms.shopify.shopDomain", "The store's myshopify.com domain is required, e.g. \"my-store.myshopify.com\" (Shopify sends it as X-Shopify-Shop-Domain).");
            domain = null;
        }

        var secret = input.WebhookSecret ?? existing?.WebhookSecret;
        ShopSettingsValidator.ValidateSecret(secret, "platforms.shopify.webhookSecret", errors);
        return domain is null || errors.Has("platforms.shopify.webhookSecret") ? null : new ShopifyConnection(domain, secret!);
    }

    private static WooCommerceConnection? ValidateWooCommerce(WooCommerceInput? input, WooCommerceConnection? existing, ValidationErrors errors)
    {
        if (input is null)
        {
            return null;
        }

        Uri? siteUrl = null;
        if (string.IsNullOrWhiteSpace(input.SiteUrl)
            || !Uri.TryCreate(input.SiteUrl.Trim(), UriKind.Absolute, out siteUrl)
            || siteUrl.Scheme is not ("https" or "http")
            || !string.IsNullOrEmpty(siteUrl.UserInfo)
            || !string.IsNullOrEmpty(siteUrl.Query))
        {
            errors.Add("platforms.woocommerce.siteUrl", "The site's home URL is required, e.g. \"https://shop.example.com/\" (WooCommerce sends it as X-WC-Webhook-Source).");
            siteUrl = null;
        }

        var secret = input.WebhookSecret ?? existing?.WebhookSecret;
        ShopSettingsValidator.ValidateSecret(secret, "platforms.woocommerce.webhookSecret", errors);
        return siteUrl is null || errors.Has("platforms.woocommerce.webhookSecret") ? null : new WooCommerceConnection(siteUrl, secret!);
    }

    [GeneratedRegex(@"^[a-z0-9][a-z0-9-]{0,61}\.myshopify\.com\z", RegexOptions.CultureInvariant)]
    private static partial Regex MyShopifyDomain();
}
