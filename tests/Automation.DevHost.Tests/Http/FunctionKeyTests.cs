using System.Net;

namespace Automation.DevHost.Tests.Http;

/// <summary>Keys are checked by authLevel before anything reaches the worker, as the Functions host checks them.</summary>
public sealed class FunctionKeyTests(HttpHostFixture fixture) : IClassFixture<HttpHostFixture>
{
    public enum Key
    {
        None,
        Wrong,
        Function,
        Master,
    }

    [Theory]
    [InlineData("api/shops/a/orders/b", Key.None, HttpStatusCode.OK)]
    [InlineData("api/shops/a/orders/b", Key.Wrong, HttpStatusCode.OK)]
    [InlineData("api/secure/function", Key.None, HttpStatusCode.Unauthorized)]
    [InlineData("api/secure/function", Key.Wrong, HttpStatusCode.Unauthorized)]
    [InlineData("api/secure/function", Key.Function, HttpStatusCode.OK)]
    [InlineData("api/secure/function", Key.Master, HttpStatusCode.OK)]
    [InlineData("api/secure/admin", Key.None, HttpStatusCode.Unauthorized)]
    [InlineData("api/secure/admin", Key.Function, HttpStatusCode.Unauthorized)]
    [InlineData("api/secure/admin", Key.Master, HttpStatusCode.OK)]
    public async Task Request_KeyInHeader_CheckedByAuthLevel(string path, Key key, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (KeyValue(key) is { } value)
        {
            request.WithKey(value);
        }

        using var response = await fixture.Client.SendAsync(request);

        Assert.Equal(expected, response.StatusCode);
    }

    [Theory]
    [InlineData("api/secure/function", Key.Function, HttpStatusCode.OK)]
    [InlineData("api/secure/function", Key.Wrong, HttpStatusCode.Unauthorized)]
    [InlineData("api/secure/admin", Key.Master, HttpStatusCode.OK)]
    [InlineData("api/secure/admin", Key.Function, HttpStatusCode.Unauthorized)]
    public async Task Request_KeyInCodeQuery_CheckedByAuthLevel(string path, Key key, HttpStatusCode expected)
    {
        using var response = await fixture.Client.GetAsync($"{path}?code={Uri.EscapeDataString(KeyValue(key)!)}");

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task Request_Unauthorized_IsAnsweredByTheHostWithoutInvokingTheFunction()
    {
        int Invocations() => fixture.Output.Lines.Count(line => line.Contains("-> AdminLevel", StringComparison.Ordinal));
        var before = Invocations();

        using var response = await fixture.Client.GetAsync("api/secure/admin");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(before, Invocations());
    }

    private static string? KeyValue(Key key) => key switch
    {
        Key.Wrong => "not-the-key",
        Key.Function => Hosts.FunctionKey,
        Key.Master => Hosts.MasterKey,
        _ => null,
    };
}
