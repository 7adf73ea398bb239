namespace Automation.DevHost.Output;

/// <summary>
/// Where every line the host shows goes (the console or <see cref="DevHostOptions.Output"/>), one line at a time.
/// Values registered as secrets (the function keys) are masked in every line, so neither the host's nor the
/// worker's output can leak them.
/// </summary>
internal sealed class OutputSink(Action<string>? output)
{
    private const string Mask = "***";
    private readonly Lock _lock = new();
    private string[] _secrets = [];

    /// <summary>Masks <paramref name="secret"/> from now on (short values are ignored: masking them would garble text).</summary>
    public void AddSecret(string? secret)
    {
        if (secret is { Length: >= 8 })
        {
            lock (_lock)
            {
                _secrets = [.. _secrets, secret];
            }
        }
    }

    /// <summary>Masks the registered secrets in <paramref name="text"/>.</summary>
    public string Redact(string text)
    {
        foreach (var secret in Volatile.Read(ref _secrets))
        {
            text = text.Replace(secret, Mask, StringComparison.Ordinal);
        }

        return text;
    }

    public void WriteLine(string line)
    {
        line = Redact(line);
        lock (_lock)
        {
            try
            {
                if (output is null)
                {
                    Console.Out.WriteLine(line);
                }
                else
                {
                    output(line);
                }
            }
            catch (Exception ex) when (ex is ObjectDisposedException or InvalidOperationException)
            {
                // A test's output helper that is already gone (a line arriving after the test ended): nothing to show it on.
            }
        }
    }
}
