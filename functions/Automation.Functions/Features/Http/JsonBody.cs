using System.Buffers;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Automation.Functions.Features.Http;

/// <summary>Reads a JSON request body within a size limit, keeping the raw bytes (signatures are checked on them).</summary>
internal static class JsonBody
{
    public static bool IsJson(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var media)
        && (string.Equals(media.MediaType, "application/json", StringComparison.OrdinalIgnoreCase)
            || (media.MediaType?.EndsWith("+json", StringComparison.OrdinalIgnoreCase) ?? false));

    /// <summary>The body's bytes, or null when it is longer than <paramref name="maxBytes"/>.</summary>
    public static async Task<byte[]?> ReadLimitedAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        if (request.ContentLength > maxBytes)
        {
            return null;
        }

        var buffer = new ArrayBufferWriter<byte>(request.ContentLength is { } length and > 0 ? (int)length : 4096);
        var chunk = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (buffer.WrittenCount + read > maxBytes)
                {
                    return null;
                }

                buffer.Write(chunk.AsSpan(0, read));
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Deserializes, turning malformed JSON into a named field error instead of an exception.</summary>
    public static bool TryDeserialize<T>(ReadOnlySpan<byte> body, JsonTypeInfo<T> typeInfo, out T? value, out KeyValuePair<string, string[]> error)
    {
        try
        {
            value = JsonSerializer.Deserialize(body, typeInfo);
            error = default;
            return true;
        }
        catch (JsonException e)
        {
            value = default;
            var field = string.IsNullOrEmpty(e.Path) || e.Path == "$" ? "body" : e.Path.TrimStart('$', '.');
            var where = e.LineNumber is { } line ? $" (line {line + 1}, position {e.BytePositionInLine + 1})" : "";
            error = new(field, [$"The body is not valid JSON for this request{where}."]);
            return false;
        }
    }
}
