using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Automation.DevHost.Settings;

/// <summary>
/// <c>local.settings.json</c>, as Azure Functions Core Tools reads it: its <c>Values</c> become app settings
/// (environment variables still win). A fresh clone gets one made from <c>local.settings.example.json</c> next to it,
/// with new random function keys; keys missing from an existing file are generated and saved too.
/// </summary>
internal static class LocalSettingsFile
{
    public const string FileName = "local.settings.json";
    public const string ExampleFileName = "local.settings.example.json";
    public const string FunctionKeySetting = "LOCAL_FUNCTION_KEY";
    public const string MasterKeySetting = "LOCAL_MASTER_KEY";

    private static readonly JsonSerializerOptions WriteOptions = new() { WriteIndented = true };

    /// <summary>Creates or completes the file at <paramref name="path"/> as needed, then returns its settings.</summary>
    public static LocalSettings EnsureAndLoad(string path)
    {
        path = Path.GetFullPath(path);
        var created = false;
        JsonObject document;
        if (File.Exists(path))
        {
            document = Parse(File.ReadAllText(path), path);
        }
        else
        {
            var example = Path.Combine(Path.GetDirectoryName(path)!, ExampleFileName);
            document = File.Exists(example) ? Parse(File.ReadAllText(example), example) : DefaultDocument();
            created = true;
        }

        if (document["IsEncrypted"] is JsonValue encrypted && encrypted.TryGetValue<bool>(out var isEncrypted) && isEncrypted)
        {
            throw new DevHostStartupException($"{path} is encrypted (IsEncrypted: true); decrypt it with 'func settings decrypt' or set IsEncrypted to false.");
        }

        if (document["Values"] is not JsonObject values)
        {
            values = [];
            document["Values"] = values;
        }

        var generated = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var key in new[] { FunctionKeySetting, MasterKeySetting })
        {
            if (string.IsNullOrWhiteSpace(Text(values[key])))
            {
                generated[key] = NewKey();
                values[key] = generated[key];
            }
        }

        if (created || generated.Count > 0)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, document.ToJsonString(WriteOptions) + Environment.NewLine);
        }

        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in values)
        {
            settings[name] = Text(value);
        }

        if (document["ConnectionStrings"] is JsonObject connectionStrings)
        {
            foreach (var (name, value) in connectionStrings)
            {
                settings[$"ConnectionStrings:{name}"] = Text(value);
            }
        }

        return new LocalSettings(path, settings, created, generated);
    }

    /// <summary>A new key: 32 bytes from the cryptographic RNG, base64url (safe in a query string).</summary>
    public static string NewKey() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    private static JsonObject DefaultDocument() => new()
    {
        ["IsEncrypted"] = false,
        ["Values"] = new JsonObject
        {
            ["FUNCTIONS_WORKER_RUNTIME"] = AppSettings.WorkerRuntime,
            ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true",
        },
    };

    private static JsonObject Parse(string json, string path)
    {
        try
        {
            return JsonNode.Parse(json, documentOptions: JsonReading.Lenient) as JsonObject
                ?? throw new DevHostStartupException($"{path} must hold a JSON object.");
        }
        catch (JsonException ex)
        {
            throw new DevHostStartupException($"{path} is not valid JSON: {ex.Message}", ex);
        }
    }

    // Core Tools expects strings; numbers and booleans are taken as their JSON text.
    private static string? Text(JsonNode? node) => node switch
    {
        null => null,
        JsonValue value when value.TryGetValue<string>(out var text) => text,
        _ => node.ToJsonString(),
    };
}

/// <summary>What <see cref="LocalSettingsFile"/> loaded.</summary>
/// <param name="Path">The file's full path.</param>
/// <param name="Values">App settings (Values, and ConnectionStrings as <c>ConnectionStrings:name</c>).</param>
/// <param name="Created">True when the file did not exist and was made now.</param>
/// <param name="GeneratedKeys">Keys generated and saved now, by setting name.</param>
internal sealed record LocalSettings(string Path, IReadOnlyDictionary<string, string?> Values, bool Created, IReadOnlyDictionary<string, string> GeneratedKeys);
