using System.Globalization;

namespace Automation.Core.Messaging;

public static class MessageIds
{
    /// <summary>
    /// The deterministic id of one step of one kind of message for one order: "{shopId}:{orderId}:{kind}:{step}".
    /// Every retry, duplicate webhook or concurrent sweep computes the same id, so the outbox row keyed by it
    /// is the once-only guard. Unambiguous: shop ids and kinds contain no ':' (order ids may).
    /// Uses only characters allowed in Table Storage keys.
    /// </summary>
    public static string For(string shopId, string orderId, string kind, int step)
    {
        ArgumentException.ThrowIfNullOrEmpty(shopId);
        ArgumentException.ThrowIfNullOrEmpty(orderId);
        ArgumentException.ThrowIfNullOrEmpty(kind);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(step);
        if (shopId.Contains(':', StringComparison.Ordinal) || kind.Contains(':', StringComparison.Ordinal))
        {
            throw new ArgumentException("Shop ids and message kinds cannot contain ':'.");
        }

        return string.Create(CultureInfo.InvariantCulture, $"{shopId}:{orderId}:{kind}:{step}");
    }
}
