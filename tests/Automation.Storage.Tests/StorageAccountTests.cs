using Azure.Identity;

namespace Automation.Storage.Tests;

public sealed class StorageAccountTests
{
    [Fact]
    public void FromConnectionString_UseDevelopmentStorage_UsesDefaultEmulatorEndpoints()
    {
        var account = StorageAccount.FromConnectionString("UseDevelopmentStorage=true");

        Assert.Equal(new Uri("http://127.0.0.1:10002/devstoreaccount1"), account.TableEndpoint);
        Assert.Equal(new Uri("http://127.0.0.1:10001/devstoreaccount1"), account.QueueEndpoint);
        Assert.Equal("devstoreaccount1", account.AccountName);
        Assert.True(account.IsDevelopmentStorage);
        Assert.Null(account.Credential);
    }

    [Fact]
    public void FromConnectionString_AccountKeyAndSuffix_BuildsProductionEndpoints()
    {
        var account = StorageAccount.FromConnectionString(
            "DefaultEndpointsProtocol=https;AccountName=shopauto;AccountKey=a2V5;EndpointSuffix=core.chinacloudapi.cn;");

        Assert.Equal(new Uri("https://shopauto.table.core.chinacloudapi.cn/"), account.TableEndpoint);
        Assert.Equal(new Uri("https://shopauto.queue.core.chinacloudapi.cn/"), account.QueueEndpoint);
        Assert.Equal("shopauto", account.AccountName);
        Assert.False(account.IsDevelopmentStorage);
    }

    [Fact]
    public void FromConnectionString_NoSuffix_DefaultsToCoreWindowsNet()
    {
        var account = StorageAccount.FromConnectionString("AccountName=shopauto;AccountKey=a2V5");

        Assert.Equal(new Uri("https://shopauto.table.core.windows.net/"), account.TableEndpoint);
        Assert.Equal(new Uri("https://shopauto.queue.core.windows.net/"), account.QueueEndpoint);
    }

    [Fact]
    public void FromConnectionString_ExplicitEndpoints_UsedVerbatimIncludingPath()
    {
        var account = StorageAccount.FromConnectionString(
            "defaultendpointsprotocol=http;accountname=devstoreaccount1;accountkey=a2V5;" +
            "TableEndpoint=http://127.0.0.1:41002/devstoreaccount1;QueueEndpoint=http://127.0.0.1:41001/devstoreaccount1");

        Assert.Equal("http://127.0.0.1:41002/devstoreaccount1", account.TableEndpoint.AbsoluteUri);
        Assert.Equal("http://127.0.0.1:41001/devstoreaccount1", account.QueueEndpoint.AbsoluteUri);
        Assert.True(account.IsDevelopmentStorage);
    }

    [Fact]
    public void FromConnectionString_OtherAccountOnLoopback_IsDevelopmentStorage()
    {
        var account = StorageAccount.FromConnectionString(
            "AccountName=acct1;AccountKey=a2V5;TableEndpoint=http://localhost:10002/acct1;QueueEndpoint=http://localhost:10001/acct1");

        Assert.True(account.IsDevelopmentStorage);
    }

    [Theory]
    [InlineData("AccountKey=a2V5", "AccountName")]
    [InlineData("AccountName=x", "AccountKey")]
    [InlineData("AccountName=x;AccountKey=not base64!", "base64")]
    [InlineData("AccountName=x;AccountKey=a2V5;DefaultEndpointsProtocol=ftp", "DefaultEndpointsProtocol")]
    [InlineData("AccountName=x;SharedAccessSignature=sv=2020", "SharedAccessSignature")]
    [InlineData("UseDevelopmentStorage=false", "UseDevelopmentStorage")]
    [InlineData("just-some-text", "Key=Value")]
    public void FromConnectionString_Invalid_ThrowsNamingTheProblem(string connectionString, string expected)
    {
        var e = Assert.Throws<FormatException>(() => StorageAccount.FromConnectionString(connectionString));

        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromSettings_ConnectionStringSetting_UsesIt()
    {
        var account = StorageAccount.FromSettings(Settings(("AzureWebJobsStorage", "UseDevelopmentStorage=true")));

        Assert.True(account.IsDevelopmentStorage);
    }

    [Fact]
    public void FromSettings_InvalidConnectionString_ThrowsNamingTheSetting()
    {
        var e = Assert.Throws<InvalidOperationException>(
            () => StorageAccount.FromSettings(Settings(("Storage", "AccountName=x")), "Storage"));

        Assert.Contains("'Storage'", e.Message, StringComparison.Ordinal);
        Assert.Contains("AccountKey", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromSettings_ServiceUris_UsesManagedIdentityWithClientId()
    {
        var account = StorageAccount.FromSettings(Settings(
            ("AzureWebJobsStorage__tableServiceUri", "https://shopauto.table.core.windows.net"),
            ("AzureWebJobsStorage__queueServiceUri", "https://shopauto.queue.core.windows.net"),
            ("AzureWebJobsStorage__credential", "managedidentity"),
            ("AzureWebJobsStorage__clientId", "00000000-0000-0000-0000-000000000001")));

        Assert.Equal(new Uri("https://shopauto.table.core.windows.net"), account.TableEndpoint);
        Assert.Equal(new Uri("https://shopauto.queue.core.windows.net"), account.QueueEndpoint);
        Assert.Equal("shopauto", account.AccountName);
        Assert.IsType<ManagedIdentityCredential>(account.Credential);
        Assert.False(account.IsDevelopmentStorage);
    }

    [Fact]
    public void FromSettings_AccountNameWithoutCredential_UsesDefaultAzureCredential()
    {
        var account = StorageAccount.FromSettings(Settings(("Storage__accountName", "shopauto")), "Storage");

        Assert.Equal(new Uri("https://shopauto.table.core.windows.net/"), account.TableEndpoint);
        Assert.Equal(new Uri("https://shopauto.queue.core.windows.net/"), account.QueueEndpoint);
        Assert.IsType<DefaultAzureCredential>(account.Credential);
    }

    [Fact]
    public void FromSettings_ColonSeparatedNames_AreReadLikeConfiguration()
    {
        var account = StorageAccount.FromSettings(Settings(
            ("AzureWebJobsStorage:tableServiceUri", "https://a.table.core.windows.net"),
            ("AzureWebJobsStorage:queueServiceUri", "https://a.queue.core.windows.net")));

        Assert.Equal("a", account.AccountName);
    }

    [Fact]
    public void FromSettings_NothingConfigured_ThrowsNamingTheSettings()
    {
        var e = Assert.Throws<InvalidOperationException>(() => StorageAccount.FromSettings(Settings()));

        Assert.Contains("'AzureWebJobsStorage'", e.Message, StringComparison.Ordinal);
        Assert.Contains("AzureWebJobsStorage__tableServiceUri", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromSettings_QueueUriMissing_ThrowsNamingIt()
    {
        var e = Assert.Throws<InvalidOperationException>(() => StorageAccount.FromSettings(Settings(
            ("AzureWebJobsStorage__tableServiceUri", "https://a.table.core.windows.net"))));

        Assert.Contains("'AzureWebJobsStorage__queueServiceUri' is missing", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromSettings_RelativeServiceUri_ThrowsNamingIt()
    {
        var e = Assert.Throws<InvalidOperationException>(() => StorageAccount.FromSettings(Settings(
            ("AzureWebJobsStorage__tableServiceUri", "a.table.core.windows.net"),
            ("AzureWebJobsStorage__queueServiceUri", "https://a.queue.core.windows.net"))));

        Assert.Contains("AzureWebJobsStorage__tableServiceUri", e.Message, StringComparison.Ordinal);
    }

    private static Func<string, string?> Settings(params (string Name, string Value)[] values) =>
        name => values.FirstOrDefault(v => v.Name == name).Value;
}
