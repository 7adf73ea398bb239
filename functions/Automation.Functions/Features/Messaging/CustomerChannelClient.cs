using System.Globalization;
using System.Net;
using System.Text.Json;
using Automation.Core.Messaging;
using Automation.Core.Security;
using Automation.Core.Shops;
using Automation.Functions.Features.Http;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;
using Polly.Registry;
using Polly.Retry;
using Polly.Timeout;

namespace Automation.Functions.Features.Messaging;

internal enum DeliveryOutcome
{
    /// <summary>The endpoint answered 2xx.</summary>
    Delivered,

    /// <summary>The endpoint refused it for good (a 4xx other than 408 and 429): do not try again.</summary>
    Refused,

    /// <summary>5xx, 408, 429, a timeout, a network error or an open circuit: worth trying again later.</summary>
    Transient,
}

internal sealed record DeliveryResult(DeliveryOutcome Outcome, string? Error);

/// <summary>
/// Delivers messages to a shop's customer channel: for a webhook, a POST signed as Standard Webhooks (the message id
/// as its <c>webhook-id</c>), through the endpoint's resilience pipeline (see <see cref="ChannelPipelines"/>); for
/// email, through <see cref="EmailChannelClient"/>.
/// </summary>
internal sealed class CustomerChannelClient(HttpClient http, ChannelPipelines pipelines, EmailChannelClient email, TimeProvider time)
{
    public Task<DeliveryResult> DeliverAsync(CustomerChannel channel, OutgoingMessage message, CancellationToken cancellationToken) => channel switch
    {
        WebhookCustomerChannel webhook => DeliverToWebhookAsync(webhook, message, cancellationToken),
        EmailCustomerChannel mail => email.DeliverAsync(mail, message, cancellationToken),
        _ => throw new ArgumentOutOfRangeException(nameof(channel), channel.GetType().Name, "Unknown customer channel."),
    };

    private async Task<DeliveryResult> DeliverToWebhookAsync(WebhookCustomerChannel channel, OutgoingMessage message, CancellationToken cancellationToken)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(message, ApiJsonContext.Default.OutgoingMessage);
        try
        {
            using var response = await pipelines.For(channel.Url).ExecuteAsync(
                async ct =>
                {
                    // A fresh request (and signature timestamp) per attempt: a request message cannot be sent twice.
                    using var request = new HttpRequestMessage(HttpMethod.Post, channel.Url);
                    request.Content = new ByteArrayContent(body);
                    request.Content.Headers.ContentType = new("application/json") { CharSet = "utf-8" };
                    foreach (var (name, value) in StandardWebhookSignature.Sign(channel.Secret, message.MessageId, time.GetUtcNow(), body).All)
                    {
                        request.Headers.Add(name, value);
                    }

                    return await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
                },
                cancellationToken);

            return response.IsSuccessStatusCode
                ? new DeliveryResult(DeliveryOutcome.Delivered, null)
                : new DeliveryResult(
                    ChannelPipelines.IsTransient(response.StatusCode) ? DeliveryOutcome.Transient : DeliveryOutcome.Refused,
                    "http_" + ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture));
        }
        catch (BrokenCircuitException)
        {
            return new DeliveryResult(DeliveryOutcome.Transient, "circuit_open");
        }
        catch (TimeoutRejectedException)
        {
            return new DeliveryResult(DeliveryOutcome.Transient, "timeout");
        }
        catch (HttpRequestException e) when (e.InnerException is NonPublicEndpointException)
        {
            // The host now resolves inside the network (checked again at connect time): never retried.
            return new DeliveryResult(DeliveryOutcome.Refused, "non_public_address");
        }
        catch (HttpRequestException e)
        {
            return new DeliveryResult(DeliveryOutcome.Transient, "network_" + e.HttpRequestError.ToString().ToLowerInvariant());
        }
    }
}

/// <summary>
/// One resilience pipeline per shop endpoint, built once and kept for the process: a timeout per attempt, a couple
/// of quick jittered retries, and a circuit breaker so that one failing shop endpoint is not hammered (and does not
/// trip the circuit for other shops). Longer waits are the queue's redelivery, not a retry loop here.
/// </summary>
internal sealed class ChannelPipelines(IOptions<MessageDeliveryOptions> options) : IDisposable
{
    private readonly ResiliencePipelineRegistry<string> _registry = new();

    public ResiliencePipeline<HttpResponseMessage> For(Uri endpoint) =>
        _registry.GetOrAddPipeline<HttpResponseMessage>(endpoint.GetLeftPart(UriPartial.Authority), Configure);

    public void Dispose() => _registry.Dispose();

    public static bool IsTransient(HttpStatusCode status) =>
        (int)status >= 500 || status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests;

    private void Configure(ResiliencePipelineBuilder<HttpResponseMessage> builder)
    {
        var settings = options.Value;
        var transient = new PredicateBuilder<HttpResponseMessage>()
            .Handle<HttpRequestException>(e => e.InnerException is not NonPublicEndpointException)
            .Handle<TimeoutRejectedException>()
            .HandleResult(r => IsTransient(r.StatusCode));
        if (settings.RetriesPerDelivery > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                ShouldHandle = transient,
                MaxRetryAttempts = settings.RetriesPerDelivery,
                Delay = TimeSpan.FromMilliseconds(300),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
            });
        }

        builder
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions<HttpResponseMessage>
            {
                ShouldHandle = transient,
                FailureRatio = 0.8,
                MinimumThroughput = 20,
                SamplingDuration = TimeSpan.FromSeconds(30),
                BreakDuration = TimeSpan.FromSeconds(30),
            })
            .AddTimeout(settings.AttemptTimeout);
    }
}
