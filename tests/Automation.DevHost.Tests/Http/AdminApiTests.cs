using System.Net;

namespace Automation.DevHost.Tests.Http;

/// <summary><c>POST /admin/functions/{name}</c> runs a timer or queue function now, with the master key.</summary>
public sealed class AdminApiTests(HttpHostFixture fixture) : IClassFixture<HttpHostFixture>
{
    [Fact]
    public async Task Post_TimerFunctionWithMasterKey_Answers202AndRunsIt()
    {
        var before = fixture.Records.Read("tick").Count;

        using var response = await fixture.Client.SendAsync(new HttpRequestMessage(HttpMethod.Post, "admin/functions/Tick").WithKey(Hosts.MasterKey).Json("{}"));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        await fixture.Records.WaitForAsync("tick", before + 1);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(Hosts.FunctionKey)]
    [InlineData("wrong")]
    public async Task Post_WithoutTheMasterKey_Is401(string? key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "admin/functions/Tick").Json("{}");
        if (key is not null)
        {
            request.WithKey(key);
        }

        using var response = await fixture.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("NoSuchFunction")]
    [InlineData("Record")] // disabled in this host
    public async Task Post_UnknownOrDisabledFunction_Is404(string name)
    {
        using var response = await fixture.Client.SendAsync(new HttpRequestMessage(HttpMethod.Post, $"admin/functions/{name}").WithKey(Hosts.MasterKey).Json("{}"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Post_HttpFunction_Is400()
    {
        using var response = await fixture.Client.SendAsync(new HttpRequestMessage(HttpMethod.Post, "admin/functions/Echo").WithKey(Hosts.MasterKey).Json("{}"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Post_BodyNotAnObject_Is400()
    {
        using var response = await fixture.Client.SendAsync(new HttpRequestMessage(HttpMethod.Post, "admin/functions/Tick").WithKey(Hosts.MasterKey).Json("[1]"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
