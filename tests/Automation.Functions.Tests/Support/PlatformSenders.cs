using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Automation.Functions.Tests.Support;

/// <summary>Shop platforms' webhooks as the platforms send them: their own bodies, headers and signatures.</summary>
internal static class PlatformSenders
{
    public const string ShopifySecret = "shopify-webhook-secret-0123456789";
    public const string ShopDomain = "demo-store.myshopify.com";
    public const string WooSecret = "woo-webhook-secret-0123456789";
    public const string WooSite = "https://woo.example.com/";

    /// <summary>The shop settings' platforms section connecting both platforms.</summary>
    public static JsonObject Platforms() => new()
    {
        ["shopify"] = new JsonObject { ["shopDomain"] = ShopDomain, ["webhookSecret"] = ShopifySecret },
        ["woocommerce"] = new JsonObject { ["siteUrl"] = WooSite, ["webhookSecret"] = WooSecret },
    };

    /// <summary>A body of the platforms' samples (in ../shared/reference/samples), parsed for a test to change.</summary>
    public static JsonObject Sample(string name) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "..", "shared", "reference", "samples", name)))!.AsObject();

    /// <summary>Posts <paramref name="body"/> as Shopify does: the Base64 HMAC of the exact bytes and Shopify's headers.</summary>
    public static async Task<HttpResponseMessage> PostShopifyAsync(
        this HttpClient client, string shopId, string topic, JsonNode body, string? eventId = null, string? webhookId = null,
        string secret = ShopifySecret, string shopDomain = ShopDomain)
    {
        var bytes = Encoding.UTF8.GetBytes(body.ToJsonString());
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/shops/{shopId}/platforms/shopify") { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add("X-Shopify-Topic", topic);
        request.Headers.Add("X-Shopify-Hmac-Sha256", Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), bytes)));
        request.Headers.Add("X-Shopify-Shop-Domain", shopDomain);
        request.Headers.Add("X-Shopify-API-Version", "2026-04");
        request.Headers.Add("X-Shopify-Webhook-Id", webhookId ?? Guid.NewGuid().ToString());
        request.Headers.Add("X-Shopify-Event-Id", eventId ?? Guid.NewGuid().ToString());
        // Shopify writes nanoseconds: nine fractional digits.
        request.Headers.Add("X-Shopify-Triggered-At", DateTimeOffset.UtcNow.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'00Z'", CultureInfo.InvariantCulture));
        return await client.SendAsync(request);
    }

    /// <summary>Posts <paramref name="body"/> as WooCommerce does: the Base64 HMAC of the exact bytes and WooCommerce's headers.</summary>
    public static async Task<HttpResponseMessage> PostWooCommerceAsync(
        this HttpClient client, string shopId, string topic, JsonNode body, string secret = WooSecret, string source = WooSite)
    {
        var bytes = Encoding.UTF8.GetBytes(body.ToJsonString());
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/shops/{shopId}/platforms/woocommerce") { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "UTF-8" };
        request.Headers.Add("X-WC-Webhook-Source", source);
        request.Headers.Add("X-WC-Webhook-Topic", topic);
        request.Headers.Add("X-WC-Webhook-Resource", topic.Split('.')[0]);
        request.Headers.Add("X-WC-Webhook-Event", topic.Split('.')[1]);
        request.Headers.Add("X-WC-Webhook-Signature", Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), bytes)));
        request.Headers.Add("X-WC-Webhook-ID", "17");
        request.Headers.Add("X-WC-Webhook-Delivery-ID", Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)));
        request.Headers.UserAgent.ParseAdd("WooCommerce/9.4.0 Hookshot (WordPress/6.7)");
        return await client.SendAsync(request);
    }

    /// <summary>WooCommerce's ping when a webhook is created: a form body, no signature.</summary>
    public static async Task<HttpResponseMessage> PingWooCommerceAsync(this HttpClient client, string shopId, int webhookId)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/shops/{shopId}/platforms/woocommerce")
        {
            Content = new StringContent($"webhook_id={webhookId}", Encoding.UTF8, "application/x-www-form-urlencoded"),
        };
        return await client.SendAsync(request);
    }

    public static string Iso(DateTimeOffset at) => at.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    /// <summary>WooCommerce's *_gmt dates: UTC without an offset.</summary>
    public static string Gmt(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);
}
