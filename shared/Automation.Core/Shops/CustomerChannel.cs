namespace Automation.Core.Shops;

/// <summary>The shop's endpoint that delivers messages to its customers, and the secret that signs them.</summary>
public sealed record CustomerChannel(Uri Url, string Secret)
{
    // Keep the secret out of logs and exception messages.
    public override string ToString() => $"CustomerChannel {{ Url = {Url}, Secret = *** }}";
}
