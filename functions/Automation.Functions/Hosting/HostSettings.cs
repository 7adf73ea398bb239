using System.Globalization;
using System.Text.Json;

namespace Automation.Functions.Hosting;

/// <summary>The parts of host.json the handler and the local runner act on, with the Functions host's defaults.</summary>
internal sealed record HostSettings(string RoutePrefix, QueueSettings Queues, TimeSpan? FunctionTimeout)
{
    public static HostSettings Default { get; } = new("api", QueueSettings.Default, null);

    /// <summary>Reads <c>&lt;appRoot&gt;/host.json</c>; a missing file means the defaults.</summary>
    public static HostSettings Load(string appRoot)
    {
        var path = Path.Combine(appRoot, AppRoot.HostJsonFileName);
        if (!File.Exists(path))
        {
            return Default;
        }

        try
        {
            return Parse(File.ReadAllText(path));
        }
        catch (Exception ex) when (ex is JsonException or FormatException or OverflowException)
        {
            throw new InvalidOperationException($"{path} is not valid: {ex.Message}", ex);
        }
    }

    public static HostSettings Parse(string json)
    {
        using var document = JsonDocument.Parse(json, JsonReading.Lenient);
        var root = document.RootElement;
        var extensions = JsonReading.Property(root, "extensions");
        var http = extensions is { } e ? JsonReading.Property(e, "http") : null;
        var queues = extensions is { } e2 ? JsonReading.Property(e2, "queues") : null;

        var routePrefix = http is { } h && JsonReading.Property(h, "routePrefix") is { ValueKind: JsonValueKind.String } prefix
            ? prefix.GetString()!.Trim('/')
            : Default.RoutePrefix;

        TimeSpan? functionTimeout = JsonReading.Property(root, "functionTimeout") is { ValueKind: JsonValueKind.String } timeout
            ? ParseTimeSpan(timeout.GetString()!, "functionTimeout")
            : null;
        if (functionTimeout is { } t && t < TimeSpan.Zero)
        {
            functionTimeout = null; // -1 means unbounded
        }

        return new HostSettings(routePrefix, queues is { } q ? QueueSettings.Parse(q) : QueueSettings.Default, functionTimeout);
    }

    internal static TimeSpan ParseTimeSpan(string value, string name) =>
        TimeSpan.TryParse(value, CultureInfo.InvariantCulture, out var result)
            ? result
            : throw new FormatException($"'{name}' must be a time span such as 00:00:30, not '{value}'.");
}

/// <summary>host.json <c>extensions.queues</c> (queue extension 5.x defaults and limits).</summary>
internal sealed record QueueSettings(
    int BatchSize,
    int NewBatchThreshold,
    TimeSpan MaxPollingInterval,
    TimeSpan VisibilityTimeout,
    int MaxDequeueCount,
    string MessageEncoding)
{
    public static TimeSpan MinimumPollingInterval { get; } = TimeSpan.FromMilliseconds(100);

    public static QueueSettings Default { get; } = new(16, 16 / 2 * Environment.ProcessorCount, TimeSpan.FromMinutes(1), TimeSpan.Zero, 5, "base64");

    public static QueueSettings Parse(JsonElement queues)
    {
        var batchSize = Int(queues, "batchSize") ?? Default.BatchSize;
        if (batchSize is < 1 or > 32)
        {
            throw new FormatException($"extensions.queues.batchSize must be between 1 and 32, not {batchSize}.");
        }

        var maxDequeueCount = Int(queues, "maxDequeueCount") ?? Default.MaxDequeueCount;
        if (maxDequeueCount < 1)
        {
            throw new FormatException($"extensions.queues.maxDequeueCount must be at least 1, not {maxDequeueCount}.");
        }

        var maxPolling = Span(queues, "maxPollingInterval") ?? Default.MaxPollingInterval;
        if (maxPolling < MinimumPollingInterval)
        {
            throw new FormatException($"extensions.queues.maxPollingInterval must be at least 00:00:00.100, not {maxPolling}.");
        }

        var visibility = Span(queues, "visibilityTimeout") ?? Default.VisibilityTimeout;
        if (visibility < TimeSpan.Zero)
        {
            throw new FormatException("extensions.queues.visibilityTimeout must not be negative.");
        }

        var encoding = JsonReading.Property(queues, "messageEncoding") is { ValueKind: JsonValueKind.String } e
            ? e.GetString()!.ToLowerInvariant()
            : Default.MessageEncoding;
        if (encoding is not ("base64" or "none"))
        {
            throw new FormatException($"extensions.queues.messageEncoding must be base64 or none, not '{encoding}'.");
        }

        var newBatchThreshold = Int(queues, "newBatchThreshold") ?? batchSize / 2 * Environment.ProcessorCount;
        return new QueueSettings(batchSize, Math.Max(0, newBatchThreshold), maxPolling, visibility, maxDequeueCount, encoding);
    }

    private static int? Int(JsonElement element, string name) => JsonReading.Property(element, name) switch
    {
        { ValueKind: JsonValueKind.Number } n => n.GetInt32(),
        { ValueKind: JsonValueKind.String } s => int.Parse(s.GetString()!, NumberStyles.Integer, CultureInfo.InvariantCulture),
        _ => null,
    };

    private static TimeSpan? Span(JsonElement element, string name) =>
        JsonReading.Property(element, name) is { ValueKind: JsonValueKind.String } s
            ? HostSettings.ParseTimeSpan(s.GetString()!, $"extensions.queues.{name}")
            : null;
}

/// <summary>Small helpers for reading the host's JSON documents, whose property names are case-insensitive.</summary>
internal static class JsonReading
{
    public static JsonDocumentOptions Lenient { get; } = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    /// <summary>The property <paramref name="name"/> of an object, matched exactly first, then ignoring case.</summary>
    public static JsonElement? Property(JsonElement element, string name)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        if (element.TryGetProperty(name, out var exact))
        {
            return exact;
        }

        foreach (var property in element.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return property.Value;
            }
        }

        return null;
    }
}
