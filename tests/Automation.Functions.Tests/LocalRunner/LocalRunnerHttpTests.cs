using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Automation.Functions.Tests.LocalRunner;

/// <summary>HTTP functions in local mode: routes from function.json, key checks as the host does, then the product's endpoint.</summary>
public sealed class LocalRunnerHttpTests : IAsyncLifetime
{
    private LocalRunnerApp _app = null!;

    public async Task InitializeAsync() =>
        _app = await LocalRunnerApp.StartAsync(["SecureHello", "AdminOnly", "OpenShop"], mapEndpoints: app =>
        {
            // Stand-ins for the product's own endpoints, which the forwarded requests reach.
            app.MapMethods("/api/hello/{name?}", ["GET", "POST"], (HttpRequest request, string? name) => Results.Json(new Dictionary<string, string?>
            {
                ["greeting"] = $"Hello, {name ?? "world"}",
                ["invocationId"] = request.Headers["X-Azure-Functions-InvocationId"].ToString(),
            }));
            app.MapGet("/api/maintenance", () => Results.Text("maintenance"));
            app.MapGet("/api/stalls/{stallId}", (string stallId) => Results.Text($"stall {stallId}"));
            app.MapGet("/api/unlisted", () => Results.Text("not a function"));
        });

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task FunctionLevel_NoKey_Answers401ProblemJson()
    {
        using var response = await _app.Client.GetAsync(new Uri("/api/hello/ann", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task FunctionLevel_WrongKey_Answers401()
    {
        using var response = await SendAsync(HttpMethod.Get, "/api/hello/ann", key: "not-the-key");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task FunctionLevel_FunctionKeyInHeader_ReachesTheEndpoint()
    {
        using var response = await SendAsync(HttpMethod.Get, "/api/hello/ann", key: LocalRunnerApp.FunctionKey);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Hello, ann", body.RootElement.GetProperty("greeting").GetString());
        Assert.True(Guid.TryParse(body.RootElement.GetProperty("invocationId").GetString(), out _));
    }

    [Fact]
    public async Task FunctionLevel_FunctionKeyInCodeQuery_ReachesTheEndpoint()
    {
        using var response = await _app.Client.GetAsync(new Uri($"/api/hello?code={LocalRunnerApp.FunctionKey}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Hello, world", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task FunctionLevel_MasterKey_ReachesTheEndpoint()
    {
        using var response = await SendAsync(HttpMethod.Post, "/api/hello/bo", key: LocalRunnerApp.MasterKey);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task AdminLevel_FunctionKey_Answers401()
    {
        using var response = await SendAsync(HttpMethod.Get, "/api/maintenance", key: LocalRunnerApp.FunctionKey);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task AdminLevel_MasterKey_ReachesTheEndpoint()
    {
        using var response = await SendAsync(HttpMethod.Get, "/api/maintenance", key: LocalRunnerApp.MasterKey);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("maintenance", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Anonymous_NoKey_ReachesTheEndpoint()
    {
        using var response = await _app.Client.GetAsync(new Uri("/api/stalls/42", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("stall 42", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("GET", "/api/stalls/abc")] // route constraint {stallId:int}
    [InlineData("DELETE", "/api/hello/ann")] // method not in function.json
    [InlineData("GET", "/api/unlisted")] // an endpoint no function.json declares
    [InlineData("GET", "/api/nothing/here")]
    [InlineData("GET", "/elsewhere")]
    [InlineData("POST", "/RecordingTimer")] // payload-mode URLs are the host's, not public
    public async Task Request_NoMatchingFunction_Answers404(string method, string path)
    {
        using var response = await SendAsync(new HttpMethod(method), path, key: LocalRunnerApp.MasterKey);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task GetRoot_Always_Answers200()
    {
        using var response = await _app.Client.GetAsync(new Uri("/", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string key)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        request.Headers.Add("x-functions-key", key);
        return await _app.Client.SendAsync(request);
    }
}
