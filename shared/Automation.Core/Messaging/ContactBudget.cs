using Automation.Core.Shops;

namespace Automation.Core.Messaging;

/// <summary>What is known about contacting one customer of a shop: their recent non-transactional messages and any opt-out.</summary>
/// <param name="RecentContacts">When non-transactional messages were sent (claimed) to them, oldest first, within the last window.</param>
/// <param name="OptedOutAt">When they asked for no more such messages; null when they did not.</param>
public sealed record CustomerContacts(IReadOnlyList<DateTimeOffset> RecentContacts, DateTimeOffset? OptedOutAt)
{
    public static CustomerContacts None { get; } = new([], null);
}

/// <summary>
/// The per-customer contact budget shared by every non-transactional message (payment reminders, follow-ups): at most
/// <c>maxPerWindow</c> in any <c>window</c>, and none once the customer opted out. Transactional messages (shipping
/// notices) neither count nor are held back.
/// </summary>
public static class ContactBudget
{
    /// <summary>Why the message may not go out, or null when it may (then record it with <see cref="Record"/>).</summary>
    public static string? WhyNot(ContactBudgetSettings settings, CustomerContacts contacts, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(contacts);
        if (contacts.OptedOutAt is not null)
        {
            return SkipReasons.CustomerOptedOut;
        }

        var windowStart = now - settings.Window;
        return contacts.RecentContacts.Count(at => at > windowStart) >= settings.MaxPerWindow ? SkipReasons.ContactBudgetExceeded : null;
    }

    /// <summary>The contacts with one more at <paramref name="now"/>, keeping only those inside the window (the row stays small).</summary>
    public static CustomerContacts Record(ContactBudgetSettings settings, CustomerContacts contacts, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(contacts);
        var windowStart = now - settings.Window;
        return contacts with { RecentContacts = [.. contacts.RecentContacts.Where(at => at > windowStart).Append(now).Order()] };
    }
}
