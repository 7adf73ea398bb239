using System.Text.Json.Serialization.Metadata;
using Automation.Core.Security;
using Automation.Core.Shops;
using Automation.Functions.Features.Http;
using Automation.Storage.Stores;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;

namespace Automation.Functions.Features.Access;

/// <summary>
/// Issuing, listing, rotating and revoking a shop's API keys: admin level, so only the platform's master key reaches
/// them. A key's secret is in the answer that issues it and nowhere else; it is stored only as a hash. A shop key can
/// be issued before the shop exists: that is how a new shop's ops get the key that creates it.
/// </summary>
internal sealed class ApiKeyFunctions(ApiKeyStore keys, TimeProvider time)
{
    private const int MaxRequestBytes = 4 * 1024;

    [Function(nameof(ApiKeys))]
    public async Task<IResult> ApiKeys(
        [HttpTrigger(AuthorizationLevel.Admin, "get", "post", Route = "shops/{shopId}/keys")] HttpRequest request,
        string shopId,
        CancellationToken cancellationToken)
    {
        if (!ShopSettingsValidator.IsValidShopId(shopId))
        {
            return ApiProblems.Invalid("shopId", "The shop id must be 3 to 63 characters of lowercase letters, digits and '-', starting with a letter or digit.");
        }

        return HttpMethods.IsPost(request.Method)
            ? await IssueAsync(shopId, request, cancellationToken)
            : TypedResults.Ok(new ApiKeyList((await keys.ListAsync(shopId, cancellationToken)).Select(ApiKeyView.From).ToList()));
    }

    [Function(nameof(RotateApiKey))]
    public async Task<IResult> RotateApiKey(
        [HttpTrigger(AuthorizationLevel.Admin, "post", Route = "shops/{shopId}/keys/{keyId}/rotate")] HttpRequest request,
        string shopId,
        string keyId,
        CancellationToken cancellationToken)
    {
        var (input, problem) = await ReadOptionalInputAsync(request, ApiJsonContext.Default.ApiKeyRotateInput, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var rotation = ApiKeyRequestValidator.Validate(input);
        if (!rotation.IsValid)
        {
            return ApiProblems.Invalid(rotation.Errors);
        }

        var previous = await FindAsync(shopId, keyId, cancellationToken);
        var now = time.GetUtcNow();
        if (previous is null || !previous.IsActiveAt(now))
        {
            return UnknownKey(shopId, keyId);
        }

        if (previous.ReplacedBy is { } successor)
        {
            return KeyChanged($"Key '{keyId}' was already rotated into '{successor}'; rotate that one.");
        }

        // The old key never gains time by being rotated: it ends at the grace period's end or its own, whichever is first.
        var previousEndsAt = now + rotation.Value.PreviousValidFor;
        if (previous.ExpiresAt is { } ownEnd && ownEnd < previousEndsAt)
        {
            previousEndsAt = ownEnd;
        }

        var (replacement, token) = NewKey(shopId, previous.Scope, previous.AgentId, previous.Name, rotation.Value.ValidFor, now);
        if (!await keys.TryRotateAsync(previous, previousEndsAt, replacement, cancellationToken))
        {
            return KeyChanged($"Key '{keyId}' was rotated or revoked by another request meanwhile; list the keys and try again.");
        }

        return TypedResults.Created(
            $"/api/shops/{shopId}/keys/{replacement.KeyId}",
            IssuedKeyView.From(replacement, token, new RotatedKeyView(previous.KeyId, previousEndsAt)));
    }

    [Function(nameof(RevokeApiKey))]
    public async Task<IResult> RevokeApiKey(
        [HttpTrigger(AuthorizationLevel.Admin, "delete", Route = "shops/{shopId}/keys/{keyId}")] HttpRequest request,
        string shopId,
        string keyId,
        CancellationToken cancellationToken) =>
        ShopSettingsValidator.IsValidShopId(shopId) && Core.Security.ApiKeys.IsKeyId(keyId) && await keys.DeleteAsync(shopId, keyId, cancellationToken)
            ? TypedResults.NoContent()
            : UnknownKey(shopId, keyId);

    private async Task<IResult> IssueAsync(string shopId, HttpRequest request, CancellationToken cancellationToken)
    {
        var (input, problem) = await ReadOptionalInputAsync(request, ApiJsonContext.Default.ApiKeyIssueInput, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var result = ApiKeyRequestValidator.Validate(input);
        if (!result.IsValid)
        {
            return ApiProblems.Invalid(result.Errors);
        }

        var requested = result.Value;
        var (key, token) = NewKey(shopId, requested.Scope, requested.AgentId, requested.Name, requested.ValidFor, time.GetUtcNow());
        await keys.AddAsync(key, cancellationToken);
        return TypedResults.Created($"/api/shops/{shopId}/keys/{key.KeyId}", IssuedKeyView.From(key, token, rotated: null));
    }

    private static (ApiKeyRecord Key, string Token) NewKey(string shopId, ApiKeyScope scope, string? agentId, string? name, TimeSpan? validFor, DateTimeOffset now)
    {
        var issued = Core.Security.ApiKeys.Issue(shopId);
        return (new ApiKeyRecord(shopId, issued.KeyId, scope, agentId, name, issued.SecretHash, now, now + validFor), issued.Token);
    }

    private async Task<ApiKeyRecord?> FindAsync(string shopId, string keyId, CancellationToken cancellationToken) =>
        ShopSettingsValidator.IsValidShopId(shopId) && Core.Security.ApiKeys.IsKeyId(keyId)
            ? await keys.GetAsync(shopId, keyId, cancellationToken)
            : null;

    /// <summary>The request's JSON body as <typeparamref name="T"/>; no body at all is null (every field left out).</summary>
    private static async Task<(T? Input, IResult? Problem)> ReadOptionalInputAsync<T>(HttpRequest request, JsonTypeInfo<T> type, CancellationToken cancellationToken)
        where T : class
    {
        if (request.ContentLength is 0 || (request.ContentLength is null && request.Headers.ContentType.Count == 0))
        {
            return (null, null);
        }

        if (!JsonBody.IsJson(request.ContentType))
        {
            return (null, ApiProblems.Status(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type", "Send the request as application/json."));
        }

        var bytes = await JsonBody.ReadLimitedAsync(request, MaxRequestBytes, cancellationToken);
        if (bytes is null)
        {
            return (null, ApiProblems.Status(StatusCodes.Status413PayloadTooLarge, "Request too large", $"A key request is limited to {MaxRequestBytes / 1024} KiB."));
        }

        if (bytes.Length == 0)
        {
            return (null, null);
        }

        return JsonBody.TryDeserialize(bytes, type, out var input, out var jsonError)
            ? (input, null)
            : (null, ApiProblems.Invalid(jsonError.Key, jsonError.Value[0]));
    }

    private static ProblemHttpResult KeyChanged(string detail) =>
        ApiProblems.Status(StatusCodes.Status409Conflict, "Key already rotated", detail);

    private static ProblemHttpResult UnknownKey(string shopId, string keyId) =>
        ApiProblems.Status(StatusCodes.Status404NotFound, "Unknown key", $"Shop '{shopId}' has no active key '{keyId}'.");
}

internal sealed record ApiKeyList(IReadOnlyList<ApiKeyView> Keys);

/// <summary>A key as listed: never its secret or hash.</summary>
internal sealed record ApiKeyView(string KeyId, string Scope, string? AgentId, string? Name, DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt, string? ReplacedBy)
{
    public static ApiKeyView From(ApiKeyRecord key) =>
        new(key.KeyId, ScopeName(key.Scope), key.AgentId, key.Name, key.CreatedAt, key.ExpiresAt, key.ReplacedBy);

    public static string ScopeName(ApiKeyScope scope) => scope == ApiKeyScope.Shop ? "shop" : "agent";
}

/// <summary>A key as issued: the only time its secret is shown.</summary>
internal sealed record IssuedKeyView(
    string KeyId, string Key, string Scope, string? AgentId, string? Name, DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt, RotatedKeyView? Replaces)
{
    public static IssuedKeyView From(ApiKeyRecord key, string token, RotatedKeyView? rotated) =>
        new(key.KeyId, token, ApiKeyView.ScopeName(key.Scope), key.AgentId, key.Name, key.CreatedAt, key.ExpiresAt, rotated);
}

/// <summary>The key a rotation replaces, and when it stops working.</summary>
internal sealed record RotatedKeyView(string KeyId, DateTimeOffset ExpiresAt);
