using System.Buffers;
using System.Collections.Frozen;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Automation.Core.Agents;

/// <summary>
/// The HTTP POST that delivers an agent's list to their channel, ready to send: the URL (for DingTalk with its
/// signature), extra headers (for the product's webhook its signature headers), the JSON body and its content type.
/// </summary>
public sealed record AgentChannelRequest(Uri Url, IReadOnlyDictionary<string, string> Headers, byte[] Body, string ContentType)
{
    /// <summary>How many of the digest's tasks did not fit the channel's limits (the message says "… and N more").</summary>
    public int TasksLeftOut { get; init; }

    // The URL of a robot is its credential: show only where it goes.
    public override string ToString()
        => $"AgentChannelRequest {{ Host = {Url.Host}, Headers = [{string.Join(", ", Headers.Keys)}], Body = {Body.Length} bytes, ContentType = {ContentType}, TasksLeftOut = {TasksLeftOut} }}";
}

/// <summary>
/// Turns an <see cref="AgentDigest"/> into the request its channel expects, in the vendors' published formats
/// (reference: agent-channels.md): a WeCom group robot markdown message, a DingTalk custom robot markdown message
/// (signed when the robot has a secret), a Slack incoming webhook with Block Kit blocks, or the product's own JSON
/// signed like its other outbound messages. Pure: the time to sign with is a parameter.
/// </summary>
public static class AgentChannelMessages
{
    public const string JsonContentType = "application/json; charset=utf-8";

    public static AgentChannelRequest Create(AgentChannel channel, AgentDigest digest, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(channel);
        ArgumentNullException.ThrowIfNull(digest);
        return channel.Type switch
        {
            AgentChannelType.WeCom => WeComRobotMessage.Create(channel.Url, digest),
            AgentChannelType.DingTalk => DingTalkRobotMessage.Create(channel.Url, channel.Secret, digest, now),
            AgentChannelType.Slack => SlackWebhookMessage.Create(channel.Url, digest),
            AgentChannelType.Webhook => AgentWebhookMessage.Create(channel.Url, channel.Secret, digest, now),
            _ => throw new ArgumentOutOfRangeException(nameof(channel), channel.Type, "Unknown channel type."),
        };
    }
}

/// <summary>JSON writing shared by the formats: UTF-8, CJK and markup written as is (the vendors' byte limits count it so).</summary>
internal static class ChannelJson
{
    // Only what JSON itself requires is escaped (quotes, backslash, controls): the bodies go to JSON APIs, never into
    // HTML, so the default encoder's HTML-safe escapes (<font> as \u003Cfont) would only cost bytes against the
    // vendors' limits and make the bodies differ from the published examples.
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static byte[] Write(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            write(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The bytes <paramref name="text"/> takes inside a JSON string as written here (escapes included).</summary>
    public static int EncodedLength(string text) => JsonEncodedText.Encode(text, Options.Encoder).EncodedUtf8Bytes.Length;

    // Read-only for real: one instance is shared by every robot request.
    public static IReadOnlyDictionary<string, string> NoHeaders { get; } = FrozenDictionary<string, string>.Empty;
}

/// <summary>
/// Fits a list into a size limit: the header, then whole tasks in order while they fit, then a footer that says how
/// many were left out. Cuts only between tasks, so no tag, link or surrogate pair is ever split.
/// </summary>
internal static class DigestLayout
{
    /// <param name="measure">The size of a piece; additive over concatenation (UTF-8 bytes, JSON bytes, characters).</param>
    public static (string Text, int LeftOut) Fit(
        string header,
        IReadOnlyList<string> tasks,
        Func<int, string> footer,
        Func<string, int> measure,
        int limit)
    {
        var sizes = tasks.Select(measure).ToList();
        var fixedSize = measure(header);
        if (fixedSize + sizes.Sum() + measure(footer(0)) <= limit)
        {
            return (header + string.Concat(tasks) + footer(0), 0);
        }

        // Reserve room for the longest footer ("… and N more" with N = all of them has the most digits).
        var budget = limit - fixedSize - measure(footer(tasks.Count));
        var builder = new StringBuilder(header);
        var included = 0;
        while (included < tasks.Count && sizes[included] <= budget)
        {
            builder.Append(tasks[included]);
            budget -= sizes[included];
            included++;
        }

        builder.Append(footer(tasks.Count - included));
        return (builder.ToString(), tasks.Count - included);
    }

    public static int Utf8Bytes(string text) => Encoding.UTF8.GetByteCount(text);
}
