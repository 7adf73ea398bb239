using Automation.Functions.LocalRunner;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Automation.Functions.Tests.LocalRunner;

public sealed class StartupBannerTests
{
    [Fact]
    public async Task Render_LoadedFunctions_ListsAddressAndEachTrigger()
    {
        await using var app = await LocalRunnerApp.StartAsync(["SecureHello", "OpenShop", "RecordingTimer"], new Dictionary<string, string?> { ["TestTimerSchedule"] = "0 */5 * * * *" });

        var banner = app.Services.GetServices<IHostedService>().OfType<StartupBanner>().Single().Render();

        Assert.Contains($"listening on {app.Client.BaseAddress!.ToString().TrimEnd('/')}", banner, StringComparison.Ordinal);
        Assert.Contains("SecureHello     http  GET,POST /api/hello/{name?} (authLevel function)", banner, StringComparison.Ordinal);
        Assert.Contains("OpenShop        http  GET /api/stalls/{stallId:int} (authLevel anonymous)", banner, StringComparison.Ordinal);
        Assert.Contains("RecordingTimer  timer 0 */5 * * * *" + Environment.NewLine, banner, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://127.0.0.1:5001", "http://127.0.0.1:5001/")]
    [InlineData("http://[::]:5002", "http://127.0.0.1:5002/")]
    [InlineData("http://0.0.0.0:5003", "http://127.0.0.1:5003/")]
    [InlineData("http://localhost:7071", "http://127.0.0.1:7071/")]
    public void LoopbackAddress_ServerAddress_IsCallableOverLoopback(string address, string expected) =>
        Assert.Equal(new Uri(expected), LocalHandlerClient.LoopbackAddress([address]));
}
