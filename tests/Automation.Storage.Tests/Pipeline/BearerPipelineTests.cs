using Automation.Storage.Pipeline;
using Azure.Core;
using Microsoft.Extensions.Time.Testing;

namespace Automation.Storage.Tests.Pipeline;

public sealed class BearerPipelineTests
{
    [Fact]
    public async Task Pipeline_TokenCredential_SendsBearerForStorageScopeWithDateAndVersion()
    {
        var credential = new StubCredential();
        var account = StorageAccount.FromTokenCredential(
            new Uri("https://shopauto.table.core.windows.net"), new Uri("https://shopauto.queue.core.windows.net"), credential);
        using var transport = new StubTransport(200);
        var options = new StorageClientOptions
        {
            Transport = transport,
            TimeProvider = new FakeTimeProvider(new DateTimeOffset(2024, 8, 5, 10, 0, 0, TimeSpan.Zero)),
        };
        var pipeline = StoragePipeline.Build(account, options, StorageService.Queue);
        using var message = pipeline.CreateMessage();
        message.Request.Method = RequestMethod.Get;
        message.Request.Uri.Reset(new Uri("https://shopauto.queue.core.windows.net/q?comp=metadata"));
        message.Request.Headers.SetValue("x-ms-version", StorageClientOptions.ServiceVersion);

        await pipeline.SendAsync(message, CancellationToken.None);

        var sent = Assert.Single(transport.Attempts);
        Assert.Equal("Bearer token-1", sent["Authorization"]);
        Assert.Equal("Mon, 05 Aug 2024 10:00:00 GMT", sent["x-ms-date"]);
        Assert.Equal("2020-12-06", sent["x-ms-version"]);
        Assert.Equal(["https://storage.azure.com/.default"], credential.Scopes);
        Assert.Equal("shopauto", account.AccountName);
    }

    [Fact]
    public void Pipeline_TokenCredentialOverHttp_ThrowsAtConstructionNamingTheEndpoint()
    {
        var account = StorageAccount.FromTokenCredential(
            new Uri("http://127.0.0.1:10002/devstoreaccount1"), new Uri("https://shopauto.queue.core.windows.net"), new StubCredential());

        var e = Assert.Throws<InvalidOperationException>(() => new Automation.Storage.Tables.TableServiceClient(account));

        Assert.Contains("http://127.0.0.1:10002/devstoreaccount1", e.Message, StringComparison.Ordinal);
        Assert.Contains("https", e.Message, StringComparison.Ordinal);
        _ = new Automation.Storage.Queues.QueueServiceClient(account); // The https queue endpoint is fine.
    }

    private sealed class StubCredential : TokenCredential
    {
        public string[] Scopes { get; private set; } = [];

        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
        {
            Scopes = requestContext.Scopes;
            return new AccessToken("token-1", new DateTimeOffset(2100, 1, 1, 0, 0, 0, TimeSpan.Zero));
        }

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            ValueTask.FromResult(GetToken(requestContext, cancellationToken));
    }
}
