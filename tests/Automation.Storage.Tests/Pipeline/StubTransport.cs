using System.Diagnostics.CodeAnalysis;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Automation.Storage.Tests.Pipeline;

/// <summary>A transport that records each attempt's headers and answers with canned statuses.</summary>
internal sealed class StubTransport(params int[] statuses) : HttpPipelineTransport, IDisposable
{
    private readonly HttpClientTransport _requests = new();
    private int _calls;

    public List<Dictionary<string, string>> Attempts { get; } = [];

    public Action? OnAttempt { get; set; }

    public override Request CreateRequest() => _requests.CreateRequest();

    public override void Process(HttpMessage message) => ProcessAsync(message).AsTask().GetAwaiter().GetResult();

    public override ValueTask ProcessAsync(HttpMessage message)
    {
        Attempts.Add(message.Request.Headers.ToDictionary(h => h.Name, h => h.Value, StringComparer.OrdinalIgnoreCase));
        var status = statuses.Length == 0 ? 200 : statuses[Math.Min(_calls, statuses.Length - 1)];
        _calls++;
        message.Response = new StubResponse(status);
        OnAttempt?.Invoke();
        return ValueTask.CompletedTask;
    }

    public void Dispose() => _requests.Dispose();

    private sealed class StubResponse(int status) : Response
    {
        public override int Status => status;

        public override string ReasonPhrase => status.ToString(System.Globalization.CultureInfo.InvariantCulture);

        public override Stream? ContentStream { get; set; } = new MemoryStream();

        public override string ClientRequestId { get; set; } = string.Empty;

        public override void Dispose()
        {
        }

        protected override bool ContainsHeader(string name) => false;

        protected override IEnumerable<HttpHeader> EnumerateHeaders() => [];

        protected override bool TryGetHeader(string name, [NotNullWhen(true)] out string? value)
        {
            value = null;
            return false;
        }

        protected override bool TryGetHeaderValues(string name, [NotNullWhen(true)] out IEnumerable<string>? values)
        {
            values = null;
            return false;
        }
    }
}
