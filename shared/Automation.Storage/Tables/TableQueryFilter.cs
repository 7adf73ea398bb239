using System.Globalization;

namespace Automation.Storage.Tables;

/// <summary>Formats interpolated values as typed OData literals, so a value can never change a filter's meaning.</summary>
internal static class TableQueryFilter
{
    public static string Create(FormattableString filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var arguments = filter.GetArguments();
        var literals = new object?[arguments.Length];
        for (var i = 0; i < arguments.Length; i++)
        {
            literals[i] = ToLiteral(arguments[i], i);
        }

        return string.Format(CultureInfo.InvariantCulture, filter.Format, literals);
    }

    internal static string ToLiteral(object? value, int position = 0) => value switch
    {
        null => throw new ArgumentException(
            $"Filter value {position} is null; tables cannot compare with null (an absent property never matches).", nameof(value)),
        string s => Quote(s),
        char c => Quote(c.ToString()),
        bool b => b ? "true" : "false",
        int i => i.ToString(CultureInfo.InvariantCulture),
        short i => i.ToString(CultureInfo.InvariantCulture),
        byte i => i.ToString(CultureInfo.InvariantCulture),
        long l => l.ToString(CultureInfo.InvariantCulture) + "L",
        double d => FormatDouble(d, position),
        float f => FormatDouble(f, position),
        DateTimeOffset d => $"datetime'{TableEntityJson.FormatDateTime(d, $"Filter value {position}")}'",
        DateTime d => $"datetime'{TableEntityJson.FormatDateTime(TableEntityJson.ToUtc(d, $"Filter value {position}"), $"Filter value {position}")}'",
        Guid g => $"guid'{g:D}'",
        byte[] bytes => $"X'{Convert.ToHexStringLower(bytes)}'",
        _ => throw new ArgumentException(
            $"Filter value {position} has the unsupported type {value.GetType().Name}; use string, bool, int, long, double, " +
            "DateTimeOffset, DateTime (UTC), Guid or byte[]. Format anything else yourself and pass it as a string.",
            nameof(value)),
    };

    private static string Quote(string s) => "'" + s.Replace("'", "''", StringComparison.Ordinal) + "'";

    private static string FormatDouble(double d, int position)
    {
        if (!double.IsFinite(d))
        {
            throw new ArgumentException($"Filter value {position} is {d}; only finite doubles can be compared.", nameof(d));
        }

        var text = d.ToString("R", CultureInfo.InvariantCulture);

        // Keep a decimal point so that the literal is an Edm.Double, not an Edm.Int32.
        return text.AsSpan().ContainsAny(".E") ? text : text + ".0";
    }
}
