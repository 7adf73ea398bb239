using Azure.Identity;
using Microsoft.Extensions.Configuration;

namespace Automation.Storage.Tests;

/// <summary>How the Functions connection settings are read: no network, no Azurite.</summary>
public sealed class StorageConnectionTests
{
    private const string DevKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private const string AzuriteStyle =
        "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=" + DevKey + ";" +
        "TableEndpoint=http://127.0.0.1:41002/devstoreaccount1;QueueEndpoint=http://127.0.0.1:41001/devstoreaccount1;";

    [Fact]
    public void Resolve_AzuriteConnectionString_UsesItsEndpointsVerbatim()
    {
        var connection = Resolve(new() { ["AzureWebJobsStorage"] = AzuriteStyle });

        Assert.Equal(new Uri("http://127.0.0.1:41002/devstoreaccount1"), connection.TableServiceUri);
        Assert.Equal(new Uri("http://127.0.0.1:41001/devstoreaccount1"), connection.QueueServiceUri);
        Assert.Equal(StorageCredentialKind.ConnectionString, connection.CredentialKind);
        Assert.Equal(AzuriteStyle, connection.ConnectionString);
        Assert.Equal("AzureWebJobsStorage", connection.SettingName);
        Assert.True(connection.IsLocalEmulator);
    }

    [Fact]
    public void Resolve_UseDevelopmentStorage_UsesTheEmulatorsDefaultPorts()
    {
        var connection = Resolve(new() { ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true" });

        Assert.Equal(new Uri("http://127.0.0.1:10002/devstoreaccount1"), connection.TableServiceUri);
        Assert.Equal(new Uri("http://127.0.0.1:10001/devstoreaccount1"), connection.QueueServiceUri);
        Assert.Equal(StorageCredentialKind.ConnectionString, connection.CredentialKind);
        Assert.True(connection.IsLocalEmulator);
    }

    [Fact]
    public void Resolve_UseDevelopmentStorageWithProxy_KeepsPortsOnTheProxyHost()
    {
        var connection = Resolve(new() { ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true;DevelopmentStorageProxyUri=http://azurite" });

        Assert.Equal(new Uri("http://azurite:10002/devstoreaccount1"), connection.TableServiceUri);
        Assert.False(connection.IsLocalEmulator);
    }

    [Fact]
    public void Resolve_AccountKeyWithoutEndpoints_DerivesThePublicEndpoints()
    {
        var connection = Resolve(new()
        {
            ["AzureWebJobsStorage"] = $"DefaultEndpointsProtocol=https;AccountName=shopauto;AccountKey={DevKey};EndpointSuffix=core.chinacloudapi.cn",
        });

        Assert.Equal(new Uri("https://shopauto.table.core.chinacloudapi.cn/"), connection.TableServiceUri);
        Assert.Equal(new Uri("https://shopauto.queue.core.chinacloudapi.cn/"), connection.QueueServiceUri);
        Assert.False(connection.IsLocalEmulator);
    }

    [Fact]
    public void Resolve_ConnectionStringsSection_IsUsed()
    {
        var connection = Resolve(new() { ["ConnectionStrings:AzureWebJobsStorage"] = AzuriteStyle });

        Assert.Equal("ConnectionStrings:AzureWebJobsStorage", connection.SettingName);
        Assert.Equal(new Uri("http://127.0.0.1:41002/devstoreaccount1"), connection.TableServiceUri);
    }

    [Fact]
    public void Resolve_ConnectionStringsAndPlainSetting_PrefersConnectionStringsAsTheHostDoes()
    {
        var connection = Resolve(new()
        {
            ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true",
            ["ConnectionStrings:AzureWebJobsStorage"] = AzuriteStyle,
        });

        Assert.Equal(new Uri("http://127.0.0.1:41002/devstoreaccount1"), connection.TableServiceUri);
    }

    [Fact]
    public void Resolve_OtherConnectionName_ReadsThatName()
    {
        var connection = Resolve(new() { ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true", ["Shop"] = AzuriteStyle }, "Shop");

        Assert.Equal("Shop", connection.Name);
        Assert.Equal(new Uri("http://127.0.0.1:41001/devstoreaccount1"), connection.QueueServiceUri);
    }

    [Fact]
    public void Resolve_AccountName_UsesPublicHttpsEndpointsAndDefaultAzureCredential()
    {
        var connection = Resolve(new() { ["AzureWebJobsStorage:accountName"] = "shopauto" });

        Assert.Equal(new Uri("https://shopauto.table.core.windows.net/"), connection.TableServiceUri);
        Assert.Equal(new Uri("https://shopauto.queue.core.windows.net/"), connection.QueueServiceUri);
        Assert.Equal(StorageCredentialKind.DefaultAzureCredential, connection.CredentialKind);
        Assert.Null(connection.ConnectionString);
        Assert.IsType<DefaultAzureCredential>(connection.CreateTokenCredential());
    }

    [Fact]
    public void Resolve_ExplicitServiceUris_UsesThemOverTheAccountName()
    {
        var connection = Resolve(new()
        {
            ["AzureWebJobsStorage:accountName"] = "ignored",
            ["AzureWebJobsStorage:tableServiceUri"] = "https://tables.example.net/",
            ["AzureWebJobsStorage:queueServiceUri"] = "https://queues.example.net/",
        });

        Assert.Equal(new Uri("https://tables.example.net/"), connection.TableServiceUri);
        Assert.Equal(new Uri("https://queues.example.net/"), connection.QueueServiceUri);
    }

    [Fact]
    public void Resolve_ManagedIdentityWithClientId_SelectsThatUserAssignedIdentity()
    {
        var connection = Resolve(new()
        {
            ["AzureWebJobsStorage:accountName"] = "shopauto",
            ["AzureWebJobsStorage:credential"] = "managedidentity",
            ["AzureWebJobsStorage:clientId"] = "3f0c8a52-1b7d-4c1e-9a51-2d6a4a7f0c11",
        });

        Assert.Equal(StorageCredentialKind.ManagedIdentity, connection.CredentialKind);
        Assert.Equal("3f0c8a52-1b7d-4c1e-9a51-2d6a4a7f0c11", connection.ClientId);
        Assert.IsType<ManagedIdentityCredential>(connection.CreateTokenCredential());
    }

    [Fact]
    public void Resolve_ManagedIdentityWithoutClientId_SelectsTheSystemAssignedIdentity()
    {
        var connection = Resolve(new() { ["AzureWebJobsStorage:accountName"] = "shopauto", ["AzureWebJobsStorage:credential"] = "ManagedIdentity" });

        Assert.Equal(StorageCredentialKind.ManagedIdentity, connection.CredentialKind);
        Assert.Null(connection.ClientId);
    }

    [Fact]
    public void Resolve_DoubleUnderscoreKeysInAFlatDictionary_AreReadToo()
    {
        var connection = Resolve(new()
        {
            ["AzureWebJobsStorage__accountName"] = "shopauto",
            ["AzureWebJobsStorage__credential"] = "managedidentity",
        });

        Assert.Equal(new Uri("https://shopauto.queue.core.windows.net/"), connection.QueueServiceUri);
        Assert.Equal(StorageCredentialKind.ManagedIdentity, connection.CredentialKind);
    }

    [Fact]
    public void Resolve_NothingConfigured_ThrowsNamingTheSettings()
    {
        var e = Assert.Throws<InvalidOperationException>(() => Resolve([]));

        Assert.Contains("'AzureWebJobsStorage'", e.Message, StringComparison.Ordinal);
        Assert.Contains("AzureWebJobsStorage__accountName", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_BlankConnectionString_CountsAsMissing()
    {
        var e = Assert.Throws<InvalidOperationException>(() => Resolve(new() { ["AzureWebJobsStorage"] = "  " }));

        Assert.Contains("is not configured", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_TableServiceUriWithoutQueueServiceUri_ThrowsNamingTheMissingSetting()
    {
        var e = Assert.Throws<InvalidOperationException>(
            () => Resolve(new() { ["AzureWebJobsStorage:tableServiceUri"] = "https://shopauto.table.core.windows.net" }));

        Assert.Contains("'AzureWebJobsStorage__queueServiceUri' is missing", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://shopauto.table.core.windows.net")]
    [InlineData("not a uri")]
    public void Resolve_ServiceUriNotHttps_ThrowsNamingTheSetting(string uri)
    {
        var e = Assert.Throws<InvalidOperationException>(() => Resolve(new()
        {
            ["AzureWebJobsStorage:tableServiceUri"] = uri,
            ["AzureWebJobsStorage:queueServiceUri"] = "https://shopauto.queue.core.windows.net",
        }));

        Assert.Contains("'AzureWebJobsStorage__tableServiceUri' must be an absolute https URI", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_UnknownCredential_ThrowsNamingTheSetting()
    {
        var e = Assert.Throws<InvalidOperationException>(
            () => Resolve(new() { ["AzureWebJobsStorage:accountName"] = "shopauto", ["AzureWebJobsStorage:credential"] = "clientsecret" }));

        Assert.Contains("'AzureWebJobsStorage__credential'", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Shop_Auto")]
    [InlineData("ab")]
    [InlineData("shopauto.table.core.windows.net")]
    public void Resolve_InvalidAccountName_ThrowsNamingTheSetting(string accountName)
    {
        var e = Assert.Throws<InvalidOperationException>(() => Resolve(new() { ["AzureWebJobsStorage:accountName"] = accountName }));

        Assert.Contains("'AzureWebJobsStorage__accountName'", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("AccountName=shopauto;AccountKey=c2VjcmV0LWtleS12YWx1ZQ==;DefaultEndpointsProtocol=ftp", "'DefaultEndpointsProtocol'")]
    [InlineData("AccountName=shopauto;AccountKey=not*base64*secret-key-value", "'AccountKey' is not valid base64")]
    [InlineData("AccountName=shopauto", "neither 'AccountKey' nor 'SharedAccessSignature'")]
    [InlineData("AccountKey=c2VjcmV0LWtleS12YWx1ZQ==", "'AccountKey' needs 'AccountName'")]
    [InlineData("SharedAccessSignature=sv=2020&sig=secret-key-value", "neither 'TableEndpoint' nor 'AccountName'")]
    [InlineData("UseDevelopmentStorage=false", "'UseDevelopmentStorage'")]
    [InlineData("secret-key-value", "Key=Value")]
    [InlineData("AccountName=a;AccountName=b;AccountKey=c2VjcmV0LWtleS12YWx1ZQ==", "'AccountName' appears more than once")]
    [InlineData("AccountName=shopauto;AccountKey=c2VjcmV0LWtleS12YWx1ZQ==;TableEndpoint=/relative", "'TableEndpoint' must be an absolute http(s) URI")]
    public void Resolve_InvalidConnectionString_ThrowsNamingTheSettingWithoutItsSecret(string connectionString, string problem)
    {
        var e = Assert.Throws<InvalidOperationException>(() => Resolve(new() { ["AzureWebJobsStorage"] = connectionString }));

        Assert.Contains("The setting 'AzureWebJobsStorage' is not a valid storage connection string", e.Message, StringComparison.Ordinal);
        Assert.Contains(problem, e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("c2VjcmV0", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-key-value", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_SharedAccessSignatureWithEndpoints_IsAccepted()
    {
        var connection = Resolve(new()
        {
            ["AzureWebJobsStorage"] = "TableEndpoint=https://shopauto.table.core.windows.net/;QueueEndpoint=https://shopauto.queue.core.windows.net/;SharedAccessSignature=sv=2020-12-06&sig=abc",
        });

        Assert.Equal(StorageCredentialKind.ConnectionString, connection.CredentialKind);
        Assert.Equal(new Uri("https://shopauto.queue.core.windows.net/"), connection.QueueServiceUri);
    }

    [Fact]
    public void ToString_ConnectionString_NamesEndpointsButNeverTheKey()
    {
        var text = Resolve(new() { ["AzureWebJobsStorage"] = AzuriteStyle }).ToString();

        Assert.Contains("http://127.0.0.1:41002/devstoreaccount1", text, StringComparison.Ordinal);
        Assert.DoesNotContain(DevKey[..12], text, StringComparison.Ordinal);
    }

    [Fact]
    public void CreateTokenCredential_ConnectionString_Throws()
    {
        var connection = Resolve(new() { ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true" });

        Assert.Throws<InvalidOperationException>(connection.CreateTokenCredential);
    }

    private static StorageConnection Resolve(Dictionary<string, string?> settings, string connectionName = StorageConnection.DefaultName) =>
        StorageConnection.Resolve(new ConfigurationBuilder().AddInMemoryCollection(settings).Build(), connectionName);
}
