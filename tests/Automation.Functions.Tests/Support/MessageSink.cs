using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StandardWebhooks;
using StandardWebhooks.Diagnostics;

namespace Automation.Functions.Tests.Support;

/// <summary>A shop's messaging endpoint for tests: a real HTTP server on loopback that records what it receives
/// and can be told to fail the next requests, or to hold the next one unanswered.</summary>
public sealed class MessageSink : IAsyncDisposable
{
    /// <summary>The status recorded for a held request (<see cref="HoldNext"/>): it was never answered, so it is not delivered.</summary>
    public const int NeverAnswered = 0;

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<int> _plannedFailures = new();

    private MessageSink(WebApplication app) => _app = app;

    public Uri Url { get; private set; } = null!;

    public ConcurrentQueue<ReceivedMessage> Received { get; } = new();

    /// <summary>The messages answered 2xx, i.e. delivered.</summary>
    public IReadOnlyList<ReceivedMessage> Delivered => [.. Received.Where(r => r.AnsweredStatus is >= 200 and < 300)];

    public static async Task<MessageSink> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var sink = new MessageSink(app);
        app.MapPost("/messages", async (HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body);
            var body = await reader.ReadToEndAsync();
            if (sink.BeforeAnswer is { } before)
            {
                await before();
            }

            var status = sink._plannedFailures.TryDequeue(out var failure) ? failure : 200;
            sink.Received.Enqueue(Record(request, body, status));
            if (status == NeverAnswered)
            {
                using var gone = CancellationTokenSource.CreateLinkedTokenSource(request.HttpContext.RequestAborted, app.Lifetime.ApplicationStopping);
                try
                {
                    await Task.Delay(Timeout.Infinite, gone.Token);
                }
                catch (OperationCanceledException)
                {
                    // The sender went away (or the sink stops): there is no one left to answer.
                }

                return Results.Empty;
            }

            return Results.StatusCode(status);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        sink.Url = new Uri(address + "/messages");
        return sink;
    }

    /// <summary>Called with each message after it arrived and before it is answered: the sender is waiting mid-send.</summary>
    public Func<Task>? BeforeAnswer { get; set; }

    /// <summary>Answers the next requests with these statuses (<see cref="NeverAnswered"/>: holds one), then 200 again.</summary>
    public void FailNext(params int[] statuses)
    {
        foreach (var status in statuses)
        {
            _plannedFailures.Enqueue(status);
        }
    }

    /// <summary>
    /// Leaves the next request unanswered until its sender goes away (or the sink stops), as a receiver that hangs
    /// does: it is recorded as it arrives, with <see cref="NeverAnswered"/> for its status.
    /// </summary>
    public void HoldNext() => _plannedFailures.Enqueue(NeverAnswered);

    public Task<IReadOnlyList<ReceivedMessage>> WaitForDeliveredAsync(int count, TimeSpan? timeout = null) =>
        WaitForAsync(() => Delivered, count, timeout);

    /// <summary>Waits until <paramref name="count"/> requests arrived, answered or not (a held one counts as it arrives).</summary>
    public Task<IReadOnlyList<ReceivedMessage>> WaitForReceivedAsync(int count, TimeSpan? timeout = null) =>
        WaitForAsync(() => [.. Received], count, timeout);

    private static async Task<IReadOnlyList<ReceivedMessage>> WaitForAsync(Func<IReadOnlyList<ReceivedMessage>> read, int count, TimeSpan? timeout)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (read().Count < count && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        return read();
    }

    // A copy: the request's own headers are gone once it has been answered.
    private static ReceivedMessage Record(HttpRequest request, string body, int status) =>
        new(body, new HeaderDictionary(request.Headers.ToDictionary(h => h.Key, h => h.Value, StringComparer.OrdinalIgnoreCase)), status);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>A request as the sink received it: the raw body, every header, and the status it was answered with.</summary>
public sealed record ReceivedMessage(string Body, IHeaderDictionary Headers, int AnsweredStatus)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;

    /// <summary>The Standard Webhooks <c>webhook-id</c>: the message's id, the key a receiver drops repeats by.</summary>
    public string WebhookId => Headers["webhook-id"].ToString();

    /// <summary>The same id under the older name, which the product still sends.</summary>
    public string IdempotencyKey => Headers["Idempotency-Key"].ToString();

    /// <summary>
    /// Checks the signature as a receiver would, with the StandardWebhooks package: the webhook-* headers, the raw
    /// body, the secret as given in the settings, and a timestamp within 5 minutes of now (so check soon after it
    /// arrived). Throws the package's <see cref="WebhookVerificationException"/>, which says what is wrong.
    /// </summary>
    public void VerifySignature(string secret) => new StandardWebhook(secret).Verify(Body, Headers);

    /// <summary><see cref="VerifySignature"/> as a yes or no, for the checks that must fail.</summary>
    public bool IsSignedWith(string secret)
    {
        try
        {
            VerifySignature(secret);
            return true;
        }
        catch (WebhookVerificationException)
        {
            return false;
        }
    }
}
