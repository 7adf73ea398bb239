using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Azure;

namespace Automation.Storage.Tables;

/// <summary>
/// Entity JSON in the OData "minimal metadata" dialect: values whose type JSON cannot carry get a
/// <c>Name@odata.type</c> annotation (Int64 as a string, Double always, DateTime, Guid, Binary).
/// </summary>
internal static class TableEntityJson
{
    private const string TypeSuffix = "@odata.type";
    private const string DateTimeFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    /// <summary>The earliest instant Azure tables accept for Edm.DateTime.</summary>
    internal static readonly DateTimeOffset MinDateTime = new(1601, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static byte[] Serialize(TableEntity entity)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Write(writer, entity);
        }

        return buffer.WrittenSpan.ToArray();
    }

    public static void Write(Utf8JsonWriter writer, TableEntity entity)
    {
        writer.WriteStartObject();
        foreach (var (name, value) in entity)
        {
            switch (value)
            {
                case null:
                    break; // Absent and null are the same thing in a table.
                case string s:
                    writer.WriteString(name, s);
                    break;
                case int i:
                    writer.WriteNumber(name, i);
                    break;
                case long l:
                    writer.WriteString(name + TypeSuffix, "Edm.Int64");
                    writer.WriteString(name, l.ToString(CultureInfo.InvariantCulture));
                    break;
                case double d:
                    // Always annotated so that 2.0 stays a double instead of reading back as Int32.
                    writer.WriteString(name + TypeSuffix, "Edm.Double");
                    if (double.IsFinite(d))
                    {
                        writer.WriteNumber(name, d);
                    }
                    else
                    {
                        writer.WriteString(name, double.IsNaN(d) ? "NaN" : d > 0 ? "Infinity" : "-Infinity");
                    }

                    break;
                case bool b:
                    writer.WriteBoolean(name, b);
                    break;
                case DateTimeOffset dto:
                    writer.WriteString(name + TypeSuffix, "Edm.DateTime");
                    writer.WriteString(name, FormatDateTime(dto, name));
                    break;
                case DateTime dt:
                    writer.WriteString(name + TypeSuffix, "Edm.DateTime");
                    writer.WriteString(name, FormatDateTime(ToUtc(dt, name), name));
                    break;
                case Guid g:
                    writer.WriteString(name + TypeSuffix, "Edm.Guid");
                    writer.WriteString(name, g.ToString("D"));
                    break;
                case byte[] bytes:
                    writer.WriteString(name + TypeSuffix, "Edm.Binary");
                    writer.WriteBase64String(name, bytes);
                    break;
                default:
                    throw new ArgumentException(
                        $"The entity property '{name}' has the unsupported type {value.GetType().Name}; use string, int, long, double, " +
                        "bool, DateTimeOffset, DateTime (UTC), Guid or byte[].",
                        nameof(entity));
            }
        }

        writer.WriteEndObject();
    }

    /// <summary>Converts a DateTime for storage: Local is refused (ambiguous); Unspecified is taken as UTC.</summary>
    internal static DateTimeOffset ToUtc(DateTime value, string name) => value.Kind == DateTimeKind.Local
        ? throw new ArgumentException(
            $"'{name}' is a DateTime of kind Local; pass a DateTimeOffset or a DateTime of kind Utc.", nameof(value))
        : new DateTimeOffset(DateTime.SpecifyKind(value, DateTimeKind.Utc));

    internal static string FormatDateTime(DateTimeOffset value, string name) => value < MinDateTime
        ? throw new ArgumentException($"'{name}' is {value:O}; Azure tables only store dates from 1601-01-01 UTC.", nameof(value))
        : value.UtcDateTime.ToString(DateTimeFormat, CultureInfo.InvariantCulture);

    public static TableEntity Read(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException("The table service returned an entity that is not a JSON object.");
        }

        Dictionary<string, string>? types = null;
        foreach (var property in element.EnumerateObject())
        {
            if (property.Name.EndsWith(TypeSuffix, StringComparison.Ordinal) && property.Value.ValueKind == JsonValueKind.String)
            {
                types ??= new Dictionary<string, string>(StringComparer.Ordinal);
                types[property.Name[..^TypeSuffix.Length]] = property.Value.GetString()!;
            }
        }

        var partitionKey = element.TryGetProperty(TableEntity.PartitionKeyName, out var pk) ? pk.GetString() ?? string.Empty : string.Empty;
        var rowKey = element.TryGetProperty(TableEntity.RowKeyName, out var rk) ? rk.GetString() ?? string.Empty : string.Empty;
        var entity = new TableEntity(partitionKey, rowKey);

        foreach (var property in element.EnumerateObject())
        {
            var name = property.Name;
            if (name is TableEntity.PartitionKeyName or TableEntity.RowKeyName || name.Contains('@', StringComparison.Ordinal))
            {
                continue;
            }

            if (name.StartsWith("odata.", StringComparison.Ordinal))
            {
                if (name == "odata.etag" && property.Value.GetString() is { } etag)
                {
                    entity.ETag = new ETag(etag);
                }

                continue;
            }

            var type = types?.GetValueOrDefault(name);
            if (name == TableEntity.TimestampName)
            {
                entity.Timestamp = property.Value.ValueKind == JsonValueKind.String ? ParseDateTime(property.Value.GetString()!) : null;
                continue;
            }

            var value = ReadValue(property.Value, type, name);
            if (value is not null)
            {
                entity[name] = value;
            }
        }

        return entity;
    }

    private static object? ReadValue(JsonElement value, string? type, string name)
    {
        try
        {
            return (value.ValueKind, type) switch
            {
                (JsonValueKind.Null, _) => null,
                (JsonValueKind.True, _) => true,
                (JsonValueKind.False, _) => false,
                (JsonValueKind.String, "Edm.Int64") => long.Parse(value.GetString()!, NumberStyles.Integer, CultureInfo.InvariantCulture),
                (JsonValueKind.String, "Edm.Int32") => int.Parse(value.GetString()!, NumberStyles.Integer, CultureInfo.InvariantCulture),
                (JsonValueKind.String, "Edm.Double") => ParseDouble(value.GetString()!),
                (JsonValueKind.String, "Edm.DateTime") => ParseDateTime(value.GetString()!),
                (JsonValueKind.String, "Edm.Guid") => Guid.Parse(value.GetString()!),
                (JsonValueKind.String, "Edm.Binary") => value.GetBytesFromBase64(),
                (JsonValueKind.String, _) => value.GetString(),
                (JsonValueKind.Number, "Edm.Double") => value.GetDouble(),
                (JsonValueKind.Number, "Edm.Int64") => value.GetInt64(),
                (JsonValueKind.Number, _) => ReadPlainNumber(value),
                _ => throw new FormatException($"unexpected JSON {value.ValueKind}"),
            };
        }
        catch (FormatException e)
        {
            throw new FormatException($"The table service returned an unreadable value for '{name}' ({type ?? "untyped"}): {e.Message}", e);
        }
    }

    private static object ReadPlainNumber(JsonElement value)
    {
        var raw = value.GetRawText();
        var isInteger = !raw.AsSpan().ContainsAny(".eE");
        // Each branch boxes on its own: a ?: chain would promote the int to double.
        if (isInteger && value.TryGetInt32(out var i))
        {
            return i;
        }

        if (isInteger && value.TryGetInt64(out var l))
        {
            return l;
        }

        return value.GetDouble();
    }

    private static double ParseDouble(string text) => text switch
    {
        "NaN" => double.NaN,
        "Infinity" or "INF" => double.PositiveInfinity,
        "-Infinity" or "-INF" => double.NegativeInfinity,
        _ => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture),
    };

    private static DateTimeOffset ParseDateTime(string text) =>
        DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
}
