using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using MimeKit;
using SmtpServer;
using SmtpServer.Authentication;
using SmtpServer.Mail;
using SmtpServer.Net;
using SmtpServer.Protocol;
using SmtpServer.Storage;
using SmtpServerHost = SmtpServer.SmtpServer;

namespace Automation.Functions.Tests.Support;

/// <summary>
/// A shop's SMTP server for tests: a real SMTP server (SmtpServer) on a free loopback port, in plain text, that signs
/// in one account, records every mail that reaches DATA, and can be told to answer the next ones with an error code
/// instead of 250 (as a full mailbox, greylisting or a refused recipient would).
/// </summary>
public sealed class MailSink : IAsyncDisposable
{
    public const string Username = "shop-mailer";
    public const string Password = "smtp-password-0123";

    private readonly SmtpServerHost _server;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<int> _plannedReplies = new();
    private Task _running = Task.CompletedTask;

    private MailSink(SmtpServerHost server) => _server = server;

    public int Port { get; private set; }

    /// <summary>Every mail that reached the end of DATA, with the reply it got.</summary>
    public ConcurrentQueue<ReceivedMail> Received { get; } = new();

    /// <summary>The mails answered 250, i.e. taken.</summary>
    public IReadOnlyList<ReceivedMail> Accepted => [.. Received.Where(m => m.Reply == 250)];

    public static async Task<MailSink> StartAsync()
    {
        var started = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var listeners = new EndpointListenerFactory();
        listeners.EndpointStarted += (_, e) => started.TrySetResult(((IPEndPoint)e.LocalEndPoint).Port);

        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(listeners);
        services.Add(new DelegatingUserAuthenticator((user, password) => user == Username && password == Password));
        var store = new RecordingStore();
        services.Add(store);

        var options = new SmtpServerOptionsBuilder()
            .ServerName("mail-sink.test")
            .Endpoint(endpoint => endpoint
                .Endpoint(new IPEndPoint(IPAddress.Loopback, 0))
                .AllowUnsecureAuthentication(true)
                .AuthenticationRequired(true))
            .Build();
        var sink = new MailSink(new SmtpServerHost(options, services));
        store.Sink = sink;
        sink._running = sink._server.StartAsync(sink._stop.Token);
        sink.Port = await started.Task.WaitAsync(TimeSpan.FromSeconds(10));
        return sink;
    }

    /// <summary>Answers the next mails' DATA with these reply codes (e.g. 451, 554), then 250 again.</summary>
    public void FailNext(params int[] replies)
    {
        foreach (var reply in replies)
        {
            _plannedReplies.Enqueue(reply);
        }
    }

    public async Task<IReadOnlyList<ReceivedMail>> WaitForReceivedAsync(int count, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (Received.Count < count && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        return [.. Received];
    }

    public async ValueTask DisposeAsync()
    {
        _server.Shutdown();
        await _stop.CancelAsync();
        try
        {
            await _running.WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (OperationCanceledException)
        {
            // Stopping is what was asked for.
        }

        _stop.Dispose();
    }

    private sealed class RecordingStore : IMessageStore
    {
        public MailSink Sink { get; set; } = null!;

        public Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            using var stream = new MemoryStream(buffer.ToArray());
            var reply = Sink._plannedReplies.TryDequeue(out var planned) ? planned : 250;
            Sink.Received.Enqueue(new ReceivedMail(
                MimeMessage.Load(stream, cancellationToken),
                transaction.From.AsAddress(),
                [.. transaction.To.Select(to => to.AsAddress())],
                context.Authentication.User,
                reply));
            return Task.FromResult(reply == 250 ? SmtpResponse.Ok : new SmtpResponse((SmtpReplyCode)reply, "planned failure"));
        }
    }
}

/// <summary>A mail as the server received it: the message, the envelope, the account that sent it and the reply it got.</summary>
public sealed record ReceivedMail(MimeMessage Message, string EnvelopeFrom, IReadOnlyList<string> EnvelopeTo, string? SignedInAs, int Reply);
