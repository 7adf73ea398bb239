using System.Collections;
using System.Diagnostics.CodeAnalysis;
using Azure;

namespace Automation.Storage.Tables;

/// <summary>
/// A table entity: <see cref="PartitionKey"/>, <see cref="RowKey"/> and typed properties, as a dictionary
/// (shaped like Azure.Data.Tables' <c>TableEntity</c>). The dictionary holds <c>PartitionKey</c>, <c>RowKey</c>
/// and the custom properties; <see cref="ETag"/> and <see cref="Timestamp"/> are kept beside it.
/// Supported value types: string, int, long, double, bool, DateTimeOffset, DateTime (UTC), Guid, byte[];
/// null values are not stored.
/// </summary>
[SuppressMessage("Naming", "CA1710:Identifiers should have correct suffix", Justification = "Mirrors Azure.Data.Tables.TableEntity.")]
public sealed class TableEntity : IDictionary<string, object?>
{
    internal const string PartitionKeyName = "PartitionKey";
    internal const string RowKeyName = "RowKey";
    internal const string TimestampName = "Timestamp";

    private readonly Dictionary<string, object?> _properties = new(StringComparer.Ordinal);

    public TableEntity(string partitionKey, string rowKey)
    {
        PartitionKey = partitionKey;
        RowKey = rowKey;
    }

    public string PartitionKey
    {
        get => (string)_properties[PartitionKeyName]!;
        set => _properties[PartitionKeyName] = value ?? throw new ArgumentNullException(nameof(value));
    }

    public string RowKey
    {
        get => (string)_properties[RowKeyName]!;
        set => _properties[RowKeyName] = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>The entity's version as last read or written; the If-Match value for optimistic concurrency.</summary>
    public ETag ETag { get; set; }

    /// <summary>The service's last-modified time (read-only on the service side; never written).</summary>
    public DateTimeOffset? Timestamp { get; set; }

    public ICollection<string> Keys => _properties.Keys;

    public ICollection<object?> Values => _properties.Values;

    public int Count => _properties.Count;

    bool ICollection<KeyValuePair<string, object?>>.IsReadOnly => false;

    public object? this[string key]
    {
        get => _properties[key];
        set => Set(key, value);
    }

    public string? GetString(string key) => Get<string>(key);

    public int? GetInt32(string key) => TryGetValue(key, out var value) && value is not null
        ? value switch
        {
            int i => i,
            long l when l is >= int.MinValue and <= int.MaxValue => (int)l,
            _ => throw WrongType(key, value, "int"),
        }
        : null;

    public long? GetInt64(string key) => TryGetValue(key, out var value) && value is not null
        ? value switch
        {
            long l => l,
            int i => i,
            _ => throw WrongType(key, value, "long"),
        }
        : null;

    public double? GetDouble(string key) => TryGetValue(key, out var value) && value is not null
        ? value switch
        {
            double d => d,
            int i => i, // Another writer may have stored a whole-number double without its Edm.Double annotation.
            long l => l,
            _ => throw WrongType(key, value, "double"),
        }
        : null;

    public bool? GetBoolean(string key) => TryGetValue(key, out var value) && value is not null
        ? value as bool? ?? throw WrongType(key, value, "bool")
        : null;

    public DateTimeOffset? GetDateTimeOffset(string key) => TryGetValue(key, out var value) && value is not null
        ? value switch
        {
            DateTimeOffset d => d,
            DateTime d => new DateTimeOffset(DateTime.SpecifyKind(d, DateTimeKind.Utc)),
            _ => throw WrongType(key, value, "DateTimeOffset"),
        }
        : null;

    public Guid? GetGuid(string key) => TryGetValue(key, out var value) && value is not null
        ? value as Guid? ?? throw WrongType(key, value, "Guid")
        : null;

    public byte[]? GetBinary(string key) => Get<byte[]>(key);

    public void Add(string key, object? value)
    {
        if (_properties.ContainsKey(key))
        {
            throw new ArgumentException($"The entity already has a property named '{key}'.", nameof(key));
        }

        Set(key, value);
    }

    public bool ContainsKey(string key) => _properties.ContainsKey(key);

    /// <summary>Removes a custom property. <c>PartitionKey</c> and <c>RowKey</c> cannot be removed.</summary>
    public bool Remove(string key)
    {
        if (IsKeyName(key))
        {
            throw new NotSupportedException($"'{key}' cannot be removed from an entity.");
        }

        return _properties.Remove(key);
    }

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out object? value) => _properties.TryGetValue(key, out value);

    /// <summary>Removes every custom property; <c>PartitionKey</c> and <c>RowKey</c> stay.</summary>
    public void Clear()
    {
        var (partitionKey, rowKey) = (PartitionKey, RowKey);
        _properties.Clear();
        (PartitionKey, RowKey) = (partitionKey, rowKey);
    }

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => _properties.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    void ICollection<KeyValuePair<string, object?>>.Add(KeyValuePair<string, object?> item) => Add(item.Key, item.Value);

    bool ICollection<KeyValuePair<string, object?>>.Contains(KeyValuePair<string, object?> item) =>
        ((ICollection<KeyValuePair<string, object?>>)_properties).Contains(item);

    void ICollection<KeyValuePair<string, object?>>.CopyTo(KeyValuePair<string, object?>[] array, int arrayIndex) =>
        ((ICollection<KeyValuePair<string, object?>>)_properties).CopyTo(array, arrayIndex);

    bool ICollection<KeyValuePair<string, object?>>.Remove(KeyValuePair<string, object?> item) =>
        ((ICollection<KeyValuePair<string, object?>>)this).Contains(item) && Remove(item.Key);

    private static bool IsKeyName(string key) => key is PartitionKeyName or RowKeyName;

    private void Set(string key, object? value)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        if (IsKeyName(key))
        {
            _properties[key] = value as string ?? throw new ArgumentException($"'{key}' must be a non-null string.", nameof(value));
            return;
        }

        if (key == TimestampName || key.StartsWith("odata.", StringComparison.Ordinal) || key.Contains('@', StringComparison.Ordinal))
        {
            throw new ArgumentException(
                $"'{key}' is not a valid property name: Timestamp and odata.* are set by the service (see the Timestamp and ETag properties).",
                nameof(key));
        }

        _properties[key] = value;
    }

    private T? Get<T>(string key)
        where T : class =>
        TryGetValue(key, out var value) && value is not null
            ? value as T ?? throw WrongType(key, value, typeof(T).Name)
            : null;

    private static InvalidOperationException WrongType(string key, object value, string expected) =>
        new($"The entity property '{key}' is a {value.GetType().Name}, not a {expected}.");
}
