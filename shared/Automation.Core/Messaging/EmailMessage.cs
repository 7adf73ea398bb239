using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Automation.Core.Shops;

namespace Automation.Core.Messaging;

/// <summary>A sender or recipient: a bare address and the name shown with it (none when null).</summary>
public sealed record EmailParty(string? Name, string Address)
{
    // The recipient is a buyer: their name and address are personal data.
    public override string ToString() => "EmailParty { *** }";
}

/// <summary>
/// A message to a buyer as a mail: from the shop (its name, the channel's address) to the order's customer email, with
/// the subject of its kind and locale, the text and the HTML rendered from the same template, and a
/// <see cref="MessageId"/> derived from the message's own id, so that every send of one message carries the same one.
/// </summary>
public sealed record EmailMessage(
    string MessageId,
    EmailParty From,
    string? ReplyTo,
    EmailParty To,
    string Subject,
    string Text,
    string Html)
{
    /// <summary>Why a message cannot go out by email: a public reply belongs under the review, not in the buyer's mailbox.</summary>
    public const string PublicReplyNotByEmail = "public_reply_not_by_email";

    public override string ToString() => $"EmailMessage {{ MessageId = {MessageId} }}";

    /// <summary>
    /// The mail for <paramref name="message"/> on <paramref name="channel"/>, or null with the reason it cannot be one
    /// (<see cref="SkipReasons.NoCustomerEmail"/>, <see cref="SkipReasons.InvalidCustomerEmail"/>, <see cref="PublicReplyNotByEmail"/>).
    /// </summary>
    public static EmailMessage? TryCompose(EmailCustomerChannel channel, OutgoingMessage message, out string? whyNot)
    {
        ArgumentNullException.ThrowIfNull(channel);
        ArgumentNullException.ThrowIfNull(message);
        if (message.Public == true)
        {
            whyNot = PublicReplyNotByEmail;
            return null;
        }

        whyNot = EmailAddresses.WhyNotRecipient(message.Customer?.Email);
        if (whyNot is not null)
        {
            return null;
        }

        var shopName = message.ShopName ?? message.ShopId;
        var subject = message.Subject ?? MessageSubjects.For(message.Kind, message.Locale, shopName, message.OrderId);
        var fragment = message.Html ?? WebUtility.HtmlEncode(message.Text).ReplaceLineEndings("<br>\n");
        return new EmailMessage(
            MessageIdFor(message.MessageId, channel.From),
            new EmailParty(shopName, channel.From),
            channel.ReplyTo,
            new EmailParty(string.IsNullOrWhiteSpace(message.Customer!.Name) ? null : message.Customer.Name, message.Customer.Email!.Trim()),
            subject,
            message.Text,
            HtmlDocument(message.Locale, subject, fragment));
    }

    /// <summary>
    /// The Message-ID (without its angle brackets) of every send of one message: 32 hex digits of the SHA-256 of the
    /// message id at the sender's domain. A hash rather than the id itself, because order ids may hold characters a
    /// Message-ID cannot; at the sender's domain, as RFC 5322 asks, so it is unique to the shop that sends it. A retry
    /// after a crash between the send and its record carries the same id, so mail systems and people can tell the
    /// repeat for what it is.
    /// </summary>
    public static string MessageIdFor(string messageId, string fromAddress)
    {
        ArgumentException.ThrowIfNullOrEmpty(messageId);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(messageId));
        return Convert.ToHexStringLower(hash.AsSpan(0, 16)) + "@" + EmailAddresses.DomainOf(fromAddress);
    }

    private static string HtmlDocument(string locale, string subject, string fragment) => string.Create(
        CultureInfo.InvariantCulture,
        $"""
        <!DOCTYPE html>
        <html lang="{WebUtility.HtmlEncode(locale)}">
        <head><meta charset="utf-8"><title>{WebUtility.HtmlEncode(subject)}</title></head>
        <body><p>{fragment}</p></body>
        </html>
        """);
}
