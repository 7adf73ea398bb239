using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using Automation.Storage.Pipeline;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Automation.Storage.Queues;

/// <summary>
/// One storage queue over the Queue REST API. Every method is one REST call (one billed transaction).
/// Failures throw <see cref="RequestFailedException"/> with the service's status, error code and message.
/// </summary>
public sealed class QueueClient
{
    /// <summary>The largest message the service stores: 64 KiB of encoded text.</summary>
    public const int MaxEncodedMessageBytes = 64 * 1024;

    private static readonly TimeSpan MaxVisibilityTimeout = TimeSpan.FromDays(7);
    private static readonly XmlWriterSettings XmlSettings = new()
    {
        OmitXmlDeclaration = true,
        Encoding = new UTF8Encoding(false),
        CheckCharacters = true,

        // XML parsers turn CR LF into LF; entitized CRs survive the round trip.
        NewLineHandling = NewLineHandling.Entitize,
    };

    private readonly HttpPipeline _pipeline;
    private readonly string _queueUrl;

    internal QueueClient(HttpPipeline pipeline, string endpoint, string queueName, QueueMessageEncoding messageEncoding)
    {
        ValidateQueueName(queueName);
        if (!Enum.IsDefined(messageEncoding))
        {
            throw new ArgumentOutOfRangeException(nameof(messageEncoding), messageEncoding, null);
        }

        _pipeline = pipeline;
        _queueUrl = endpoint + "/" + queueName;
        Name = queueName;
        MessageEncoding = messageEncoding;
    }

    public string Name { get; }

    public QueueMessageEncoding MessageEncoding { get; }

    /// <summary>
    /// True when a message operation failed because the caller's lease (pop receipt) is no longer valid:
    /// someone else received the message, it was deleted, or its receipt was replaced by an update.
    /// Azure answers 404 <c>MessageNotFound</c>; Azurite answers 400 <c>PopReceiptMismatch</c>.
    /// </summary>
    public static bool IsLeaseLost(RequestFailedException e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return (e.Status == 404 && e.ErrorCode == "MessageNotFound") || (e.Status == 400 && e.ErrorCode == "PopReceiptMismatch");
    }

    /// <summary>Creates the queue; an existing queue is fine.</summary>
    public async Task CreateIfNotExistsAsync(CancellationToken ct = default)
    {
        using var message = CreateMessage(RequestMethod.Put, _queueUrl);
        await _pipeline.SendAsync(message, ct);
        var response = message.Response;

        // 204: it already exists with the same (no) metadata; 409: it exists with other metadata. Either way it exists.
        if (response.Status is 201 or 204 || (response.Status == 409 && ErrorCode(response) == "QueueAlreadyExists"))
        {
            return;
        }

        throw StorageErrors.CreateException(response);
    }

    /// <summary>Deletes the queue and its messages. Returns false when it did not exist.</summary>
    public async Task<bool> DeleteIfExistsAsync(CancellationToken ct = default)
    {
        using var message = CreateMessage(RequestMethod.Delete, _queueUrl);
        await _pipeline.SendAsync(message, ct);
        return message.Response.Status switch
        {
            204 => true,
            404 => false,
            _ => throw StorageErrors.CreateException(message.Response),
        };
    }

    /// <summary>
    /// Puts a message. <paramref name="visibilityTimeout"/> delays its delivery (0 to 7 days);
    /// <paramref name="timeToLive"/> null keeps the service default (7 days), <see cref="Timeout.InfiniteTimeSpan"/>
    /// or -1 s means it never expires. A retried put after a lost response can enqueue the message twice.
    /// </summary>
    /// <exception cref="ArgumentException">The encoded message is larger than 64 KiB (48 KiB of text with Base64).</exception>
    public async Task<SendReceipt> SendMessageAsync(
        string messageText, TimeSpan? visibilityTimeout = null, TimeSpan? timeToLive = null, CancellationToken ct = default)
    {
        var body = MessageBody(messageText);
        var query = new List<string>(2);
        if (visibilityTimeout is { } visibility)
        {
            query.Add("visibilitytimeout=" + Seconds(visibility, TimeSpan.Zero, MaxVisibilityTimeout, nameof(visibilityTimeout)));
        }

        if (timeToLive is { } ttl)
        {
            query.Add("messagettl=" + TimeToLiveSeconds(ttl));
        }

        var url = _queueUrl + "/messages" + (query.Count == 0 ? string.Empty : "?" + string.Join('&', query));
        using var message = CreateMessage(RequestMethod.Post, url, body);
        await _pipeline.SendAsync(message, ct);
        var response = message.Response;
        if (response.Status != 201)
        {
            throw StorageErrors.CreateException(response);
        }

        var element = ReadMessages(response).FirstOrDefault()
            ?? throw new RequestFailedException(response.Status, "The queue service returned no message receipt.");
        return new SendReceipt(
            Text(element, "MessageId"),
            Text(element, "PopReceipt"),
            Time(element, "InsertionTime") ?? default,
            Time(element, "ExpirationTime") ?? default,
            Time(element, "TimeNextVisible") ?? default);
    }

    /// <summary>
    /// Receives (leases) up to <paramref name="maxMessages"/> visible messages, hiding them for
    /// <paramref name="visibilityTimeout"/> (service default 30 s). An empty list when none is visible.
    /// </summary>
    public async Task<IReadOnlyList<QueueMessage>> ReceiveMessagesAsync(
        int maxMessages = 1, TimeSpan? visibilityTimeout = null, CancellationToken ct = default)
    {
        ValidateMaxMessages(maxMessages);
        var url = FormattableString.Invariant($"{_queueUrl}/messages?numofmessages={maxMessages}");
        if (visibilityTimeout is { } visibility)
        {
            url += "&visibilitytimeout=" + Seconds(visibility, TimeSpan.FromSeconds(1), MaxVisibilityTimeout, nameof(visibilityTimeout));
        }

        using var message = CreateMessage(RequestMethod.Get, url);
        await _pipeline.SendAsync(message, ct);
        var response = message.Response;
        if (response.Status != 200)
        {
            throw StorageErrors.CreateException(response);
        }

        return ReadMessages(response)
            .Select(e => new QueueMessage(
                Text(e, "MessageId"),
                Text(e, "PopReceipt"),
                Decode(Text(e, "MessageText")),
                DequeueCount(e),
                Time(e, "InsertionTime"),
                Time(e, "ExpirationTime"),
                Time(e, "TimeNextVisible")))
            .ToList();
    }

    /// <summary>Looks at up to <paramref name="maxMessages"/> visible messages without leasing them.</summary>
    public async Task<IReadOnlyList<PeekedMessage>> PeekMessagesAsync(int maxMessages = 1, CancellationToken ct = default)
    {
        ValidateMaxMessages(maxMessages);
        using var message = CreateMessage(
            RequestMethod.Get, FormattableString.Invariant($"{_queueUrl}/messages?peekonly=true&numofmessages={maxMessages}"));
        await _pipeline.SendAsync(message, ct);
        var response = message.Response;
        if (response.Status != 200)
        {
            throw StorageErrors.CreateException(response);
        }

        return ReadMessages(response)
            .Select(e => new PeekedMessage(
                Text(e, "MessageId"),
                Decode(Text(e, "MessageText")),
                DequeueCount(e),
                Time(e, "InsertionTime"),
                Time(e, "ExpirationTime")))
            .ToList();
    }

    /// <summary>
    /// Deletes a received message. Throws when the lease is lost (see <see cref="IsLeaseLost"/>), which also
    /// happens when a retried delete's first attempt succeeded.
    /// </summary>
    public async Task DeleteMessageAsync(string messageId, string popReceipt, CancellationToken ct = default)
    {
        using var message = CreateMessage(RequestMethod.Delete, MessageUrl(messageId, popReceipt));
        await _pipeline.SendAsync(message, ct);
        if (message.Response.Status != 204)
        {
            throw StorageErrors.CreateException(message.Response);
        }
    }

    /// <summary>
    /// Changes a received message's visibility (e.g. extends the lease, or 0 to release it now) and optionally its
    /// text. The old pop receipt stops working: use the returned one.
    /// </summary>
    public async Task<UpdateReceipt> UpdateMessageAsync(
        string messageId, string popReceipt, TimeSpan visibilityTimeout, string? messageText = null, CancellationToken ct = default)
    {
        var url = MessageUrl(messageId, popReceipt)
            + "&visibilitytimeout=" + Seconds(visibilityTimeout, TimeSpan.Zero, MaxVisibilityTimeout, nameof(visibilityTimeout));
        using var message = CreateMessage(RequestMethod.Put, url, messageText is null ? null : MessageBody(messageText));
        await _pipeline.SendAsync(message, ct);
        var response = message.Response;
        if (response.Status != 204)
        {
            throw StorageErrors.CreateException(response);
        }

        var newReceipt = response.Headers.TryGetValue("x-ms-popreceipt", out var receipt)
            ? receipt
            : throw new RequestFailedException(response.Status, "The queue service returned no pop receipt.");
        var nextVisible = response.Headers.TryGetValue("x-ms-time-next-visible", out var next) ? ParseTime(next) : null;
        return new UpdateReceipt(newReceipt, nextVisible ?? default);
    }

    /// <summary>Deletes every message in the queue.</summary>
    public async Task ClearMessagesAsync(CancellationToken ct = default)
    {
        using var message = CreateMessage(RequestMethod.Delete, _queueUrl + "/messages");
        await _pipeline.SendAsync(message, ct);
        if (message.Response.Status != 204)
        {
            throw StorageErrors.CreateException(message.Response);
        }
    }

    /// <summary>The approximate number of messages, visible or not (the service's own estimate).</summary>
    public async Task<int> GetApproximateMessageCountAsync(CancellationToken ct = default)
    {
        using var message = CreateMessage(RequestMethod.Get, _queueUrl + "?comp=metadata");
        await _pipeline.SendAsync(message, ct);
        var response = message.Response;
        if (response.Status != 200)
        {
            throw StorageErrors.CreateException(response);
        }

        return response.Headers.TryGetValue("x-ms-approximate-messages-count", out var count)
            && int.TryParse(count, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new RequestFailedException(response.Status, "The queue service returned no approximate message count.");
    }

    internal static void ValidateQueueName(string queueName)
    {
        ArgumentNullException.ThrowIfNull(queueName);
        var valid = queueName.Length is >= 3 and <= 63
            && queueName.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-')
            && queueName[0] != '-'
            && queueName[^1] != '-'
            && !queueName.Contains("--", StringComparison.Ordinal);
        if (!valid)
        {
            throw new ArgumentException(
                $"'{queueName}' is not a valid queue name: use 3-63 lowercase letters, digits and single hyphens, " +
                "starting and ending with a letter or digit.",
                nameof(queueName));
        }
    }

    /// <summary>The Put/Update body; checks the size and XML-legality of the encoded text.</summary>
    internal byte[] MessageBody(string messageText)
    {
        ArgumentNullException.ThrowIfNull(messageText);
        var encoded = MessageEncoding == QueueMessageEncoding.Base64
            ? Convert.ToBase64String(Encoding.UTF8.GetBytes(messageText))
            : messageText;
        var size = Encoding.UTF8.GetByteCount(encoded);
        if (size > MaxEncodedMessageBytes)
        {
            throw new ArgumentException(
                $"The message is {size} bytes once encoded ({MessageEncoding}); a queue message holds at most {MaxEncodedMessageBytes} bytes" +
                (MessageEncoding == QueueMessageEncoding.Base64 ? " (48 KiB of UTF-8 text before Base64)." : "."),
                nameof(messageText));
        }

        using var stream = new MemoryStream(size + 64);
        try
        {
            using var writer = XmlWriter.Create(stream, XmlSettings);
            writer.WriteStartElement("QueueMessage");
            writer.WriteElementString("MessageText", encoded);
            writer.WriteEndElement();
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException(
                "The message contains characters XML cannot carry; use QueueMessageEncoding.Base64 for arbitrary text.", nameof(messageText), e);
        }

        return stream.ToArray();
    }

    internal string Decode(string text)
    {
        if (MessageEncoding == QueueMessageEncoding.None)
        {
            return text;
        }

        // A message that is not Base64 (e.g. put by a writer using no encoding) is returned as is rather than failing
        // the whole receive batch; the consumer's own parsing then decides whether it is poison.
        var buffer = new byte[text.Length * 3 / 4 + 3];
        return Convert.TryFromBase64String(text, buffer, out var written) ? Encoding.UTF8.GetString(buffer, 0, written) : text;
    }

    private string MessageUrl(string messageId, string popReceipt)
    {
        ArgumentException.ThrowIfNullOrEmpty(messageId);
        ArgumentException.ThrowIfNullOrEmpty(popReceipt);

        // Percent-encoded: receipts are Base64 and Azurite reads '+' in a query value as a space.
        return $"{_queueUrl}/messages/{Uri.EscapeDataString(messageId)}?popreceipt={Uri.EscapeDataString(popReceipt)}";
    }

    private static void ValidateMaxMessages(int maxMessages)
    {
        if (maxMessages is < 1 or > 32)
        {
            throw new ArgumentOutOfRangeException(nameof(maxMessages), maxMessages, "Between 1 and 32 messages can be taken at once.");
        }
    }

    private static string Seconds(TimeSpan value, TimeSpan min, TimeSpan max, string name)
    {
        if (value < min || value > max)
        {
            throw new ArgumentOutOfRangeException(name, value, $"Must be between {min} and {max}.");
        }

        // Whole seconds on the wire; round up so that a sub-second value never becomes "0".
        return ((long)Math.Ceiling(value.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
    }

    private static string TimeToLiveSeconds(TimeSpan ttl)
    {
        if (ttl == Timeout.InfiniteTimeSpan || ttl == TimeSpan.FromSeconds(-1))
        {
            return "-1";
        }

        if (ttl < TimeSpan.FromSeconds(1))
        {
            throw new ArgumentOutOfRangeException(nameof(ttl), ttl, "The time to live is at least 1 second, or infinite (-1 s).");
        }

        return ((long)Math.Ceiling(ttl.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
    }

    private HttpMessage CreateMessage(RequestMethod method, string url, byte[]? body = null)
    {
        var message = _pipeline.CreateMessage();
        var request = message.Request;
        request.Method = method;
        request.Uri.Reset(new Uri(url));
        request.Headers.SetValue("x-ms-version", StorageClientOptions.ServiceVersion);
        if (body is not null)
        {
            request.Headers.SetValue(HttpHeader.Names.ContentType, "application/xml");
            request.Content = RequestContent.Create(body);
        }

        return message;
    }

    private static List<XElement> ReadMessages(Response response)
    {
        try
        {
            using var stream = response.Content.ToStream();
            var root = XDocument.Load(stream).Root;
            return root?.Elements("QueueMessage").ToList() ?? [];
        }
        catch (XmlException e)
        {
            throw new RequestFailedException(response.Status, "The queue service returned unreadable XML.", e);
        }
    }

    private static string Text(XElement message, string name) => message.Element(name)?.Value ?? string.Empty;

    private static long DequeueCount(XElement message) =>
        long.TryParse(Text(message, "DequeueCount"), NumberStyles.None, CultureInfo.InvariantCulture, out var count) ? count : 0;

    private static DateTimeOffset? Time(XElement message, string name) => ParseTime(message.Element(name)?.Value);

    private static DateTimeOffset? ParseTime(string? text) =>
        DateTimeOffset.TryParseExact(text, "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value)
            ? value
            : DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out value) ? value : null;

    private static string? ErrorCode(Response response) => StorageErrors.ErrorCodeOf(response);
}
