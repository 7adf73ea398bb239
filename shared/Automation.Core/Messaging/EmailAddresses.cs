using System.Globalization;
using System.Net.Mail;

namespace Automation.Core.Messaging;

/// <summary>
/// The email addresses the product accepts: a shop's sender and reply-to, and a buyer's address from the order. A bare
/// address (<c>local@domain.tld</c>), no display name, no spaces or control characters (which could fold extra headers
/// into a mail), at most 254 characters (SMTP's path limit), and a domain with a dot (so that a typo like
/// <c>li@example</c> is caught rather than bounced).
/// </summary>
public static class EmailAddresses
{
    public const int MaxLength = 254;

    public static bool IsValid(string? address)
    {
        if (string.IsNullOrEmpty(address) || address.Length > MaxLength
            || address.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            return false;
        }

        // MailAddress also takes a display name ("Shop <a@b.c>") and comments: a bare address parses back unchanged.
        if (!MailAddress.TryCreate(address, out var parsed) || parsed.Address != address || parsed.DisplayName.Length > 0)
        {
            return false;
        }

        return TryAsciiDomain(parsed.Host, out var domain) && domain.Contains('.', StringComparison.Ordinal);
    }

    /// <summary>The domain of a valid address in its ASCII form (punycode for an internationalized one), lowercase.</summary>
    public static string DomainOf(string address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var host = address[(address.LastIndexOf('@') + 1)..];
        return TryAsciiDomain(host, out var domain)
            ? domain
            : throw new ArgumentException("Not a valid email address.", nameof(address));
    }

    /// <summary>Why mail cannot go to a buyer's address from an order (a skip reason), or null when it can.</summary>
    public static string? WhyNotRecipient(string? email) =>
        string.IsNullOrWhiteSpace(email) ? SkipReasons.NoCustomerEmail
        : !IsValid(email.Trim()) ? SkipReasons.InvalidCustomerEmail
        : null;

    private static bool TryAsciiDomain(string host, out string domain)
    {
        try
        {
            domain = new IdnMapping().GetAscii(host).ToLowerInvariant();
            return true;
        }
        catch (ArgumentException)
        {
            // Not a host name (an address literal like [192.0.2.1], an empty label): not an address we send from or to.
            domain = string.Empty;
            return false;
        }
    }
}
