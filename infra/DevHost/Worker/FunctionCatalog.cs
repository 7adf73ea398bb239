using System.Text.Json;
using Automation.DevHost.Rpc;
using Automation.DevHost.Settings;
using Automation.DevHost.Triggers;

namespace Automation.DevHost.Worker;

/// <summary>A function the worker indexed: what the host serves, and the metadata it loads it with.</summary>
/// <param name="Function">The public description (trigger, route, schedule, queue).</param>
/// <param name="Metadata">The worker's metadata, as sent back in the FunctionLoadRequest.</param>
/// <param name="Error">Why the host cannot serve its trigger (e.g. a <c>%Setting%</c> that is not set), or null.</param>
internal sealed record LoadedFunction(DevHostFunction Function, RpcFunctionMetadata Metadata, string? Error)
{
    public string Name => Function.Name;

    public string Id => Function.Id;

    /// <summary>Served by the host: its trigger is understood, it is not disabled, and nothing is wrong with it.</summary>
    public bool IsServed => Error is null && !Function.IsDisabled && Function.TriggerKind != DevHostTriggerKind.Other;
}

/// <summary>
/// Reads the worker's FunctionMetadataResponse (worker indexing, reference §2 step 5): each function's id, and its
/// trigger from the raw_bindings JSON, with <c>%Setting%</c> references resolved as the host resolves them.
/// </summary>
internal static class FunctionCatalog
{
    public const string DefaultConnection = AppSettings.StorageConnection;

    public static IReadOnlyList<LoadedFunction> Read(FunctionMetadataResponse response, string scriptRoot, AppSettings settings)
    {
        if (response.Result is { Status: not StatusResult.Types.Status.Success } result)
        {
            throw new DevHostStartupException($"The worker could not index its functions: {Describe(result)}");
        }

        var functions = new List<LoadedFunction>();
        foreach (var metadata in response.FunctionMetadataResults)
        {
            if (string.IsNullOrEmpty(metadata.FunctionId) || string.IsNullOrEmpty(metadata.Name))
            {
                throw new DevHostStartupException("The worker's metadata lists a function without a name or an id.");
            }

            var bindings = metadata.RawBindings.Select(ParseBinding).ToList();
            functions.Add(Describe(ForLoading(metadata, bindings, scriptRoot), bindings, settings));
        }

        return functions;
    }

    /// <summary>A failed StatusResult in one line: its exception (type and message), else its text.</summary>
    public static string Describe(StatusResult result) =>
        result.Exception is { } exception && (exception.Message.Length > 0 || exception.Type.Length > 0)
            ? $"{(exception.Type.Length > 0 ? exception.Type + ": " : string.Empty)}{exception.Message}"
            : result.Result is { Length: > 0 } text ? text : result.Status.ToString();

    internal static LoadedFunction Describe(RpcFunctionMetadata metadata, IReadOnlyList<JsonElement> bindings, AppSettings settings)
    {
        var name = metadata.Name;
        var trigger = bindings.FirstOrDefault(b =>
            JsonReading.String(b, "type") is { } type && type.EndsWith("Trigger", StringComparison.OrdinalIgnoreCase) &&
            !string.Equals(JsonReading.String(b, "direction"), "out", StringComparison.OrdinalIgnoreCase));
        var disabled = settings.IsDisabled(name);
        if (trigger.ValueKind != JsonValueKind.Object)
        {
            return new LoadedFunction(Function(metadata, DevHostTriggerKind.Other, "(none)", string.Empty, disabled), metadata, "it has no trigger binding");
        }

        var triggerType = JsonReading.String(trigger, "type")!;
        var parameter = JsonReading.String(trigger, "name") ?? string.Empty;
        try
        {
            var function = triggerType.ToLowerInvariant() switch
            {
                "httptrigger" => Function(metadata, DevHostTriggerKind.Http, triggerType, parameter, disabled) with
                {
                    Route = (JsonReading.String(trigger, "route") ?? name).Trim('/'),
                    Methods = JsonReading.Property(trigger, "methods") is { ValueKind: JsonValueKind.Array } methods && methods.GetArrayLength() > 0
                        ? [.. methods.EnumerateArray().Select(m => m.GetString()!.ToUpperInvariant())]
                        : null,
                    AuthLevel = AuthLevel(JsonReading.Property(trigger, "authLevel")),
                },
                "timertrigger" => Function(metadata, DevHostTriggerKind.Timer, triggerType, parameter, disabled) with
                {
                    Schedule = settings.Resolve(JsonReading.String(trigger, "schedule") ?? throw new FormatException("the timer trigger has no schedule")),
                    RunOnStartup = JsonReading.IsTrue(JsonReading.Property(trigger, "runOnStartup")),
                    UseMonitor = JsonReading.Property(trigger, "useMonitor") is not { ValueKind: JsonValueKind.False } &&
                        !(JsonReading.String(trigger, "useMonitor") is { } useMonitor && bool.TryParse(useMonitor, out var monitor) && !monitor),
                },
                "queuetrigger" => Function(metadata, DevHostTriggerKind.Queue, triggerType, parameter, disabled) with
                {
                    // Queue names are lower case; the host lower-cases the resolved name too.
                    QueueName = settings.Resolve(JsonReading.String(trigger, "queueName") ?? throw new FormatException("the queue trigger has no queueName")).ToLowerInvariant(),
                    Connection = JsonReading.String(trigger, "connection") is { Length: > 0 } connection ? settings.Resolve(connection) : DefaultConnection,
                },
                _ => Function(metadata, DevHostTriggerKind.Other, triggerType, parameter, disabled),
            };
            if (function.TriggerKind == DevHostTriggerKind.Timer)
            {
                _ = TimerSchedule.Parse(function.Schedule!); // fails here, with the function's name, rather than in the timer loop
            }

            var error = function.TriggerKind == DevHostTriggerKind.Other ? $"the development host does not serve {triggerType} triggers" : null;
            return new LoadedFunction(function, metadata, error);
        }
        catch (Exception ex) when (ex is DevHostStartupException or FormatException or NCrontab.CrontabException)
        {
            // Shown as written (e.g. "%Setting%") in the banner, next to the reason.
            var unserved = Function(metadata, KindOf(triggerType), triggerType, parameter, disabled) with
            {
                Schedule = JsonReading.String(trigger, "schedule"),
                QueueName = JsonReading.String(trigger, "queueName"),
                Route = JsonReading.String(trigger, "route"),
            };
            return new LoadedFunction(unserved, metadata, ex.Message);
        }
    }

    /// <summary>
    /// The metadata to load the function with: the worker's own, with the directory set and the bindings map filled
    /// from raw_bindings when the worker left it empty (metadata read from functions.metadata has only raw bindings).
    /// </summary>
    private static RpcFunctionMetadata ForLoading(RpcFunctionMetadata metadata, IReadOnlyList<JsonElement> bindings, string scriptRoot)
    {
        var load = metadata.Clone();
        load.IsProxy = false;
        if (string.IsNullOrEmpty(load.Directory))
        {
            load.Directory = scriptRoot;
        }

        if (load.Bindings.Count == 0)
        {
            foreach (var binding in bindings)
            {
                if (JsonReading.String(binding, "name") is not { Length: > 0 } name)
                {
                    continue;
                }

                load.Bindings[name] = new BindingInfo
                {
                    Type = JsonReading.String(binding, "type") ?? string.Empty,
                    Direction = (JsonReading.String(binding, "direction") ?? "in").ToLowerInvariant() switch
                    {
                        "out" => BindingInfo.Types.Direction.Out,
                        "inout" => BindingInfo.Types.Direction.Inout,
                        _ => BindingInfo.Types.Direction.In,
                    },
                    DataType = (JsonReading.String(binding, "dataType") ?? string.Empty).ToLowerInvariant() switch
                    {
                        "string" => BindingInfo.Types.DataType.String,
                        "binary" => BindingInfo.Types.DataType.Binary,
                        "stream" => BindingInfo.Types.DataType.Stream,
                        _ => BindingInfo.Types.DataType.Undefined,
                    },
                };
            }
        }

        return load;
    }

    private static JsonElement ParseBinding(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json, JsonReading.Lenient);
            return document.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            throw new DevHostStartupException($"The worker's metadata has a binding that is not JSON: {ex.Message}", ex);
        }
    }

    private static DevHostFunction Function(RpcFunctionMetadata metadata, DevHostTriggerKind kind, string triggerType, string parameter, bool disabled) => new()
    {
        Name = metadata.Name,
        Id = metadata.FunctionId,
        TriggerKind = kind,
        TriggerType = triggerType,
        TriggerParameter = parameter,
        IsDisabled = disabled,
    };

    private static DevHostTriggerKind KindOf(string triggerType) => triggerType.ToLowerInvariant() switch
    {
        "httptrigger" => DevHostTriggerKind.Http,
        "timertrigger" => DevHostTriggerKind.Timer,
        "queuetrigger" => DevHostTriggerKind.Queue,
        _ => DevHostTriggerKind.Other,
    };

    // The SDK writes the AuthorizationLevel enum's name ("Function"); hand-written metadata may use a number.
    private static string AuthLevel(JsonElement? value) => value switch
    {
        { ValueKind: JsonValueKind.String } s => s.GetString()!.ToLowerInvariant() switch
        {
            var level when level is "anonymous" or "function" or "admin" or "system" or "user" => level,
            var other => throw new FormatException($"authLevel '{other}' is not one of anonymous, function, admin"),
        },
        { ValueKind: JsonValueKind.Number } n => n.GetInt32() switch
        {
            0 => "anonymous",
            1 => "user",
            2 => "function",
            3 => "system",
            4 => "admin",
            var other => throw new FormatException($"authLevel {other} is not a known level"),
        },
        _ => "function",
    };
}
