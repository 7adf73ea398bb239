using System.Text.Json;
using System.Text.Json.Serialization;

namespace Automation.Functions.Hosting;

/// <summary>The handler's answer to a successful invocation: the host requires a JSON object, never an empty body.</summary>
internal sealed record InvocationResponse(IReadOnlyDictionary<string, JsonElement> Outputs, IReadOnlyList<string> Logs, JsonElement? ReturnValue)
{
    public static InvocationResponse Empty { get; } = new(new Dictionary<string, JsonElement>(), [], null);
}

/// <summary>The body of a non-2xx answer to the host. The host ignores it; it is there for people reading traces.</summary>
internal sealed record InvocationErrorResponse(InvocationError Error);

internal sealed record InvocationError(string Code, string Message, string? Function = null, string? InvocationId = null);

[JsonSourceGenerationOptions(JsonSerializerDefaults.General, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(InvocationResponse))]
[JsonSerializable(typeof(InvocationErrorResponse))]
internal sealed partial class HostingJsonContext : JsonSerializerContext;
