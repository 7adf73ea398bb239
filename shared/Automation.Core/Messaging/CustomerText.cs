using System.Buffers;
using System.Globalization;
using System.Text;

namespace Automation.Core.Messaging;

/// <summary>
/// The rule for text that can reach a customer (shop names, templates, customer names, item titles, skus, carriers,
/// tracking numbers). Characters that can spoof or break a message are not allowed: control characters (C0, DEL, C1;
/// templates may keep line feed, carriage return and tab), bidi embeddings, overrides and isolates (U+202A–U+202E,
/// U+2066–U+2069), zero-width and invisible characters (U+200B–U+200D, U+2060–U+2064, U+FEFF), deprecated format
/// characters (U+206A–U+206F, U+FFF9–U+FFFB), non-characters (U+FDD0–U+FDEF, U+xFFFE, U+xFFFF) and unpaired
/// surrogates. Ops' settings that contain one are refused; event data from a shop's platform is cleaned of them
/// instead, so that an odd character never loses an order.
/// </summary>
public static class CustomerText
{
    /// <summary>The first character not allowed, described for an error message ("U+202E at position 4"), or null (also for no text).</summary>
    public static string? FindForbidden(string? text, bool allowLineBreaks = false)
    {
        var span = text.AsSpan();
        var index = 0;
        while (index < span.Length)
        {
            var status = Rune.DecodeFromUtf16(span[index..], out var rune, out var consumed);
            if (status != OperationStatus.Done)
            {
                return string.Create(CultureInfo.InvariantCulture, $"an unpaired surrogate U+{(int)span[index]:X4} at position {index + 1}");
            }

            if (IsForbidden(rune, allowLineBreaks))
            {
                return string.Create(CultureInfo.InvariantCulture, $"U+{rune.Value:X4} at position {index + 1}");
            }

            index += consumed;
        }

        return null;
    }

    /// <summary>The text without the characters not allowed (unchanged, same instance, when it has none).</summary>
    public static string Clean(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (FindForbidden(text) is null)
        {
            return text;
        }

        var builder = new StringBuilder(text.Length);
        var span = text.AsSpan();
        var index = 0;
        while (index < span.Length)
        {
            var status = Rune.DecodeFromUtf16(span[index..], out var rune, out var consumed);
            if (status == OperationStatus.Done && !IsForbidden(rune, allowLineBreaks: false))
            {
                builder.Append(span.Slice(index, consumed));
            }

            index += consumed;
        }

        return builder.ToString();
    }

    private static bool IsForbidden(Rune rune, bool allowLineBreaks)
    {
        var v = rune.Value;
        if (Rune.GetUnicodeCategory(rune) == UnicodeCategory.Control)
        {
            return !(allowLineBreaks && v is '\n' or '\r' or '\t');
        }

        return v is (>= 0x202A and <= 0x202E) or (>= 0x2066 and <= 0x2069)
            or (>= 0x200B and <= 0x200D) or (>= 0x2060 and <= 0x2064) or 0xFEFF
            or (>= 0x206A and <= 0x206F) or (>= 0xFFF9 and <= 0xFFFB)
            or (>= 0xFDD0 and <= 0xFDEF) || (v & 0xFFFE) == 0xFFFE;
    }
}
