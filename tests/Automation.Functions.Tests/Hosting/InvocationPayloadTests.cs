using System.Text.Json;
using Automation.Functions.Hosting;

namespace Automation.Functions.Tests.Hosting;

public sealed class InvocationPayloadTests
{
    [Theory]
    [InlineData("\"hello\"", "hello")]
    [InlineData("\"{\\\"a\\\":1}\"", "{\"a\":1}")]
    [InlineData("hello", "hello")]
    [InlineData("\"unterminated", "\"unterminated")]
    [InlineData("\"", "\"")]
    [InlineData("\"not \" json\"", "\"not \" json\"")]
    public void UnwrapJsonString_Value_RemovesOneEncodingLevelWhenPresent(string value, string expected) =>
        Assert.Equal(expected, InvocationPayload.UnwrapJsonString(value));

    [Fact]
    public void ReadQueue_NumberMessageDoubleEncoded_GivesTheNumberText()
    {
        using var body = JsonDocument.Parse("""{"Data":{"item":"\"42\""},"Metadata":{"DequeueCount":"4"}}""");

        var message = InvocationPayload.ReadQueue(body.RootElement, 5);

        Assert.Equal(("42", 4L, 5), (message.Text, message.DequeueCount, message.MaxDequeueCount));
    }

    [Fact]
    public void ReadQueue_JsonObjectValueUnencoded_GivesItsJsonText()
    {
        using var body = JsonDocument.Parse("""{"Data":{"item":{"a":1}},"Metadata":{"DequeueCount":"\"2\""}}""");

        var message = InvocationPayload.ReadQueue(body.RootElement, 5);

        Assert.Equal(("""{"a":1}""", 2L), (message.Text, message.DequeueCount));
    }

    [Fact]
    public void ReadQueue_JsonMessageWithIdProperty_TakesTheIdTheHostSends()
    {
        // The host copies top-level properties of a JSON message into Metadata, where they replace its own keys.
        using var body = JsonDocument.Parse("""{"Data":{"item":"\"{\\\"Id\\\":\\\"order-7\\\"}\""},"Metadata":{"Id":"\"order-7\"","DequeueCount":"1"}}""");

        var message = InvocationPayload.ReadQueue(body.RootElement, 5);

        Assert.Equal("order-7", message.Id);
    }

    [Fact]
    public void ReadQueue_NoMetadata_DefaultsToZeroDequeueCount()
    {
        using var body = JsonDocument.Parse("""{"Data":{"item":"\"x\""}}""");

        var message = InvocationPayload.ReadQueue(body.RootElement, 5);

        Assert.Equal(new QueueTriggerMessage("x", 0, null, null, 5), message);
    }

    [Fact]
    public void ReadQueue_MetadataKeysInOtherCase_AreRead()
    {
        using var body = JsonDocument.Parse("""{"data":{"item":"\"x\""},"metadata":{"dequeueCount":"3","id":"\"m1\""}}""");

        var message = InvocationPayload.ReadQueue(body.RootElement, 5);

        Assert.Equal((3L, "m1"), (message.DequeueCount, message.Id));
    }

    [Fact]
    public void ReadTimer_TriggerValueAsJsonString_IsParsed()
    {
        using var body = JsonDocument.Parse("""{"Data":{"t":"{\"IsPastDue\":true,\"ScheduleStatus\":null}"}}""");

        Assert.Equal(new TimerTriggerInfo(true, null, null), InvocationPayload.ReadTimer(body.RootElement));
    }

    [Fact]
    public void ReadTimer_TimesWithoutOffset_AreTakenAsUtc()
    {
        using var body = JsonDocument.Parse("""{"Data":{"t":{"IsPastDue":false,"ScheduleStatus":{"Last":"2025-03-30T00:59:00","Next":"2025-03-30T01:00:00"}}}}""");

        var timer = InvocationPayload.ReadTimer(body.RootElement);

        Assert.Equal(new DateTimeOffset(2025, 3, 30, 1, 0, 0, TimeSpan.Zero), timer.ScheduledFor);
        Assert.Equal(TimeSpan.Zero, timer.ScheduledFor!.Value.Offset);
    }

    [Fact]
    public void ReadTimer_SeveralDataEntries_PicksTheTimerObject()
    {
        using var body = JsonDocument.Parse("""{"Data":{"other":"\"x\"","t":{"IsPastDue":true}}}""");

        Assert.True(InvocationPayload.ReadTimer(body.RootElement).IsPastDue);
    }
}
