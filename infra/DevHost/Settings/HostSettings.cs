using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;

namespace Automation.DevHost.Settings;

/// <summary>The parts of host.json the development host acts on, with the Functions host's defaults.</summary>
internal sealed record HostSettings(string RoutePrefix, QueueSettings Queues, TimeSpan? FunctionTimeout, LogLevels Logging)
{
    public const string FileName = "host.json";

    /// <summary>App settings named <c>AzureFunctionsJobHost__&lt;path&gt;</c> override host.json values, as in the host.</summary>
    public const string OverridePrefix = "AzureFunctionsJobHost:";

    public static HostSettings Default { get; } = new("api", QueueSettings.Default, null, LogLevels.Default);

    /// <summary>Reads <c>&lt;scriptRoot&gt;/host.json</c> (a missing file means the defaults) with the overrides applied.</summary>
    public static HostSettings Load(string scriptRoot, AppSettings settings)
    {
        var path = Path.Combine(scriptRoot, FileName);
        try
        {
            var document = File.Exists(path) ? JsonNode.Parse(File.ReadAllText(path), documentOptions: JsonReading.Lenient) as JsonObject : null;
            document ??= [];
            ApplyOverrides(document, settings.WithPrefix(OverridePrefix));
            return Parse(document.ToJsonString());
        }
        catch (Exception ex) when (ex is JsonException or FormatException or OverflowException)
        {
            throw new DevHostStartupException($"{path} is not valid (app settings {OverridePrefix.TrimEnd(':')}__* included): {ex.Message}", ex);
        }
    }

    /// <summary>
    /// Writes each <c>AzureFunctionsJobHost:a:b:c</c> setting into the document at <c>a.b.c</c> (names matched ignoring
    /// case, objects created as needed), as a string: the readers below accept strings for numbers and time spans.
    /// </summary>
    internal static void ApplyOverrides(JsonObject document, IEnumerable<KeyValuePair<string, string?>> overrides)
    {
        foreach (var (name, value) in overrides)
        {
            var path = name[OverridePrefix.Length..].Split(':', StringSplitOptions.RemoveEmptyEntries);
            if (path.Length == 0)
            {
                continue;
            }

            var node = document;
            foreach (var segment in path[..^1])
            {
                var existing = Find(node, segment);
                if (existing.Value is not JsonObject child)
                {
                    child = [];
                    node[existing.Key ?? segment] = child;
                }

                node = child;
            }

            var leaf = Find(node, path[^1]);
            node[leaf.Key ?? path[^1]] = value;
        }
    }

    public static HostSettings Parse(string json)
    {
        using var document = JsonDocument.Parse(json, JsonReading.Lenient);
        var root = document.RootElement;
        var extensions = JsonReading.Property(root, "extensions");
        var http = extensions is { } e ? JsonReading.Property(e, "http") : null;
        var queues = extensions is { } e2 ? JsonReading.Property(e2, "queues") : null;

        var routePrefix = http is { } h && JsonReading.String(h, "routePrefix") is { } prefix
            ? prefix.Trim('/')
            : Default.RoutePrefix;

        TimeSpan? functionTimeout = JsonReading.String(root, "functionTimeout") is { } timeout
            ? ParseTimeSpan(timeout, "functionTimeout")
            : null;
        if (functionTimeout is { } t && t < TimeSpan.Zero)
        {
            functionTimeout = null; // -1 means unbounded
        }

        var logging = JsonReading.Property(root, "logging") is { } l && JsonReading.Property(l, "logLevel") is { ValueKind: JsonValueKind.Object } levels
            ? LogLevels.Parse(levels)
            : LogLevels.Default;

        return new HostSettings(routePrefix, queues is { } q ? QueueSettings.Parse(q) : QueueSettings.Default, functionTimeout, logging);
    }

    internal static TimeSpan ParseTimeSpan(string value, string name) =>
        TimeSpan.TryParse(value, CultureInfo.InvariantCulture, out var result)
            ? result
            : throw new FormatException($"'{name}' must be a time span such as 00:00:30, not '{value}'.");

    private static KeyValuePair<string?, JsonNode?> Find(JsonObject node, string name)
    {
        foreach (var (key, value) in node)
        {
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
            {
                return KeyValuePair.Create<string?, JsonNode?>(key, value);
            }
        }

        return default;
    }
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

        var encoding = JsonReading.String(queues, "messageEncoding")?.ToLowerInvariant() ?? Default.MessageEncoding;
        if (encoding is not ("base64" or "none"))
        {
            throw new FormatException($"extensions.queues.messageEncoding must be base64 or none, not '{encoding}'.");
        }

        // -1 (or nothing) means the extension's own choice: half a batch per processor.
        var newBatchThreshold = Int(queues, "newBatchThreshold") is { } threshold and >= 0 ? threshold : batchSize / 2 * Environment.ProcessorCount;
        return new QueueSettings(batchSize, newBatchThreshold, maxPolling, visibility, maxDequeueCount, encoding);
    }

    private static int? Int(JsonElement element, string name) => JsonReading.Property(element, name) switch
    {
        { ValueKind: JsonValueKind.Number } n => n.GetInt32(),
        { ValueKind: JsonValueKind.String } s => int.Parse(s.GetString()!, NumberStyles.Integer, CultureInfo.InvariantCulture),
        _ => null,
    };

    private static TimeSpan? Span(JsonElement element, string name) =>
        JsonReading.String(element, name) is { } s ? HostSettings.ParseTimeSpan(s, $"extensions.queues.{name}") : null;
}

/// <summary>
/// host.json <c>logging.logLevel</c>, applied to the worker's log lines by category prefix (the longest match wins,
/// then <c>default</c>). Framework categories (Microsoft.*, System.*) default to Warning so request chatter stays out.
/// </summary>
internal sealed record LogLevels(IReadOnlyDictionary<string, LogLevel> ByCategory, LogLevel Fallback)
{
    public static LogLevels Default { get; } = new(FrameworkDefaults(), LogLevel.Information);

    public static LogLevels Parse(JsonElement levels)
    {
        var byCategory = new Dictionary<string, LogLevel>(FrameworkDefaults(), StringComparer.OrdinalIgnoreCase);
        var fallback = LogLevel.Information;
        foreach (var property in levels.EnumerateObject())
        {
            if (property.Value.ValueKind != JsonValueKind.String ||
                !Enum.TryParse<LogLevel>(property.Value.GetString(), ignoreCase: true, out var level))
            {
                throw new FormatException($"logging.logLevel.{property.Name} must be a log level such as Information, not {property.Value.GetRawText()}.");
            }

            if (string.Equals(property.Name, "default", StringComparison.OrdinalIgnoreCase))
            {
                fallback = level;
            }
            else
            {
                byCategory[property.Name] = level;
            }
        }

        return new LogLevels(byCategory, fallback);
    }

    public LogLevel MinimumFor(string category)
    {
        var best = -1;
        var result = Fallback;
        foreach (var (prefix, level) in ByCategory)
        {
            if (prefix.Length > best && category.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) &&
                (category.Length == prefix.Length || category[prefix.Length] == '.'))
            {
                best = prefix.Length;
                result = level;
            }
        }

        return result;
    }

    private static Dictionary<string, LogLevel> FrameworkDefaults() => new(StringComparer.OrdinalIgnoreCase)
    {
        ["Microsoft"] = LogLevel.Warning,
        ["System"] = LogLevel.Warning,

        // The worker keeps ASP.NET Core's data protection keys unencrypted in ~/.aspnet: harmless, and it warns at every start.
        ["Microsoft.AspNetCore.DataProtection"] = LogLevel.Error,
    };
}
