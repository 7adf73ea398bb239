using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Automation.DevHost.Rpc;

namespace Automation.DevHost.Worker;

/// <summary>When and why a timer fires; <see cref="Monitored"/> false gives <c>"ScheduleStatus": null</c> as the host sends.</summary>
internal sealed record TimerFiring(DateTimeOffset? Next, DateTimeOffset? Last, bool Monitored, bool IsPastDue);

/// <summary>A queue message as the trigger delivers it (text already decoded).</summary>
internal sealed record QueueDelivery(
    string Text,
    long DequeueCount,
    string Id,
    string PopReceipt,
    DateTimeOffset? InsertionTime,
    DateTimeOffset? ExpirationTime,
    DateTimeOffset? NextVisibleTime);

/// <summary>
/// Builds InvocationRequests in the shapes the host sends (reference §3–4). The host turns binding values into
/// TypedData with Newtonsoft.Json: strings as string, everything else (long, DateTimeOffset, dictionaries, TimerInfo)
/// as json, which is why DequeueCount arrives as json "1".
/// </summary>
internal static class InvocationPayloads
{
    // Newtonsoft escapes only what JSON requires.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static InvocationRequest Timer(LoadedFunction function, TimerFiring firing, DateTimeOffset now)
    {
        var request = New(function);
        request.InputData.Add(Binding(function, new TypedData
        {
            Json = Json(writer =>
            {
                writer.WriteStartObject();
                writer.WriteStartObject("Schedule");
                writer.WriteBoolean("AdjustForDST", true);
                writer.WriteEndObject();
                if (firing.Monitored)
                {
                    // The status as the host's schedule monitor had it before this run: the last run, and this run as next.
                    writer.WriteStartObject("ScheduleStatus");
                    writer.WriteString("Last", UtcDateTime(firing.Last));
                    writer.WriteString("Next", UtcDateTime(firing.Next));
                    writer.WriteString("LastUpdated", UtcDateTime(firing.Last));
                    writer.WriteEndObject();
                }
                else
                {
                    writer.WriteNull("ScheduleStatus");
                }

                writer.WriteBoolean("IsPastDue", firing.IsPastDue);
                writer.WriteEndObject();
            }),
        }));

        // What the real host sends here: its local clock time as text in the current culture (from the time passed in).
        request.TriggerMetadata["TimerTrigger"] = new TypedData { String = now.ToLocalTime().DateTime.ToString(CultureInfo.CurrentCulture) };
        return request;
    }

    public static InvocationRequest Queue(LoadedFunction function, QueueDelivery message)
    {
        var request = New(function);
        request.InputData.Add(Binding(function, new TypedData { String = message.Text }));
        var metadata = request.TriggerMetadata;
        metadata["QueueTrigger"] = new TypedData { String = message.Text };
        metadata["DequeueCount"] = new TypedData { Json = message.DequeueCount.ToString(CultureInfo.InvariantCulture) };
        metadata["ExpirationTime"] = new TypedData { Json = JsonTime(message.ExpirationTime ?? DateTimeOffset.MaxValue) };
        metadata["Id"] = new TypedData { String = message.Id };
        metadata["InsertionTime"] = new TypedData { Json = JsonTime(message.InsertionTime ?? DateTimeOffset.MinValue) };
        metadata["NextVisibleTime"] = new TypedData { Json = JsonTime(message.NextVisibleTime ?? DateTimeOffset.MinValue) };
        metadata["PopReceipt"] = new TypedData { String = message.PopReceipt };
        return request;
    }

    /// <summary>
    /// An HTTP invocation for a request the host forwards to the worker's own server: the trigger parameter is an empty
    /// RpcHttp, and the metadata holds the route values, <c>Query</c> and <c>Headers</c> (the host's HttpTrigger binding data).
    /// </summary>
    public static InvocationRequest Http(
        LoadedFunction function,
        string invocationId,
        IEnumerable<KeyValuePair<string, string?>> routeValues,
        IEnumerable<KeyValuePair<string, string>> query,
        IEnumerable<KeyValuePair<string, string>> headers)
    {
        var request = New(function, invocationId);
        request.InputData.Add(Binding(function, new TypedData { Http = new RpcHttp() }));
        foreach (var (name, value) in routeValues)
        {
            if (value is not null)
            {
                request.TriggerMetadata[name] = new TypedData { String = value };
            }
        }

        request.TriggerMetadata["Query"] = new TypedData { Json = Dictionary(query) };
        request.TriggerMetadata["Headers"] = new TypedData { Json = Dictionary(headers) };
        return request;
    }

    private static InvocationRequest New(LoadedFunction function, string? invocationId = null) => new()
    {
        InvocationId = invocationId ?? Guid.NewGuid().ToString(),
        FunctionId = function.Id,

        // A fresh W3C trace parent per invocation, as the host sends its own activity's.
        TraceContext = new RpcTraceContext
        {
            TraceParent = $"00-{ActivityTraceId.CreateRandom()}-{ActivitySpanId.CreateRandom()}-00",
            TraceState = string.Empty,
        },
    };

    private static ParameterBinding Binding(LoadedFunction function, TypedData data) =>
        new() { Name = function.Function.TriggerParameter, Data = data };

    private static string Dictionary(IEnumerable<KeyValuePair<string, string>> values) =>
        Json(writer =>
        {
            writer.WriteStartObject();
            foreach (var (name, value) in values)
            {
                writer.WriteString(name, value);
            }

            writer.WriteEndObject();
        });

    // Newtonsoft's default DateTimeOffset form: "2026-12-06T16:05:27+00:00" (fractions only when there are some).
    private static string JsonTime(DateTimeOffset time) =>
        Json(writer => writer.WriteStringValue(time.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture)));

    // The schedule monitor stores UTC DateTimes; "never" is DateTime.MinValue.
    private static string UtcDateTime(DateTimeOffset? time) =>
        time is { } t ? t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture) : "0001-01-01T00:00:00";

    private static string Json(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            write(writer);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
