using System.Text.Json;
using System.Xml;
using System.Xml.Linq;
using Azure;
using Azure.Core;

namespace Automation.Storage.Pipeline;

/// <summary>
/// Builds <see cref="RequestFailedException"/>s whose <c>ErrorCode</c> comes from <c>x-ms-error-code</c>
/// and whose message carries the service's own message (table JSON or queue XML error bodies).
/// </summary>
internal static class StorageErrors
{
    private static readonly StorageErrorDetailsParser Parser = new();

    public static RequestFailedException CreateException(Response response) => new(response, null, Parser);

    /// <summary>
    /// The service error code of a failed response: <c>x-ms-error-code</c>, else the code in the body.
    /// Azure's table service sends the code only in the JSON body (Azurite also sets the header).
    /// </summary>
    public static string? ErrorCodeOf(Response response) => Details(response).Code;

    private static (string? Code, string? Message) Details(Response response)
    {
        var body = response.Content?.ToMemory() ?? ReadOnlyMemory<byte>.Empty;
        var trimmed = body.Span.TrimStart(" \t\r\n\uFEFF"u8);
        var (code, message) = trimmed.Length == 0 ? (null, null)
            : trimmed[0] == (byte)'{' ? ParseTableError(trimmed)
            : trimmed[0] == (byte)'<' ? ParseQueueError(trimmed)
            : (null, null);
        if (response.Headers.TryGetValue("x-ms-error-code", out var headerCode) && !string.IsNullOrEmpty(headerCode))
        {
            code = headerCode;
        }

        return (code, message);
    }

    /// <summary>Reads the code and message of a table service JSON error body, or returns nulls.</summary>
    public static (string? Code, string? Message) ParseTableError(ReadOnlySpan<byte> body)
    {
        try
        {
            var reader = new Utf8JsonReader(body);
            using var document = JsonDocument.ParseValue(ref reader);
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("odata.error", out var error)
                && error.ValueKind == JsonValueKind.Object)
            {
                var code = error.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null;
                string? message = null;
                if (error.TryGetProperty("message", out var m))
                {
                    message = m.ValueKind switch
                    {
                        JsonValueKind.Object when m.TryGetProperty("value", out var v) && v.ValueKind == JsonValueKind.String => v.GetString(),
                        JsonValueKind.String => m.GetString(),
                        _ => null,
                    };
                }

                return (code, message);
            }
        }
        catch (JsonException)
        {
            // Not JSON: the caller falls back to the status line.
        }

        return (null, null);
    }

    private static (string? Code, string? Message) ParseQueueError(ReadOnlySpan<byte> body)
    {
        try
        {
            using var stream = new MemoryStream(body.ToArray());
            var root = XDocument.Load(stream).Root;
            if (root is not null && root.Name.LocalName == "Error")
            {
                return (root.Element("Code")?.Value, root.Element("Message")?.Value);
            }
        }
        catch (XmlException)
        {
            // Not XML.
        }

        return (null, null);
    }

    private sealed class StorageErrorDetailsParser : RequestFailedDetailsParser
    {
        public override bool TryParse(Response response, out ResponseError? error, out IDictionary<string, string>? data)
        {
            data = null;
            var (code, message) = Details(response);
            error = new ResponseError(code, message ?? $"{response.Status} {response.ReasonPhrase}");
            return true;
        }
    }
}
