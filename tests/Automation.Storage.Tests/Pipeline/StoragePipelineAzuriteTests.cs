using Automation.Storage.Pipeline;
using Automation.Testing;
using Azure.Core;

namespace Automation.Storage.Tests.Pipeline;

[Collection("Azurite")]
public sealed class StoragePipelineAzuriteTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task TablePipeline_SharedKeyLite_IsAcceptedByAzurite()
    {
        var account = StorageAccount.FromConnectionString(azurite.ConnectionString);
        var pipeline = StoragePipeline.Build(account, new StorageClientOptions(), StorageService.Table);
        using var message = pipeline.CreateMessage();
        message.Request.Method = RequestMethod.Get;
        message.Request.Uri.Reset(new Uri(account.TableEndpoint.AbsoluteUri.TrimEnd('/') + "/Tables"));
        message.Request.Headers.SetValue("x-ms-version", StorageClientOptions.ServiceVersion);
        message.Request.Headers.SetValue("Accept", "application/json;odata=minimalmetadata");

        await pipeline.SendAsync(message, CancellationToken.None);

        Assert.Equal(200, message.Response.Status);
    }

    [Fact]
    public async Task QueuePipeline_SharedKey_IsAcceptedByAzurite()
    {
        var account = StorageAccount.FromConnectionString(azurite.ConnectionString);
        var pipeline = StoragePipeline.Build(account, new StorageClientOptions(), StorageService.Queue);
        using var message = pipeline.CreateMessage();
        message.Request.Method = RequestMethod.Get;
        message.Request.Uri.Reset(new Uri(account.QueueEndpoint.AbsoluteUri.TrimEnd('/') + "/?comp=list&prefix=a%2Bb"));
        message.Request.Headers.SetValue("x-ms-version", StorageClientOptions.ServiceVersion);

        await pipeline.SendAsync(message, CancellationToken.None);

        Assert.Equal(200, message.Response.Status);
    }

    [Fact]
    public async Task TablePipeline_WrongKey_IsRejectedWith403()
    {
        var account = StorageAccount.FromConnectionString(
            azurite.ConnectionString.Replace(AzuriteFixture.AccountKey, Convert.ToBase64String(new byte[64]), StringComparison.Ordinal));
        var pipeline = StoragePipeline.Build(account, new StorageClientOptions(), StorageService.Table);
        using var message = pipeline.CreateMessage();
        message.Request.Method = RequestMethod.Get;
        message.Request.Uri.Reset(new Uri(account.TableEndpoint.AbsoluteUri.TrimEnd('/') + "/Tables"));
        message.Request.Headers.SetValue("x-ms-version", StorageClientOptions.ServiceVersion);
        message.Request.Headers.SetValue("Accept", "application/json;odata=minimalmetadata");

        await pipeline.SendAsync(message, CancellationToken.None);

        Assert.Equal(403, message.Response.Status);
        var error = StorageErrors.CreateException(message.Response);
        Assert.Equal(403, error.Status);
        Assert.Equal("AuthorizationFailure", error.ErrorCode);
    }
}
