using Automation.DevHost.Output;

namespace Automation.DevHost.Tests.Output;

public sealed class OutputSinkTests
{
    [Fact]
    public void WriteLine_LineHoldingAKey_KeyIsMasked()
    {
        var lines = new List<string>();
        var sink = new OutputSink(lines.Add);
        sink.AddSecret("secret-function-key");
        sink.AddSecret("short");

        sink.WriteLine("worker: GET /api/x?code=secret-function-key (short)");

        Assert.Equal(["worker: GET /api/x?code=*** (short)"], lines);
    }
}
