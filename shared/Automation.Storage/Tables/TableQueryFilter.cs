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

        // "R" is the shortest round-trip form, but it switches to exponent notation outside [1e-5, 1e15)
        // ("1E-05", "1E+20"). Azurite's filter lexer only reads -?[0-9]+(.[0-9]+)? and takes "1E-05" for a
        // property name, so the filter silently matches nothing: write the same digits as a plain decimal.
        var text = d.ToString("R", CultureInfo.InvariantCulture);
        var e = text.IndexOf('E', StringComparison.Ordinal);
        if (e >= 0)
        {
            text = ExpandExponent(text[..e], int.Parse(text[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture));
        }

        // Keep a decimal point so that the literal is an Edm.Double, not an Edm.Int32.
        return text.Contains('.', StringComparison.Ordinal) ? text : text + ".0";
    }

    /// <summary>Turns a mantissa such as <c>-1.25</c> and exponent <c>-7</c> into <c>-0.000000125</c>.</summary>
    private static string ExpandExponent(string mantissa, int exponent)
    {
        var negative = mantissa.StartsWith('-');
        var unsigned = negative ? mantissa[1..] : mantissa;
        var point = unsigned.IndexOf('.', StringComparison.Ordinal);
        var digits = point < 0 ? unsigned : unsigned.Remove(point, 1);
        var newPoint = (point < 0 ? unsigned.Length : point) + exponent;
        var text = newPoint <= 0 ? "0." + new string('0', -newPoint) + digits
            : newPoint >= digits.Length ? digits + new string('0', newPoint - digits.Length)
            : digits[..newPoint] + "." + digits[newPoint..];
        return negative ? "-" + text : text;
    }
}
