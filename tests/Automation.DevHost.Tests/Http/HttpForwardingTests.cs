using System.Net;
using System.Text;
using System.Text.Json;

namespace Automation.DevHost.Tests.Http;

/// <summary>Requests go through the front door to the worker's own HTTP server, paired with their invocations.</summary>
public sealed class HttpForwardingTests(HttpHostFixture fixture) : IClassFixture<HttpHostFixture>
{
    [Fact]
    public async Task Request_RouteValuesQueryBodyAndHeaders_ReachTheFunctionAsSent()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/shops/shop-1/orders/order%202?x=1&y=a%26b")
        {
            Content = new StringContent("the body", Encoding.UTF8, "text/plain"),
        };
        request.Headers.Add("x-test", "header value");

        using var response = await fixture.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("yes", Assert.Single(response.Headers.GetValues("x-echo")));
        var echo = await ReadAsync(response);
        Assert.Equal("POST", echo["method"]);
        Assert.Equal(("shop-1", "order 2"), (echo["shopId"], echo["orderId"]));
        Assert.Equal("/api/shops/shop-1/orders/order 2", echo["path"]); // ASP.NET Core decodes Request.Path
        Assert.Equal("?x=1&y=a%26b", echo["query"]);
        Assert.Equal("the body", echo["body"]);
        Assert.Equal("header value", echo["header"]);

        // The host's side of the pairing: the forwarded request carries the invocation's id, and the invocation carries
        // the route values, Query and Headers as trigger metadata.
        Assert.Equal(echo["invocationId"], echo["invocationHeader"]);
        Assert.Equal("shop-1", echo["triggerShopId"]);
        using var query = JsonDocument.Parse(echo["triggerQuery"]!);
        Assert.Equal(("1", "a&b"), (query.RootElement.GetProperty("x").GetString(), query.RootElement.GetProperty("y").GetString()));
        using var headers = JsonDocument.Parse(echo["triggerHeaders"]!);
        Assert.Equal("header value", headers.RootElement.GetProperty("x-test").GetString());
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("PUT")]
    public async Task Request_AnyOfTheFunctionsMethods_IsServed(string method)
    {
        using var response = await fixture.Client.SendAsync(new HttpRequestMessage(new HttpMethod(method), "api/shops/a/orders/b"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(method, (await ReadAsync(response))["method"]);
    }

    [Theory]
    [InlineData(201)]
    [InlineData(418)]
    [InlineData(500)]
    public async Task Request_StatusChosenByTheFunction_IsTheAnswer(int status)
    {
        using var response = await fixture.Client.GetAsync($"api/shops/a/orders/b?status={status}");

        Assert.Equal((HttpStatusCode)status, response.StatusCode);
        Assert.Equal("a", (await ReadAsync(response))["shopId"]);
    }

    [Theory]
    [InlineData("DELETE", "api/shops/a/orders/b")] // a method the function does not take
    [InlineData("GET", "api/shops/a/orders")] // too short for the template
    [InlineData("GET", "api/nothing-here")]
    [InlineData("GET", "shops/a/orders/b")] // outside the route prefix
    [InlineData("POST", "api/secure/function")]
    public async Task Request_NoFunctionMatchesMethodAndPath_Is404(string method, string path)
    {
        using var response = await fixture.Client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Request_FunctionWithoutRouteOrMethods_IsServedAtItsNameForEveryMethod()
    {
        using var response = await fixture.Client.SendAsync(new HttpRequestMessage(HttpMethod.Patch, "api/DefaultRoute"));

        Assert.Equal("default route PATCH", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Request_DisabledFunction_Is404()
    {
        using var response = await fixture.Client.GetAsync("api/switchable");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Request_WithFunctionKey_KeyStaysInTheHostAndTheRestIsForwarded()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"api/shops/a/orders/b?code={Hosts.FunctionKey}&x=1").WithKey(Hosts.MasterKey);

        using var response = await fixture.Client.SendAsync(request);

        var echo = await ReadAsync(response);
        Assert.Equal("?x=1", echo["query"]);
        Assert.Equal(string.Empty, echo["functionsKeyHeader"]);
        Assert.DoesNotContain(Hosts.MasterKey, echo["triggerHeaders"]!, StringComparison.Ordinal);
        Assert.DoesNotContain(Hosts.FunctionKey, echo["triggerQuery"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Requests_Concurrent_EachIsPairedWithItsOwnInvocation()
    {
        var responses = await Task.WhenAll(Enumerable.Range(0, 24).Select(async i =>
        {
            using var response = await fixture.Client.GetAsync($"api/shops/shop{i}/orders/o?delay={i}");
            return (Sent: $"shop{i}", Echo: await ReadAsync(response));
        }));

        Assert.All(responses, r => Assert.Equal(r.Sent, r.Echo["shopId"]));
        Assert.All(responses, r => Assert.Equal(r.Echo["invocationId"], r.Echo["invocationHeader"]));
        Assert.Equal(responses.Length, responses.Select(r => r.Echo["invocationId"]).Distinct().Count());
    }

    [Fact]
    public async Task Root_Get_AnswersThatTheHostRuns()
    {
        using var response = await fixture.Client.GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static async Task<Dictionary<string, string?>> ReadAsync(HttpResponseMessage response) =>
        JsonSerializer.Deserialize<Dictionary<string, string?>>(await response.Content.ReadAsStringAsync())
            ?? throw new InvalidOperationException("Empty echo.");
}
