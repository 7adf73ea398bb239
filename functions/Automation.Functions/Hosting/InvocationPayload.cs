using System.Globalization;
using System.Text.Json;

namespace Automation.Functions.Hosting;

/// <summary>The host's invocation body could not be understood; answered with 400.</summary>
internal sealed class InvalidPayloadException(string message) : Exception(message);

/// <summary>
/// Decodes the Functions host's payload-mode body <c>{"Data":{...},"Metadata":{...}}</c> for timer and queue triggers.
/// Follows what the host's code sends (double-encoded strings, string DequeueCount; see
/// shared/reference/functions-custom-handler.md §3) and also accepts the plain shape the public docs show.
/// </summary>
internal static class InvocationPayload
{
    public static TimerTriggerInfo ReadTimer(JsonElement body)
    {
        var value = TriggerValue(body, candidate => candidate.ValueKind == JsonValueKind.Object && JsonReading.Property(candidate, "IsPastDue") is not null);
        if (value.ValueKind == JsonValueKind.String)
        {
            value = ParseNested(value.GetString()!, "timer");
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidPayloadException("The timer trigger value must be a JSON object.");
        }

        var isPastDue = JsonReading.Property(value, "IsPastDue") switch
        {
            null or { ValueKind: JsonValueKind.Null } => false,
            { ValueKind: JsonValueKind.True } => true,
            { ValueKind: JsonValueKind.False } => false,
            { ValueKind: JsonValueKind.String } s when bool.TryParse(UnwrapJsonString(s.GetString()!), out var parsed) => parsed,
            _ => throw new InvalidPayloadException("IsPastDue must be a boolean."),
        };

        DateTimeOffset? next = null, last = null;
        if (JsonReading.Property(value, "ScheduleStatus") is { ValueKind: JsonValueKind.Object } status)
        {
            next = Time(status, "Next");
            last = Time(status, "Last");
        }

        return new TimerTriggerInfo(isPastDue, next, last);
    }

    public static QueueTriggerMessage ReadQueue(JsonElement body, int maxDequeueCount)
    {
        var value = TriggerValue(body, candidate => candidate.ValueKind == JsonValueKind.String);
        var text = value.ValueKind switch
        {
            // The host JSON-encodes the message text once more: "\"hello\"". The docs show it plain: "hello".
            JsonValueKind.String => UnwrapJsonString(value.GetString()!),
            JsonValueKind.Object or JsonValueKind.Array or JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
            _ => throw new InvalidPayloadException("The queue trigger value must be a string."),
        };

        var metadata = JsonReading.Property(body, "Metadata");
        if (metadata is { } m && m.ValueKind is not (JsonValueKind.Object or JsonValueKind.Null))
        {
            throw new InvalidPayloadException("Metadata must be a JSON object.");
        }

        // The host copies each top-level property of a JSON message into Metadata, where it can replace DequeueCount,
        // Id or InsertionTime (reference §3, G3). Such a value is not the host's: it must not fail a valid message
        // (400 → retried → poison), so a value that does not parse counts as absent.
        long dequeueCount = 0;
        string? id = null;
        DateTimeOffset? insertionTime = null;
        if (metadata is { ValueKind: JsonValueKind.Object } meta)
        {
            dequeueCount = JsonReading.Property(meta, "DequeueCount") switch
            {
                { ValueKind: JsonValueKind.Number } n when n.TryGetInt64(out var count) => count,
                { ValueKind: JsonValueKind.String } s when long.TryParse(UnwrapJsonString(s.GetString()!), NumberStyles.Integer, CultureInfo.InvariantCulture, out var count) => count,
                _ => 0,
            };
            id = JsonReading.Property(meta, "Id") is { ValueKind: JsonValueKind.String } idValue ? UnwrapJsonString(idValue.GetString()!) : null;
            insertionTime = JsonReading.Property(meta, "InsertionTime") is { ValueKind: JsonValueKind.String } inserted
                && DateTimeOffset.TryParse(UnwrapJsonString(inserted.GetString()!), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time)
                && time.Year > 1
                ? time
                : null;
        }

        return new QueueTriggerMessage(text, dequeueCount, id, insertionTime, maxDequeueCount);
    }

    /// <summary>Removes one level of JSON string encoding (<c>"\"x\""</c> → <c>x</c>); returns other text unchanged.</summary>
    internal static string UnwrapJsonString(string value)
    {
        if (value.Length < 2 || value[0] != '"' || value[^1] != '"')
        {
            return value;
        }

        try
        {
            using var document = JsonDocument.Parse(value);
            return document.RootElement.GetString() ?? value;
        }
        catch (JsonException)
        {
            return value;
        }
    }

    // Data holds the trigger binding under its function.json name; with trigger-only functions it is the only entry.
    private static JsonElement TriggerValue(JsonElement body, Func<JsonElement, bool> looksLikeTrigger)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidPayloadException("The body must be a JSON object with Data and Metadata.");
        }

        if (JsonReading.Property(body, "Data") is not { ValueKind: JsonValueKind.Object } data)
        {
            throw new InvalidPayloadException("The body has no Data object.");
        }

        JsonElement? single = null;
        var count = 0;
        foreach (var property in data.EnumerateObject())
        {
            count++;
            single = property.Value;
            if (looksLikeTrigger(property.Value))
            {
                return property.Value;
            }
        }

        return count == 1 ? single!.Value : throw new InvalidPayloadException("Data holds no trigger value.");
    }

    private static JsonElement ParseNested(string json, string what)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            throw new InvalidPayloadException($"The {what} trigger value is not JSON.");
        }
    }

    private static DateTimeOffset? Time(JsonElement element, string name)
    {
        switch (JsonReading.Property(element, name))
        {
            case null or { ValueKind: JsonValueKind.Null }:
                return null;
            case { ValueKind: JsonValueKind.String } s:
                var text = UnwrapJsonString(s.GetString()!);
                if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time))
                {
                    throw new InvalidPayloadException($"{name} is not a date and time.");
                }

                // The host sends 0001-01-01T00:00:00 for "never" (first run of a monitored timer).
                return time.Year == 1 ? null : time;
            default:
                throw new InvalidPayloadException($"{name} must be a string.");
        }
    }
}
