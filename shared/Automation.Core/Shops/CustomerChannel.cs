namespace Automation.Core.Shops;

/// <summary>
/// How a shop's messages reach its buyers: through the shop's own gateway (<see cref="WebhookCustomerChannel"/>) or by
/// email to each buyer's address (<see cref="EmailCustomerChannel"/>).
/// </summary>
public abstract record CustomerChannel;

/// <summary>The shop's endpoint that delivers messages to its customers, and the secret that signs them.</summary>
public sealed record WebhookCustomerChannel(Uri Url, string Secret) : CustomerChannel
{
    // Keep the secret out of logs and exception messages.
    public override string ToString() => $"WebhookCustomerChannel {{ Url = {Url}, Secret = *** }}";
}

/// <summary>
/// Mail to the buyer's own address (the order's customer email) through the shop's SMTP server, sent as
/// <paramref name="From"/> (a bare address; the display name is the shop's name), answered to <paramref name="ReplyTo"/> if set.
/// </summary>
public sealed record EmailCustomerChannel(SmtpServerSettings Smtp, string From, string? ReplyTo) : CustomerChannel;

/// <summary>How mail leaves for the buyer's mailbox: connection security on the SMTP server's port.</summary>
public enum SmtpSecurity
{
    /// <summary>Plain text; allowed only to this machine (a local SMTP sink), since it would show the password on the way.</summary>
    None,

    /// <summary>Connect in plain text, then upgrade with STARTTLS; the server must offer it (submission, port 587).</summary>
    StartTls,

    /// <summary>TLS from the first byte (implicit TLS, port 465).</summary>
    Tls,
}

/// <summary>The shop's SMTP server. <paramref name="Host"/> is stored in its ASCII form (punycode for an IDN, an IP without brackets).</summary>
public sealed record SmtpServerSettings(string Host, int Port, SmtpSecurity Security, string? Username, string? Password)
{
    // The password is a credential for the shop's mail account: keep it out of logs and exception messages.
    public override string ToString() => $"SmtpServerSettings {{ Host = {Host}, Port = {Port}, Security = {Security}, Username = {Username}, Password = *** }}";
}

/// <summary>The names of <c>customerChannel.type</c>.</summary>
public static class CustomerChannelTypes
{
    public const string Webhook = "webhook";
    public const string Email = "email";
}

/// <summary>The API's names of <see cref="SmtpSecurity"/> (exact lowercase, like every name in the API) and each one's usual port.</summary>
public static class SmtpSecurityNames
{
    public static IReadOnlyList<string> All { get; } = ["none", "starttls", "tls"];

    public static string Name(SmtpSecurity security) => security switch
    {
        SmtpSecurity.None => "none",
        SmtpSecurity.StartTls => "starttls",
        SmtpSecurity.Tls => "tls",
        _ => throw new ArgumentOutOfRangeException(nameof(security), security, "Unknown SMTP security."),
    };

    public static bool TryParse(string? name, out SmtpSecurity security)
    {
        (var known, security) = name switch
        {
            "none" => (true, SmtpSecurity.None),
            "starttls" => (true, SmtpSecurity.StartTls),
            "tls" => (true, SmtpSecurity.Tls),
            _ => (false, default),
        };
        return known;
    }

    /// <summary>The port a mode is normally served on: 465 for implicit TLS, 587 for submission with STARTTLS, 25 for plain SMTP.</summary>
    public static int UsualPort(SmtpSecurity security) => security switch
    {
        SmtpSecurity.Tls => 465,
        SmtpSecurity.StartTls => 587,
        _ => 25,
    };

    /// <summary>The mode a port normally speaks when none is given: implicit TLS on 465, STARTTLS anywhere else.</summary>
    public static SmtpSecurity UsualFor(int port) => port == 465 ? SmtpSecurity.Tls : SmtpSecurity.StartTls;
}
