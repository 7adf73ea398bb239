using Automation.Core.Security;
using Automation.Core.Shops;
using Automation.Functions.Features.Http;
using Automation.Storage.Stores;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace Automation.Functions.Features.Access;

/// <summary>
/// The product's own access check, behind the platform's function keys: a request to a shop's API carries one of the
/// shop's API keys as <c>Authorization: Bearer sak.…</c>. A missing key, a bad one, one of another shop, an expired
/// one and a key for a shop that does not exist all get the same 401, so callers cannot tell which shops exist. Costs
/// one point read per request.
/// </summary>
internal sealed class ApiKeyAuthentication(ApiKeyStore keys, TimeProvider time)
{
    private const string BearerPrefix = "Bearer ";

    // A hash for misses to compare against, so that an unknown key id costs the same work as a wrong secret.
    private static readonly string NoKeyHash = ApiKeys.Issue("no-shop").SecretHash;

    /// <summary>The key's grant for this shop, or null when the request carries no valid key of this shop.</summary>
    public async Task<ApiKeyGrant?> AuthenticateAsync(HttpRequest request, string shopId, CancellationToken cancellationToken)
    {
        string authorization = request.Headers[HeaderNames.Authorization].ToString();
        if (!authorization.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase)
            || !ApiKeys.TryParse(authorization[BearerPrefix.Length..].Trim(), out var keyId, out var secret)
            || !ShopSettingsValidator.IsValidShopId(shopId))
        {
            return null;
        }

        var key = await keys.GetAsync(shopId, keyId, cancellationToken);
        var matches = ApiKeys.Matches(shopId, keyId, secret, key?.SecretHash ?? NoKeyHash);
        return key is not null && matches && key.IsActiveAt(time.GetUtcNow())
            ? new ApiKeyGrant(shopId, keyId, key.Scope, key.AgentId)
            : null;
    }

    /// <summary>For ops endpoints (settings, orders): null when the request carries a shop key of this shop, else the answer to give.</summary>
    public async Task<ProblemHttpResult?> RequireShopKeyAsync(HttpRequest request, string shopId, CancellationToken cancellationToken) =>
        await AuthenticateAsync(request, shopId, cancellationToken) switch
        {
            null => Unauthenticated(request),
            { IsShopWide: false } => ApiProblems.Status(
                StatusCodes.Status403Forbidden, "Agent key", "An agent key reaches only its agent's own tasks; this needs the shop's key."),
            _ => null,
        };

    public static ProblemHttpResult Unauthenticated(HttpRequest request)
    {
        request.HttpContext.Response.Headers.WWWAuthenticate = "Bearer";
        return ApiProblems.Status(
            StatusCodes.Status401Unauthorized,
            "API key required",
            "Send one of this shop's API keys as 'Authorization: Bearer sak.…', besides the function key.");
    }
}
