using System.Text.Json;
using Automation.Functions.Hosting;
using Automation.Functions.LocalRunner;

namespace Automation.Functions.Tests.LocalRunner;

/// <summary>The local runner's payloads have the host's exact shape (reference §3, G1-G3) and decode back losslessly.</summary>
public sealed class HostPayloadsTests
{
    private static readonly DateTimeOffset Now = new(2025, 1, 1, 10, 0, 1, 500, TimeSpan.Zero);

    private static readonly QueueDelivery Message = new(
        "hello world",
        1,
        "3f2b8c1e-0d4a-4e5f-9a7b-1c2d3e4f5a6b",
        "AgAAAAMAAAAAAAAA",
        new DateTimeOffset(2025, 1, 1, 10, 0, 0, 123, TimeSpan.Zero),
        new DateTimeOffset(2025, 1, 8, 10, 0, 0, TimeSpan.Zero),
        new DateTimeOffset(2025, 1, 1, 10, 10, 0, TimeSpan.Zero));

    [Fact]
    public void Queue_TextMessage_HasTheG2Shape()
    {
        using var payload = JsonDocument.Parse(HostPayloads.Queue("MyQueue", "myQueueItem", Message, Now));

        Assert.Equal("\"hello world\"", payload.RootElement.GetProperty("Data").GetProperty("myQueueItem").GetString());
        var metadata = payload.RootElement.GetProperty("Metadata");
        Assert.Equal("1", metadata.GetProperty("DequeueCount").GetString());
        Assert.Equal("\"3f2b8c1e-0d4a-4e5f-9a7b-1c2d3e4f5a6b\"", metadata.GetProperty("Id").GetString());
        Assert.Equal("\"AgAAAAMAAAAAAAAA\"", metadata.GetProperty("PopReceipt").GetString());
        Assert.Equal("2025-01-01T10:00:00+00:00", metadata.GetProperty("InsertionTime").GetString());
        Assert.Equal("2025-01-08T10:00:00+00:00", metadata.GetProperty("ExpirationTime").GetString());
        Assert.Equal("2025-01-01T10:10:00+00:00", metadata.GetProperty("NextVisibleTime").GetString());
        var sys = metadata.GetProperty("sys");
        Assert.Equal("MyQueue", sys.GetProperty("MethodName").GetString());
        Assert.Equal("2025-01-01T10:00:01.5Z", sys.GetProperty("UtcNow").GetString());
        Assert.True(Guid.TryParse(sys.GetProperty("RandGuid").GetString(), out _));
        Assert.Equal(["Data", "Metadata"], payload.RootElement.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public void Queue_JsonMessage_HasTheG3ShapeWithPropertiesInMetadata()
    {
        var message = Message with { Text = """{"orderId":42,"customer":{"id":"c1"},"tags":["a"],"note":"hi"}""" };

        using var payload = JsonDocument.Parse(HostPayloads.Queue("MyQueue", "myQueueItem", message, Now));

        Assert.Equal("\"" + """{\"orderId\":42,\"customer\":{\"id\":\"c1\"},\"tags\":[\"a\"],\"note\":\"hi\"}""" + "\"", payload.RootElement.GetProperty("Data").GetProperty("myQueueItem").GetString());
        var metadata = payload.RootElement.GetProperty("Metadata");
        Assert.Equal("\"42\"", metadata.GetProperty("orderId").GetString());
        Assert.Equal("\"hi\"", metadata.GetProperty("note").GetString());
        Assert.Equal("c1", metadata.GetProperty("customer").GetProperty("id").GetString());
        Assert.False(metadata.TryGetProperty("tags", out _));
    }

    [Theory]
    [InlineData("hello world")]
    [InlineData("\"quoted\"")]
    [InlineData("""{"orderId":42,"customer":{"id":"c1"}}""")]
    [InlineData("  spaced \\ back\\slash \n new line, ünïcödé, <tag> & 'apostrophe' ")]
    [InlineData("42")]
    [InlineData("")]
    public void Queue_AnyText_DecodesBackToTheSameMessage(string text)
    {
        using var payload = JsonDocument.Parse(HostPayloads.Queue("MyQueue", "myQueueItem", Message with { Text = text, DequeueCount = 3 }, Now));

        var decoded = InvocationPayload.ReadQueue(payload.RootElement, 5);

        Assert.Equal(new QueueTriggerMessage(text, 3, Message.Id, new DateTimeOffset(2025, 1, 1, 10, 0, 0, TimeSpan.Zero), 5), decoded);
    }

    [Fact]
    public void Timer_Monitored_HasTheG1ShapeAndDecodes()
    {
        var firing = new TimerFiring(new DateTimeOffset(2025, 1, 1, 10, 0, 0, TimeSpan.Zero), new DateTimeOffset(2025, 1, 1, 9, 55, 0, TimeSpan.Zero), Monitored: true, IsPastDue: false);

        using var payload = JsonDocument.Parse(HostPayloads.Timer("MyTimer", "myTimer", firing, Now));

        var timer = payload.RootElement.GetProperty("Data").GetProperty("myTimer");
        Assert.True(timer.GetProperty("Schedule").GetProperty("AdjustForDST").GetBoolean());
        Assert.Equal("2025-01-01T09:55:00+00:00", timer.GetProperty("ScheduleStatus").GetProperty("Last").GetString());
        Assert.Equal("2025-01-01T10:00:00+00:00", timer.GetProperty("ScheduleStatus").GetProperty("Next").GetString());
        Assert.Equal(["sys"], payload.RootElement.GetProperty("Metadata").EnumerateObject().Select(p => p.Name));
        Assert.Equal(new TimerTriggerInfo(false, firing.Next, firing.Last), InvocationPayload.ReadTimer(payload.RootElement));
    }

    [Fact]
    public void Timer_FirstMonitoredRun_SendsTheNeverStoredLastTime()
    {
        var firing = new TimerFiring(new DateTimeOffset(2025, 1, 1, 10, 0, 0, TimeSpan.Zero), null, Monitored: true, IsPastDue: false);

        using var payload = JsonDocument.Parse(HostPayloads.Timer("MyTimer", "myTimer", firing, Now));

        Assert.Equal("0001-01-01T00:00:00", payload.RootElement.GetProperty("Data").GetProperty("myTimer").GetProperty("ScheduleStatus").GetProperty("Last").GetString());
        Assert.Null(InvocationPayload.ReadTimer(payload.RootElement).Last);
    }

    [Fact]
    public void Timer_Unmonitored_SendsNullScheduleStatus()
    {
        using var payload = JsonDocument.Parse(HostPayloads.Timer("MyTimer", "myTimer", new TimerFiring(null, null, Monitored: false, IsPastDue: true), Now));

        Assert.Equal(JsonValueKind.Null, payload.RootElement.GetProperty("Data").GetProperty("myTimer").GetProperty("ScheduleStatus").ValueKind);
        Assert.Equal(new TimerTriggerInfo(true, null, null), InvocationPayload.ReadTimer(payload.RootElement));
    }
}
