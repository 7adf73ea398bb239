using System.Text.Json;
using System.Text.RegularExpressions;
using NCrontab;

namespace Automation.Functions.LocalRunner;

/// <summary>An HTTP function's trigger as function.json declares it.</summary>
internal sealed record HttpTrigger(string Route, IReadOnlyList<string>? Methods, string AuthLevel);

/// <summary>A timer function's trigger; <see cref="Schedule"/> has its <c>%Setting%</c> names resolved.</summary>
internal sealed record TimerTrigger(string BindingName, string Schedule, CrontabSchedule Crontab, bool RunOnStartup, bool UseMonitor);

/// <summary>A queue function's trigger; <see cref="QueueName"/> resolved and lower-cased as the host does.</summary>
internal sealed record QueueTrigger(string BindingName, string QueueName, string Connection);

/// <summary>One function folder (<c>&lt;functions&gt;/&lt;Name&gt;/function.json</c>) with the trigger the local runner serves.</summary>
internal sealed record FunctionDefinition(string Name, HttpTrigger? Http = null, TimerTrigger? Timer = null, QueueTrigger? Queue = null)
{
    public string Describe() => this switch
    {
        { Http: { } h } => $"http  {(h.Methods is null ? "ANY" : string.Join(',', h.Methods).ToUpperInvariant())} /{{prefix}}/{h.Route} (authLevel {h.AuthLevel})",
        { Timer: { } t } => $"timer {t.Schedule}{(t.RunOnStartup ? " (runOnStartup)" : string.Empty)}",
        { Queue: { } q } => $"queue {q.QueueName} (connection {q.Connection})",
        _ => "?",
    };
}

/// <summary>A function folder that could not be loaded; the rest still run, as with the Functions host.</summary>
internal sealed record FunctionLoadError(string Name, string Error);

/// <summary>Reads the function folders the way the Functions host indexes them.</summary>
internal static partial class FunctionDefinitionReader
{
    public const string DefaultConnection = "AzureWebJobsStorage";

    public static (IReadOnlyList<FunctionDefinition> Functions, IReadOnlyList<FunctionLoadError> Errors) ReadAll(string functionsPath, IConfiguration settings)
    {
        var functions = new List<FunctionDefinition>();
        var errors = new List<FunctionLoadError>();
        if (!Directory.Exists(functionsPath))
        {
            return (functions, errors);
        }

        foreach (var folder in Directory.GetDirectories(functionsPath).Order(StringComparer.Ordinal))
        {
            var file = Path.Combine(folder, "function.json");
            if (!File.Exists(file))
            {
                continue;
            }

            var name = Path.GetFileName(folder);
            try
            {
                if (Read(name, File.ReadAllText(file), settings) is { } function)
                {
                    functions.Add(function);
                }
            }
            catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException or CrontabException)
            {
                errors.Add(new FunctionLoadError(name, ex.Message));
            }
        }

        return (functions, errors);
    }

    /// <summary>Parses one function.json; null when the function is disabled.</summary>
    public static FunctionDefinition? Read(string name, string json, IConfiguration settings)
    {
        using var document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var root = document.RootElement;
        if (IsTrue(Hosting.JsonReading.Property(root, "disabled")) || bool.TryParse(settings[$"AzureWebJobs.{name}.Disabled"], out var disabled) && disabled)
        {
            return null;
        }

        if (Hosting.JsonReading.Property(root, "bindings") is not { ValueKind: JsonValueKind.Array } bindings)
        {
            throw new FormatException("function.json has no bindings array.");
        }

        foreach (var binding in bindings.EnumerateArray())
        {
            var type = String(binding, "type");
            switch (type?.ToLowerInvariant())
            {
                case "httptrigger":
                    var methods = Hosting.JsonReading.Property(binding, "methods") is { ValueKind: JsonValueKind.Array } list
                        ? list.EnumerateArray().Select(m => m.GetString()!.ToUpperInvariant()).ToArray()
                        : null;
                    var authLevel = (String(binding, "authLevel") ?? "function").ToLowerInvariant();
                    if (authLevel is not ("anonymous" or "function" or "admin" or "system" or "user"))
                    {
                        throw new FormatException($"authLevel '{authLevel}' is not one of anonymous, function, admin.");
                    }

                    return new FunctionDefinition(name, Http: new HttpTrigger((String(binding, "route") ?? name).Trim('/'), methods, authLevel));
                case "timertrigger":
                    var schedule = ResolveSettings(String(binding, "schedule") ?? throw new FormatException("The timer trigger has no schedule."), settings);
                    return new FunctionDefinition(name, Timer: new TimerTrigger(
                        String(binding, "name") ?? "timer",
                        schedule,
                        ParseSchedule(schedule),
                        IsTrue(Hosting.JsonReading.Property(binding, "runOnStartup")),
                        Hosting.JsonReading.Property(binding, "useMonitor") is not { ValueKind: JsonValueKind.False }));
                case "queuetrigger":
                    var queueName = ResolveSettings(String(binding, "queueName") ?? throw new FormatException("The queue trigger has no queueName."), settings);
                    return new FunctionDefinition(name, Queue: new QueueTrigger(
                        String(binding, "name") ?? "message",
                        queueName.ToLowerInvariant(),
                        String(binding, "connection") is { Length: > 0 } connection ? connection : DefaultConnection));
                case { } other when other.EndsWith("trigger", StringComparison.Ordinal):
                    throw new FormatException($"The local runner does not serve '{type}' triggers.");
            }
        }

        throw new FormatException("function.json has no trigger binding.");
    }

    /// <summary>An NCRONTAB expression: 6 fields (seconds first) or 5.</summary>
    public static CrontabSchedule ParseSchedule(string expression)
    {
        var fields = expression.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        if (fields is not (5 or 6))
        {
            throw new FormatException($"The schedule '{expression}' must be an NCRONTAB expression of 6 fields (seconds first) or 5.");
        }

        return CrontabSchedule.Parse(expression, new CrontabSchedule.ParseOptions { IncludingSeconds = fields == 6 });
    }

    /// <summary>Replaces each <c>%Name%</c> with the app setting of that name, as the host does.</summary>
    public static string ResolveSettings(string value, IConfiguration settings) =>
        SettingReference().Replace(value, match =>
            settings[match.Groups[1].Value] is { Length: > 0 } resolved
                ? resolved
                : throw new InvalidOperationException($"'{value}' refers to the app setting '{match.Groups[1].Value}', which is not set."));

    private static string? String(JsonElement element, string name) =>
        Hosting.JsonReading.Property(element, name) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;

    private static bool IsTrue(JsonElement? element) => element switch
    {
        { ValueKind: JsonValueKind.True } => true,
        { ValueKind: JsonValueKind.String } s => bool.TryParse(s.GetString(), out var b) && b,
        _ => false,
    };

    [GeneratedRegex("%([^%]+)%", RegexOptions.CultureInvariant)]
    private static partial Regex SettingReference();
}
