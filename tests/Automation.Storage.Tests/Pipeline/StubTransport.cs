using System.Diagnostics.CodeAnalysis;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Automation.Storage.Tests.Pipeline;

/// <summary>A transport that records each attempt and answers with canned responses.</summary>
internal sealed class StubTransport : HttpPipelineTransport, IDisposable
{
    private readonly HttpClientTransport _requests = new();
    private readonly Func<int, StubResponse> _respond;
    private int _calls;

    /// <summary>Answers the n-th attempt with the n-th status (the last one repeats), without headers or body.</summary>
    public StubTransport(params int[] statuses) =>
        _respond = n => new StubResponse(statuses.Length == 0 ? 200 : statuses[Math.Min(n, statuses.Length - 1)]);

    /// <summary>Answers the n-th attempt (0-based) with <paramref name="respond"/>(n).</summary>
    public StubTransport(Func<int, StubResponse> respond) => _respond = respond;

    public List<Dictionary<string, string>> Attempts { get; } = [];

    public List<Uri> Uris { get; } = [];

    public Action? OnAttempt { get; set; }

    public override Request CreateRequest() => _requests.CreateRequest();

    public override void Process(HttpMessage message) => ProcessAsync(message).AsTask().GetAwaiter().GetResult();

    public override ValueTask ProcessAsync(HttpMessage message)
    {
        Attempts.Add(message.Request.Headers.ToDictionary(h => h.Name, h => h.Value, StringComparer.OrdinalIgnoreCase));
        Uris.Add(message.Request.Uri.ToUri());
        message.Response = _respond(_calls++);
        OnAttempt?.Invoke();
        return ValueTask.CompletedTask;
    }

    public void Dispose() => _requests.Dispose();
}

internal sealed class StubResponse(int status, string body = "", params (string Name, string Value)[] headers) : Response
{
    public override int Status => status;

    public override string ReasonPhrase => status.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public override Stream? ContentStream { get; set; } = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(body));

    public override string ClientRequestId { get; set; } = string.Empty;

    public override void Dispose()
    {
    }

    protected override bool ContainsHeader(string name) => TryGetHeader(name, out _);

    protected override IEnumerable<HttpHeader> EnumerateHeaders() => headers.Select(h => new HttpHeader(h.Name, h.Value));

    protected override bool TryGetHeader(string name, [NotNullWhen(true)] out string? value)
    {
        value = headers.FirstOrDefault(h => string.Equals(h.Name, name, StringComparison.OrdinalIgnoreCase)).Value;
        return value is not null;
    }

    protected override bool TryGetHeaderValues(string name, [NotNullWhen(true)] out IEnumerable<string>? values)
    {
        values = TryGetHeader(name, out var value) ? [value] : null;
        return values is not null;
    }
}
