using System.Globalization;
using System.Net;
using Automation.Core.Messaging;

namespace Automation.Core.Shops;

/// <summary>Checks <c>customerChannel</c> of type <c>email</c>: the SMTP server, the sender and the reply-to address.</summary>
internal static class EmailChannelValidator
{
    public const int MaxCredentialLength = 256;

    public static EmailCustomerChannel? Validate(CustomerChannelInput input, CustomerChannel? existing, ValidationErrors errors, string path)
    {
        var before = errors.Count;
        if (input.Url is not null)
        {
            errors.Add(path + ".url", "An email channel sends through smtp, not to a URL; leave url out (or use type webhook).");
        }

        if (input.Secret is not null)
        {
            errors.Add(path + ".secret", "An email channel has no signing secret; the SMTP password goes in smtp.password.");
        }

        var smtp = ValidateSmtp(input.Smtp, (existing as EmailCustomerChannel)?.Smtp, errors, path + ".smtp");

        if (string.IsNullOrWhiteSpace(input.From))
        {
            errors.Add(path + ".from", "The sender's address is required, e.g. \"service@shop.example\".");
        }
        else if (!EmailAddresses.IsValid(input.From))
        {
            errors.Add(path + ".from", "Must be a bare email address like \"service@shop.example\" (the display name is the shop's name).");
        }

        if (input.ReplyTo is not null && !EmailAddresses.IsValid(input.ReplyTo))
        {
            errors.Add(path + ".replyTo", "Must be a bare email address like \"help@shop.example\", or left out for replies to go to from.");
        }

        return errors.Count > before || smtp is null ? null : new EmailCustomerChannel(smtp, input.From!, input.ReplyTo);
    }

    private static SmtpServerSettings? ValidateSmtp(SmtpInput? input, SmtpServerSettings? existing, ValidationErrors errors, string path)
    {
        if (input is null)
        {
            errors.Add(path, "The shop's SMTP server is required: {\"host\", \"port\", \"security\", \"username\", \"password\"}.");
            return null;
        }

        var before = errors.Count;
        var host = ValidateHost(input.Host, errors, path + ".host");

        SmtpSecurity? security = null;
        if (input.Security is not null)
        {
            if (SmtpSecurityNames.TryParse(input.Security, out var parsed))
            {
                security = parsed;
            }
            else
            {
                errors.Add(path + ".security", $"'{input.Security}' is not one of {string.Join(", ", SmtpSecurityNames.All)}.");
            }
        }

        if (input.Port is < 1 or > 65535)
        {
            errors.Add(path + ".port", "Must be a TCP port from 1 to 65535 (465 for tls, 587 for starttls).");
        }

        var resolvedSecurity = security ?? SmtpSecurityNames.UsualFor(input.Port ?? SmtpSecurityNames.UsualPort(SmtpSecurity.StartTls));
        var port = input.Port ?? SmtpSecurityNames.UsualPort(resolvedSecurity);

        // Without TLS the password and every buyer's address would cross the network in the clear: only to this machine.
        if (resolvedSecurity == SmtpSecurity.None && host is not null && !IsLoopback(host))
        {
            errors.Add(path + ".security", "Security none is only for a local SMTP server (localhost, 127.0.0.1, [::1]); use starttls or tls.");
        }

        var username = input.Username;
        if (username is not null && (username.Length is 0 or > MaxCredentialLength || username.Any(char.IsControl)))
        {
            errors.Add(path + ".username", $"The username is 1 to {MaxCredentialLength} characters without control characters, or left out to send without signing in.");
        }

        // Write-only like the other secrets, but kept only for the same account on the same server: a password kept
        // across a change of host would be handed to a server it was never meant for.
        var password = input.Password
            ?? (existing is not null
                && string.Equals(existing.Host, host, StringComparison.OrdinalIgnoreCase)
                && string.Equals(existing.Username, username, StringComparison.Ordinal)
                    ? existing.Password
                    : null);
        if (username is not null && string.IsNullOrEmpty(password))
        {
            errors.Add(path + ".password", "The password for this username is required (a stored one is kept only for the same host and username).");
        }
        else if (password is not null && username is null)
        {
            errors.Add(path + ".username", "A password needs the username it signs in as.");
        }
        else if (password is not null && (password.Length > MaxCredentialLength || password.Any(char.IsControl)))
        {
            errors.Add(path + ".password", $"The password is at most {MaxCredentialLength} characters, without control characters.");
        }

        return errors.Count > before || host is null
            ? null
            : new SmtpServerSettings(host, port, resolvedSecurity, username, username is null ? null : password);
    }

    /// <summary>The host in its ASCII form (lowercase, punycode for an IDN, an IP address without brackets), or null if it is none.</summary>
    private static string? ValidateHost(string? text, ValidationErrors errors, string path)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            errors.Add(path, "The SMTP server's host name is required, e.g. \"smtp.shop.example\".");
            return null;
        }

        // Only the full forms of an address literal: IPAddress also reads "123" as 0.0.0.123, and a zone id ties it to this machine.
        var literal = text.Trim('[', ']');
        if (IPAddress.TryParse(literal, out var address) && !literal.Contains('%', StringComparison.Ordinal)
            && (address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 || literal.Count(c => c == '.') == 3))
        {
            return address.ToString();
        }

        if (text.Length <= 253 && text.All(c => !char.IsControl(c) && (char.IsLetterOrDigit(c) || c is '-' or '.' || c > 0x7f)))
        {
            try
            {
                var ascii = new IdnMapping().GetAscii(text.TrimEnd('.')).ToLowerInvariant();
                if (ascii.Split('.').All(label => label.Length is > 0 and <= 63 && !label.StartsWith('-') && !label.EndsWith('-')))
                {
                    return ascii;
                }
            }
            catch (ArgumentException)
            {
                // Not a host name (an empty label, a character IDNA refuses): reported below.
            }
        }

        errors.Add(path, $"'{text}' is not a host name or IP address like \"smtp.shop.example\" (no scheme, port or user).");
        return null;
    }

    private static bool IsLoopback(string host) =>
        host == "localhost" || (IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address));
}
