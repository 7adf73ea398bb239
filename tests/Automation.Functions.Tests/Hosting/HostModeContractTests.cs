using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Automation.Functions.Hosting;

namespace Automation.Functions.Tests.Hosting;

/// <summary>The handler's side of the host contract, over real HTTP, with the host's own payloads.</summary>
public sealed class HostModeContractTests : IAsyncLifetime
{
    private HostModeApp _app = null!;

    public async Task InitializeAsync() => _app = await HostModeApp.StartAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task GetRoot_Always_Answers200()
    {
        using var response = await _app.Client.GetAsync(new Uri("/", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task TimerPayload_G1_RunsFunctionWithScheduleStatusAndAnswersExactShape()
    {
        using var response = await PostAsync(RecordingTimerFunction.Name, GoldenPayloads.Timer(RecordingTimerFunction.Name));

        await AssertSuccessShapeAsync(response);
        var timer = Assert.Single(_app.Log.Of<TimerTriggerInfo>(RecordingTimerFunction.Name));
        Assert.Equal(new TimerTriggerInfo(false, new DateTimeOffset(2025, 1, 1, 10, 0, 0, TimeSpan.Zero), new DateTimeOffset(2025, 1, 1, 9, 55, 0, TimeSpan.Zero)), timer);
    }

    [Fact]
    public async Task TimerPayload_ScheduleStatusNull_RunsFunctionWithoutSchedule()
    {
        using var response = await PostAsync(RecordingTimerFunction.Name, GoldenPayloads.TimerWithoutMonitor(RecordingTimerFunction.Name));

        await AssertSuccessShapeAsync(response);
        Assert.Equal(new TimerTriggerInfo(true, null, null), Assert.Single(_app.Log.Of<TimerTriggerInfo>(RecordingTimerFunction.Name)));
    }

    [Fact]
    public async Task TimerPayload_FirstRun_ReportsNoLastOccurrence()
    {
        using var response = await PostAsync(RecordingTimerFunction.Name, GoldenPayloads.TimerFirstRun(RecordingTimerFunction.Name));

        await AssertSuccessShapeAsync(response);
        var timer = Assert.Single(_app.Log.Of<TimerTriggerInfo>(RecordingTimerFunction.Name));
        Assert.Null(timer.Last);
        Assert.Equal(new DateTimeOffset(2025, 1, 1, 10, 0, 0, TimeSpan.Zero), timer.ScheduledFor);
    }

    [Fact]
    public async Task QueuePayload_G2DoubleEncoded_DecodesTextAndMetadata()
    {
        using var response = await PostAsync(RecordingQueueFunction.Name, GoldenPayloads.QueueText(RecordingQueueFunction.Name));

        await AssertSuccessShapeAsync(response);
        var message = Assert.Single(_app.Log.Of<QueueTriggerMessage>(RecordingQueueFunction.Name));
        Assert.Equal(
            new QueueTriggerMessage("hello world", 1, "3f2b8c1e-0d4a-4e5f-9a7b-1c2d3e4f5a6b", new DateTimeOffset(2025, 1, 1, 10, 0, 0, TimeSpan.Zero), MaxDequeueCount: 3),
            message);
    }

    [Fact]
    public async Task QueuePayload_G3JsonMessage_PassesTheOriginalJsonText()
    {
        using var response = await PostAsync(RecordingQueueFunction.Name, GoldenPayloads.QueueJson(RecordingQueueFunction.Name));

        await AssertSuccessShapeAsync(response);
        var message = Assert.Single(_app.Log.Of<QueueTriggerMessage>(RecordingQueueFunction.Name));
        Assert.Equal("""{"orderId":42,"customer":{"id":"c1"}}""", message.Text);
        Assert.Equal(1, message.DequeueCount);
    }

    [Fact]
    public async Task QueuePayload_DocsShapePlainValues_IsAcceptedToo()
    {
        using var response = await PostAsync(RecordingQueueFunction.Name, GoldenPayloads.QueueDocsShape(RecordingQueueFunction.Name));

        await AssertSuccessShapeAsync(response);
        var message = Assert.Single(_app.Log.Of<QueueTriggerMessage>(RecordingQueueFunction.Name));
        Assert.Equal(("hello queue 1", 1L, "fa68ee6e-7298-4e0a-9fb9-1b1f9d9c4f43"), (message.Text, message.DequeueCount, message.Id));
    }

    [Fact]
    public async Task QueuePayload_JsonMessagePropertiesReplaceHostMetadata_MessageIsStillDelivered()
    {
        // The host copies a JSON message's top-level properties into Metadata over its own keys: this message's
        // DequeueCount, InsertionTime and Id are the sender's, not the host's. A 400 would retry it into the poison queue.
        const string Body = """
            {"Data":{"myQueueItem":"\"{\\\"DequeueCount\\\":\\\"many\\\",\\\"InsertionTime\\\":{\\\"at\\\":\\\"noon\\\"},\\\"Id\\\":7}\""},
             "Metadata":{"DequeueCount":"\"many\"","InsertionTime":{"at":"noon"},"Id":"7","ExpirationTime":"2025-01-08T10:00:00+00:00",
              "PopReceipt":"\"AgAAAAMAAAAAAAAA\"","sys":{"MethodName":"RecordingQueue","UtcNow":"2025-01-01T10:00:01.5Z","RandGuid":"0e0c2a6e-5a57-4d43-8f55-7d2f0a7b6c11"}}}
            """;

        using var response = await PostAsync(RecordingQueueFunction.Name, Body);

        await AssertSuccessShapeAsync(response);
        var message = Assert.Single(_app.Log.Of<QueueTriggerMessage>(RecordingQueueFunction.Name));
        Assert.Equal("""{"DequeueCount":"many","InsertionTime":{"at":"noon"},"Id":7}""", message.Text);
        Assert.Equal((0L, null), (message.DequeueCount, message.InsertionTime));
    }

    [Fact]
    public async Task QueuePayload_ChunkedWithoutContentLength_IsRead()
    {
        // The host sends an ObjectContent of unknown length: chunked, no Content-Length.
        using var content = new ChunkedContent(GoldenPayloads.QueueText(RecordingQueueFunction.Name));
        using var response = await _app.Client.PostAsync(new Uri($"/{RecordingQueueFunction.Name}", UriKind.Relative), content);

        await AssertSuccessShapeAsync(response);
        Assert.Equal("hello world", Assert.Single(_app.Log.Of<QueueTriggerMessage>(RecordingQueueFunction.Name)).Text);
    }

    [Fact]
    public async Task Invocation_FunctionNameInOtherCase_RunsTheFunction()
    {
        using var response = await PostAsync(RecordingQueueFunction.Name.ToUpperInvariant(), GoldenPayloads.QueueText(RecordingQueueFunction.Name));

        await AssertSuccessShapeAsync(response);
    }

    [Fact]
    public async Task Invocation_EachCall_ResolvesANewFunctionInstance()
    {
        using (await PostAsync(RecordingQueueFunction.Name, GoldenPayloads.QueueText(RecordingQueueFunction.Name)))
        using (await PostAsync(RecordingQueueFunction.Name, GoldenPayloads.QueueText(RecordingQueueFunction.Name)))
        {
        }

        var instances = _app.Log.Entries.Select(e => e.Instance).ToList();
        Assert.Equal(2, instances.Distinct().Count());
    }

    [Fact]
    public async Task QueuePayload_FunctionThrows_Answers500JsonSoTheHostRetries()
    {
        using var response = await PostAsync(FailingQueueFunction.Name, GoldenPayloads.QueueText(FailingQueueFunction.Name, dequeueCount: "2"));

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("FunctionFailed", body.RootElement.GetProperty("Error").GetProperty("Code").GetString());
        Assert.Equal(2, Assert.Single(_app.Log.Of<QueueTriggerMessage>(FailingQueueFunction.Name)).DequeueCount);
    }

    [Fact]
    public async Task TimerPayload_FunctionThrows_Answers500()
    {
        using var response = await PostAsync(FailingTimerFunction.Name, GoldenPayloads.Timer(FailingTimerFunction.Name));

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Invocation_UnknownFunction_Answers404Json()
    {
        using var response = await PostAsync("NoSuchFunction", GoldenPayloads.Timer("NoSuchFunction"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("FunctionNotFound", body.RootElement.GetProperty("Error").GetProperty("Code").GetString());
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("""{"Metadata":{}}""")]
    [InlineData("""{"Data":{"myQueueItem":null}}""")]
    public async Task QueuePayload_Malformed_Answers400Json(string body)
    {
        using var response = await PostAsync(RecordingQueueFunction.Name, body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Empty(_app.Log.Entries);
    }

    [Theory]
    [InlineData("""{"Data":{"myTimer":{"IsPastDue":"perhaps"}}}""")]
    [InlineData("""{"Data":{"myTimer":{"IsPastDue":false,"ScheduleStatus":{"Next":"not a time"}}}}""")]
    [InlineData("""{"Data":{}}""")]
    public async Task TimerPayload_Malformed_Answers400Json(string body)
    {
        using var response = await PostAsync(RecordingTimerFunction.Name, body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
    }

    private async Task<HttpResponseMessage> PostAsync(string functionName, string body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"/{functionName}", UriKind.Relative))
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Azure-Functions-InvocationId", Guid.NewGuid().ToString());
        request.Headers.UserAgent.ParseAdd("Azure-Functions-Host/4.1036.1");
        return await _app.Client.SendAsync(request);
    }

    private static async Task AssertSuccessShapeAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("""{"Outputs":{},"Logs":[],"ReturnValue":null}""", await response.Content.ReadAsStringAsync());
    }

    private sealed class ChunkedContent : HttpContent
    {
        private readonly byte[] _bytes;

        public ChunkedContent(string text)
        {
            _bytes = Encoding.UTF8.GetBytes(text);
            Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        }

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => stream.WriteAsync(_bytes).AsTask();

        protected override bool TryComputeLength(out long length)
        {
            length = -1;
            return false;
        }
    }
}
