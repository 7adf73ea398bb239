using System.Collections.Concurrent;

namespace Automation.DevHost.Tests;

/// <summary>Collects what a host printed, for assertions and for failure messages.</summary>
public sealed class HostOutput
{
    private readonly ConcurrentQueue<string> _lines = new();

    public Action<string> Writer => _lines.Enqueue;

    public IReadOnlyList<string> Lines => [.. _lines];

    public override string ToString() => string.Join(Environment.NewLine, _lines);

    public async Task<string> WaitForLineAsync(Func<string, bool> match, TimeSpan? timeout = null)
    {
        var deadline = DateTimeOffset.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (true)
        {
            if (_lines.FirstOrDefault(match) is { } line)
            {
                return line;
            }

            if (DateTimeOffset.UtcNow > deadline)
            {
                throw new TimeoutException($"No matching line in the host's output:{Environment.NewLine}{this}");
            }

            await Task.Delay(50);
        }
    }
}
