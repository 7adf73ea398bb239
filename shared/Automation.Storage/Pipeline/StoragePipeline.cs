using Azure.Core;
using Azure.Core.Pipeline;

namespace Automation.Storage.Pipeline;

internal enum StorageService
{
    Table,
    Queue,
}

/// <summary>Builds the Azure.Core pipeline for one storage service with the account's auth.</summary>
internal static class StoragePipeline
{
    public const string TokenScope = "https://storage.azure.com/.default";

    public static HttpPipeline Build(StorageAccount account, StorageClientOptions options, StorageService service)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(options);

        // Azure.Core's bearer policy refuses non-https requests, but only when the first request is sent
        // (InvalidOperationException, not RequestFailedException): fail at construction and name the endpoint.
        var endpoint = service == StorageService.Table ? account.TableEndpoint : account.QueueEndpoint;
        if (account.SharedKey is null && endpoint.Scheme != Uri.UriSchemeHttps)
        {
            throw new InvalidOperationException(
                $"The {service.ToString().ToLowerInvariant()} endpoint {endpoint} uses {endpoint.Scheme}: Entra ID (bearer token) " +
                "authentication requires https. Use an https service URI, or a connection string with an account key (e.g. for Azurite).");
        }

        HttpPipelinePolicy[] perRetry = account.SharedKey is { } key
            ? [service == StorageService.Table
                ? new TableSharedKeyLitePolicy(account.AccountName, key, options.TimeProvider)
                : new QueueSharedKeyPolicy(account.AccountName, key, options.TimeProvider)]
            : [new StorageDatePolicy(options.TimeProvider),
                new BearerTokenAuthenticationPolicy(
                    account.Credential ?? throw new InvalidOperationException("The storage account has neither a shared key nor a token credential."),
                    TokenScope)];
        return HttpPipelineBuilder.Build(options, perRetry);
    }
}
