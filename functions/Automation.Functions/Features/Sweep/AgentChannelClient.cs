using System.Text.Json;
using Automation.Core.Agents;
using Automation.Functions.Features.Messaging;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Automation.Functions.Features.Sweep;

/// <summary>
/// Posts an agent's task list to their channel (WeCom or DingTalk group robot, Slack incoming webhook, or the product's
/// own signed webhook), through the same guarded connections and per-endpoint resilience as customer messages.
/// Success is read as each vendor defines it: WeCom and DingTalk answer HTTP 200 with <c>errcode</c> 0 (a refusal also
/// comes with 200); Slack and the own webhook answer 2xx.
/// </summary>
internal sealed class AgentChannelClient(HttpClient http, ChannelPipelines pipelines)
{
    public async Task<DeliveryResult> SendAsync(AgentChannelType type, AgentChannelRequest message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        try
        {
            using var response = await pipelines.For(message.Url).ExecuteAsync(
                async ct =>
                {
                    using var request = new HttpRequestMessage(HttpMethod.Post, message.Url) { Content = new ByteArrayContent(message.Body) };
                    request.Content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(message.ContentType);
                    foreach (var (name, value) in message.Headers)
                    {
                        request.Headers.TryAddWithoutValidation(name, value);
                    }

                    return await http.SendAsync(request, ct);
                },
                cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                return new DeliveryResult(
                    ChannelPipelines.IsTransient(response.StatusCode) ? DeliveryOutcome.Transient : DeliveryOutcome.Refused,
                    "http_" + ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            if (type is AgentChannelType.WeCom or AgentChannelType.DingTalk && await ErrorCodeAsync(response, cancellationToken) is { } errcode)
            {
                return new DeliveryResult(DeliveryOutcome.Refused, "errcode_" + errcode);
            }

            return new DeliveryResult(DeliveryOutcome.Delivered, null);
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutRejectedException or BrokenCircuitException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return new DeliveryResult(DeliveryOutcome.Transient, e.GetType().Name);
        }
    }

    /// <summary>The robot's non-zero <c>errcode</c>, or null when it said 0 (or said nothing readable: a 2xx is then taken as sent).</summary>
    private static async Task<string?> ErrorCodeAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        try
        {
            using var json = JsonDocument.Parse(body);
            return json.RootElement.TryGetProperty("errcode", out var code) && code.ValueKind == JsonValueKind.Number && code.GetInt64() != 0
                ? code.GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture)
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
