using System.Buffers;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Automation.Functions.LocalRunner;

/// <summary>When and why a timer fires; <see cref="Monitored"/> false gives <c>"ScheduleStatus": null</c> as the host sends.</summary>
internal sealed record TimerFiring(DateTimeOffset? Next, DateTimeOffset? Last, bool Monitored, bool IsPastDue);

/// <summary>A queue message as the trigger delivers it (text already base64-decoded).</summary>
internal sealed record QueueDelivery(
    string Text,
    long DequeueCount,
    string? Id,
    string? PopReceipt,
    DateTimeOffset? InsertionTime,
    DateTimeOffset? ExpirationTime,
    DateTimeOffset? NextVisibleTime);

/// <summary>
/// Builds payload-mode bodies exactly as the Functions host does (shared/reference/functions-custom-handler.md §3):
/// strings and numbers JSON-encoded once more, DequeueCount as a string, times as ISO strings without fractions,
/// the top-level properties of a JSON message copied into Metadata, and <c>sys</c>.
/// </summary>
internal static class HostPayloads
{
    // The host writes with Newtonsoft.Json, which escapes only what JSON requires.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private const string NeverStored = "0001-01-01T00:00:00";

    public static byte[] Timer(string functionName, string bindingName, TimerFiring firing, DateTimeOffset utcNow) =>
        Write(writer =>
        {
            writer.WriteStartObject("Data");
            writer.WriteStartObject(bindingName);
            writer.WriteStartObject("Schedule");
            writer.WriteBoolean("AdjustForDST", true);
            writer.WriteEndObject();
            if (firing.Monitored)
            {
                var last = firing.Last is { } l ? Iso(l) : NeverStored;
                writer.WriteStartObject("ScheduleStatus");
                writer.WriteString("Last", last);
                writer.WriteString("Next", firing.Next is { } n ? Iso(n) : NeverStored);
                writer.WriteString("LastUpdated", last);
                writer.WriteEndObject();
            }
            else
            {
                writer.WriteNull("ScheduleStatus");
            }

            writer.WriteBoolean("IsPastDue", firing.IsPastDue);
            writer.WriteEndObject();
            writer.WriteEndObject();

            writer.WriteStartObject("Metadata");
            WriteSys(writer, functionName, utcNow);
            writer.WriteEndObject();
        });

    public static byte[] Queue(string functionName, string bindingName, QueueDelivery message, DateTimeOffset utcNow) =>
        Write(writer =>
        {
            writer.WriteStartObject("Data");
            writer.WriteString(bindingName, Encode(message.Text));
            writer.WriteEndObject();

            // Binding data by name, case-insensitive as in the host; a JSON message's own properties replace these.
            var metadata = new Dictionary<string, Action<Utf8JsonWriter, string>>(StringComparer.OrdinalIgnoreCase);
            metadata["DequeueCount"] = (w, name) => w.WriteString(name, message.DequeueCount.ToString(CultureInfo.InvariantCulture));
            AddTime(metadata, "ExpirationTime", message.ExpirationTime);
            AddEncoded(metadata, "Id", message.Id);
            AddTime(metadata, "InsertionTime", message.InsertionTime);
            AddTime(metadata, "NextVisibleTime", message.NextVisibleTime);
            AddEncoded(metadata, "PopReceipt", message.PopReceipt);
            using var json = TryParseObject(message.Text);
            if (json is not null)
            {
                foreach (var property in json.RootElement.EnumerateObject())
                {
                    var value = property.Value;
                    if (value.ValueKind is JsonValueKind.Array or JsonValueKind.Null || string.Equals(property.Name, "sys", StringComparison.OrdinalIgnoreCase))
                    {
                        continue;
                    }

                    metadata[property.Name] = value.ValueKind switch
                    {
                        JsonValueKind.Object => (w, name) => { w.WritePropertyName(name); value.WriteTo(w); },
                        JsonValueKind.String => (w, name) => w.WriteString(name, Encode(value.GetString()!)),
                        _ => (w, name) => w.WriteString(name, Encode(value.GetRawText())),
                    };
                }
            }

            writer.WriteStartObject("Metadata");
            foreach (var (name, write) in metadata)
            {
                write(writer, name);
            }

            WriteSys(writer, functionName, utcNow);
            writer.WriteEndObject();
        });

    /// <summary>A string JSON-encoded as <c>JsonConvert.SerializeObject(string)</c> does: <c>hello</c> → <c>"hello"</c>.</summary>
    internal static string Encode(string text)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStringValue(text);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    // DateTimeOffset values lose their sub-second digits on the host's way (ToString/Parse round trip).
    private static string Iso(DateTimeOffset time) => time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    private static void AddTime(Dictionary<string, Action<Utf8JsonWriter, string>> metadata, string name, DateTimeOffset? time)
    {
        if (time is { } t)
        {
            metadata[name] = (w, n) => w.WriteString(n, Iso(t));
        }
    }

    private static void AddEncoded(Dictionary<string, Action<Utf8JsonWriter, string>> metadata, string name, string? value)
    {
        if (value is not null)
        {
            metadata[name] = (w, n) => w.WriteString(n, Encode(value));
        }
    }

    private static void WriteSys(Utf8JsonWriter writer, string functionName, DateTimeOffset utcNow)
    {
        writer.WriteStartObject("sys");
        writer.WriteString("MethodName", functionName);
        writer.WriteString("UtcNow", utcNow.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture));
        writer.WriteString("RandGuid", Guid.NewGuid().ToString());
        writer.WriteEndObject();
    }

    private static JsonDocument? TryParseObject(string text)
    {
        if (text.Length == 0 || text.TrimStart()[0] != '{')
        {
            return null;
        }

        try
        {
            var document = JsonDocument.Parse(text);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                return document;
            }

            document.Dispose();
            return null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static byte[] Write(Action<Utf8JsonWriter> body)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            body(writer);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
