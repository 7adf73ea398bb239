using System.Text.Json;
using Automation.DevHost.Rpc;
using Automation.DevHost.Worker;

namespace Automation.DevHost.Tests.Worker;

/// <summary>Invocation shapes as the host sends them (reference §3–4).</summary>
public sealed class InvocationPayloadsTests
{
    private static readonly LoadedFunction Function = new(
        new DevHostFunction { Name = "F", Id = "42", TriggerKind = DevHostTriggerKind.Queue, TriggerType = "queueTrigger", TriggerParameter = "msg" },
        new RpcFunctionMetadata(),
        null);

    [Fact]
    public void Queue_Message_TextAsStringAndMetadataWithTheHostsKinds()
    {
        var inserted = new DateTimeOffset(2026, 12, 6, 16, 5, 27, TimeSpan.Zero);
        var request = InvocationPayloads.Queue(Function, new QueueDelivery("héllo", 2, "id-1", "pop-1", inserted, inserted.AddDays(7), inserted.AddSeconds(30)));

        Assert.Equal("42", request.FunctionId);
        Assert.False(string.IsNullOrEmpty(request.InvocationId));
        var input = Assert.Single(request.InputData);
        Assert.Equal(("msg", "héllo"), (input.Name, input.Data.String));
        var metadata = request.TriggerMetadata;
        Assert.Equal(TypedData.DataOneofCase.String, metadata["QueueTrigger"].DataCase);
        Assert.Equal("2", metadata["DequeueCount"].Json);
        Assert.Equal("\"2026-12-06T16:05:27+00:00\"", metadata["InsertionTime"].Json);
        Assert.Equal("\"2026-12-13T16:05:27+00:00\"", metadata["ExpirationTime"].Json);
        Assert.Equal("\"2026-12-06T16:05:57+00:00\"", metadata["NextVisibleTime"].Json);
        Assert.Equal(("id-1", "pop-1"), (metadata["Id"].String, metadata["PopReceipt"].String));
        Assert.Matches("^00-[0-9a-f]{32}-[0-9a-f]{16}-00$", request.TraceContext.TraceParent);
    }

    [Fact]
    public void Timer_Monitored_JsonTimerInfoWithScheduleStatusAndTimerTriggerString()
    {
        var next = new DateTimeOffset(2026, 1, 1, 10, 0, 0, TimeSpan.Zero);
        var request = InvocationPayloads.Timer(Function, new TimerFiring(next, next.AddMinutes(-5), Monitored: true, IsPastDue: true), next);

        using var timerInfo = JsonDocument.Parse(Assert.Single(request.InputData).Data.Json);
        var root = timerInfo.RootElement;
        Assert.True(root.GetProperty("Schedule").GetProperty("AdjustForDST").GetBoolean());
        Assert.Equal("2026-01-01T10:00:00Z", root.GetProperty("ScheduleStatus").GetProperty("Next").GetString());
        Assert.Equal("2026-01-01T09:55:00Z", root.GetProperty("ScheduleStatus").GetProperty("Last").GetString());
        Assert.True(root.GetProperty("IsPastDue").GetBoolean());
        Assert.Equal(TypedData.DataOneofCase.String, Assert.Single(request.TriggerMetadata).Value.DataCase);
        Assert.Equal("TimerTrigger", request.TriggerMetadata.Keys.Single());
    }

    [Fact]
    public void Timer_NotMonitored_ScheduleStatusNull()
    {
        var request = InvocationPayloads.Timer(Function, new TimerFiring(null, null, Monitored: false, IsPastDue: false), DateTimeOffset.UnixEpoch);

        using var timerInfo = JsonDocument.Parse(request.InputData[0].Data.Json);
        Assert.Equal(JsonValueKind.Null, timerInfo.RootElement.GetProperty("ScheduleStatus").ValueKind);
        Assert.False(timerInfo.RootElement.GetProperty("IsPastDue").GetBoolean());
    }

    [Fact]
    public void Http_Request_EmptyRpcHttpAndRouteValuesQueryAndHeadersAsMetadata()
    {
        var request = InvocationPayloads.Http(
            Function,
            "inv-1",
            [KeyValuePair.Create("shopId", (string?)"s1"), KeyValuePair.Create("optional", (string?)null)],
            [KeyValuePair.Create("x", "1")],
            [KeyValuePair.Create("Accept", "*/*")]);

        Assert.Equal("inv-1", request.InvocationId);
        Assert.Equal(TypedData.DataOneofCase.Http, Assert.Single(request.InputData).Data.DataCase);
        Assert.Equal("s1", request.TriggerMetadata["shopId"].String);
        Assert.False(request.TriggerMetadata.ContainsKey("optional"));
        Assert.Equal("""{"x":"1"}""", request.TriggerMetadata["Query"].Json);
        Assert.Equal("""{"Accept":"*/*"}""", request.TriggerMetadata["Headers"].Json);
    }
}
