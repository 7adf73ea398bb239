using Automation.DevHost.Storage;

namespace Automation.DevHost.Tests.Storage;

public sealed class EmulatorEndpointsTests
{
    private const string Key = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    [Fact]
    public void FromConnectionString_UseDevelopmentStorage_TheDefaultPorts() =>
        Assert.Equal(new EmulatorEndpoints(10001, 10002, 10000), EmulatorEndpoints.FromConnectionString("UseDevelopmentStorage=true"));

    [Fact]
    public void FromConnectionString_DevAccountOnLoopbackPorts_ThosePorts() =>
        Assert.Equal(
            new EmulatorEndpoints(20001, 20002, 0),
            EmulatorEndpoints.FromConnectionString($"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={Key};QueueEndpoint=http://127.0.0.1:20001/devstoreaccount1;TableEndpoint=http://localhost:20002/devstoreaccount1;"));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("DefaultEndpointsProtocol=https;AccountName=prod;AccountKey=abc;EndpointSuffix=core.windows.net")]
    [InlineData("AccountName=devstoreaccount1;AccountKey=abc;QueueEndpoint=https://devstoreaccount1.queue.core.windows.net")]
    [InlineData("UseDevelopmentStorage=false")]
    public void FromConnectionString_NotTheEmulator_Null(string? connectionString) =>
        Assert.Null(EmulatorEndpoints.FromConnectionString(connectionString));
}
