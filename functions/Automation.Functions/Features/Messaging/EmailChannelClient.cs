using System.Globalization;
using System.Net.Sockets;
using Automation.Core.Messaging;
using Automation.Core.Shops;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Automation.Functions.Features.Messaging;

/// <summary>
/// Delivers messages to buyers by email through the shop's SMTP server (MailKit): a multipart/alternative mail with
/// the text and the HTML of one template, and a Message-ID derived from the message id (<see cref="EmailMessage.MessageIdFor"/>).
/// <para>One attempt per delivery, bounded by <see cref="MessageDeliveryOptions.AttemptTimeout"/>: a server that
/// answers 4xx (greylisting, a full queue) wants minutes, which is the queue's redelivery, not a quick retry here.
/// SMTP has no idempotency key, so the outbox claim is what keeps a message from going twice; what it cannot close is
/// a crash (or a lost connection) after the server accepted the mail and before the send was recorded: the retry then
/// sends it again, with the same Message-ID, which mail systems and readers recognise as the same message.</para>
/// <para>The connection goes through <see cref="OutboundEndpointGuard"/> like every HTTP channel's: the host is
/// resolved again and connected only to an allowed address.</para>
/// </summary>
internal sealed partial class EmailChannelClient(
    OutboundEndpointGuard guard,
    TimeProvider time,
    IOptions<MessageDeliveryOptions> options,
    ILogger<EmailChannelClient> logger)
{
    public async Task<DeliveryResult> DeliverAsync(EmailCustomerChannel channel, OutgoingMessage message, CancellationToken cancellationToken)
    {
        if (EmailMessage.TryCompose(channel, message, out var whyNot) is not { } email)
        {
            // Nothing a retry could change (no address for this buyer, or a public reply): refused, so it shows as failed.
            return new DeliveryResult(DeliveryOutcome.Refused, whyNot);
        }

        MimeMessage mail;
        try
        {
            mail = ToMime(email, time.GetUtcNow());
        }
        catch (ParseException)
        {
            // MimeKit reads an address differently from our check (an exotic local part): it cannot be sent as it is.
            return new DeliveryResult(DeliveryOutcome.Refused, "invalid_address");
        }

        using (mail)
        {
            return await SendAsync(channel.Smtp, mail, message.MessageId, cancellationToken);
        }
    }

    private async Task<DeliveryResult> SendAsync(SmtpServerSettings smtp, MimeMessage mail, string messageId, CancellationToken cancellationToken)
    {
        var attemptTimeout = options.Value.AttemptTimeout;
        using var timeout = new CancellationTokenSource(attemptTimeout, time);
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        using var client = new SmtpClient { Timeout = (int)attemptTimeout.TotalMilliseconds };
        try
        {
            var socket = await guard.ConnectSocketAsync(smtp.Host, smtp.Port, attempt.Token);
            try
            {
                await client.ConnectAsync(socket, smtp.Host, smtp.Port, SocketOptions(smtp.Security), attempt.Token);
            }
            catch
            {
                // The client owns the socket only once connected.
                socket.Dispose();
                throw;
            }

            if (smtp.Username is { } username)
            {
                await client.AuthenticateAsync(username, smtp.Password ?? string.Empty, attempt.Token);
            }

            await client.SendAsync(mail, attempt.Token);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return Transient("timeout");
        }
        catch (NonPublicEndpointException)
        {
            // The host now resolves inside the network: never retried, as for HTTP channels.
            return Refused("non_public_address");
        }
        catch (SmtpCommandException e)
        {
            // 5xx is the server's final word on this mail (a refused recipient, sender or content); 4xx asks to try later.
            // Only the code is kept: the server's text may quote the buyer's address.
            var code = (int)e.StatusCode;
            var error = "smtp_" + code.ToString(CultureInfo.InvariantCulture);
            return code is >= 500 and < 600 ? Refused(error, code) : Transient(error, code);
        }
        catch (AuthenticationException)
        {
            // Wrong credentials fail every retry the same way until ops fix the settings: visible at once.
            return Refused("smtp_authentication_failed");
        }
        catch (SslHandshakeException)
        {
            // An invalid certificate (or no TLS where tls was set) is the server's configuration, not a passing fault.
            return Refused("smtp_tls_failed");
        }
        catch (NotSupportedException)
        {
            // security starttls, and the server offers no STARTTLS: the mail would go in the clear.
            return Refused("smtp_starttls_unsupported");
        }
        catch (SmtpProtocolException)
        {
            return Transient("smtp_protocol");
        }
        catch (Exception e) when (e is IOException or SocketException or TimeoutException or ServiceNotConnectedException)
        {
            return Transient("network");
        }

        // Delivered: the server took the mail. A failed goodbye changes nothing about that.
        try
        {
            await client.DisconnectAsync(quit: true, attempt.Token);
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or SmtpProtocolException or SmtpCommandException)
        {
            LogDisconnectFailed(logger, messageId);
        }

        return new DeliveryResult(DeliveryOutcome.Delivered, null);

        DeliveryResult Refused(string error, int? code = null)
        {
            LogSmtpFailure(logger, messageId, error, code);
            return new DeliveryResult(DeliveryOutcome.Refused, error);
        }

        DeliveryResult Transient(string error, int? code = null)
        {
            LogSmtpFailure(logger, messageId, error, code);
            return new DeliveryResult(DeliveryOutcome.Transient, error);
        }
    }

    /// <summary>The mail as MimeKit writes it: multipart/alternative (text first, then HTML), UTF-8, encoded as the server allows.</summary>
    internal static MimeMessage ToMime(EmailMessage email, DateTimeOffset date)
    {
        var mail = new MimeMessage();
        mail.From.Add(new MailboxAddress(email.From.Name ?? string.Empty, email.From.Address));
        if (email.ReplyTo is { } replyTo)
        {
            mail.ReplyTo.Add(new MailboxAddress(string.Empty, replyTo));
        }

        mail.To.Add(new MailboxAddress(email.To.Name ?? string.Empty, email.To.Address));
        mail.Subject = email.Subject;
        mail.MessageId = email.MessageId;
        mail.Date = date;

        // RFC 3834: sent by the product, not a person, so auto-responders (out-of-office replies) leave it alone.
        mail.Headers.Add("Auto-Submitted", "auto-generated");
        mail.Body = new BodyBuilder { TextBody = email.Text, HtmlBody = email.Html }.ToMessageBody();
        return mail;
    }

    private static SecureSocketOptions SocketOptions(SmtpSecurity security) => security switch
    {
        SmtpSecurity.Tls => SecureSocketOptions.SslOnConnect,

        // StartTls, not StartTlsWhenAvailable: a server that stops offering it must not make the mail go in the clear.
        SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
        SmtpSecurity.None => SecureSocketOptions.None,
        _ => throw new ArgumentOutOfRangeException(nameof(security), security, "Unknown SMTP security."),
    };

    [LoggerMessage(EventId = 3101, Level = LogLevel.Information, Message = "Message {MessageId}: the SMTP server did not take it ({Error}, reply {ReplyCode})")]
    private static partial void LogSmtpFailure(ILogger logger, string messageId, string error, int? replyCode);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Debug, Message = "Message {MessageId} was sent; closing the SMTP session failed, which changes nothing")]
    private static partial void LogDisconnectFailed(ILogger logger, string messageId);
}
