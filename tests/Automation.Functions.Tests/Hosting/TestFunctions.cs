using System.Collections.Concurrent;
using Automation.Functions.Hosting;

namespace Automation.Functions.Tests.Hosting;

/// <summary>What the test functions saw, shared by a test and the app it runs (registered as a singleton).</summary>
internal sealed class InvocationLog
{
    private readonly ConcurrentQueue<(string Function, object Trigger, int Instance)> _entries = new();

    public IReadOnlyList<(string Function, object Trigger, int Instance)> Entries => [.. _entries];

    public void Add(string function, object trigger, object instance)
    {
        _entries.Enqueue((function, trigger, System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(instance)));
    }

    public IReadOnlyList<T> Of<T>(string function) =>
        [.. _entries.Where(e => e.Function == function).Select(e => e.Trigger).OfType<T>()];

    /// <summary>Waits until <paramref name="function"/> has been invoked at least <paramref name="count"/> times.</summary>
    public async Task<IReadOnlyList<T>> WaitForAsync<T>(string function, int count, TimeSpan? timeout = null)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (Of<T>(function).Count < count)
        {
            if (waited.Elapsed > (timeout ?? TimeSpan.FromSeconds(30)))
            {
                throw new TimeoutException($"{function} was invoked {Of<T>(function).Count} times, expected {count}.");
            }

            await Task.Delay(20);
        }

        return Of<T>(function);
    }
}

internal sealed class RecordingTimerFunction(InvocationLog log) : ITimerFunction
{
    public const string Name = "RecordingTimer";

    public Task RunAsync(TimerTriggerInfo timer, CancellationToken cancellationToken)
    {
        log.Add(Name, timer, this);
        return Task.CompletedTask;
    }
}

internal sealed class RecordingQueueFunction(InvocationLog log) : IQueueFunction
{
    public const string Name = "RecordingQueue";

    public Task RunAsync(QueueTriggerMessage message, CancellationToken cancellationToken)
    {
        log.Add(Name, message, this);
        return Task.CompletedTask;
    }
}

internal sealed class FailingQueueFunction(InvocationLog log) : IQueueFunction
{
    public const string Name = "FailingQueue";

    public Task RunAsync(QueueTriggerMessage message, CancellationToken cancellationToken)
    {
        log.Add(Name, message, this);
        throw new InvalidOperationException("This function always fails.");
    }
}

internal sealed class FailingTimerFunction(InvocationLog log) : ITimerFunction
{
    public const string Name = "FailingTimer";

    public Task RunAsync(TimerTriggerInfo timer, CancellationToken cancellationToken)
    {
        log.Add(Name, timer, this);
        throw new InvalidOperationException("This function always fails.");
    }
}

/// <summary>A timer whose first run lasts 6 minutes of the test's fake clock (it moves the clock itself).</summary>
internal sealed class SlowTimerFunction(InvocationLog log, TimeProvider time) : ITimerFunction
{
    public const string Name = "SlowTimer";

    public Task RunAsync(TimerTriggerInfo timer, CancellationToken cancellationToken)
    {
        if (log.Of<TimerTriggerInfo>(Name).Count == 0 && time is Microsoft.Extensions.Time.Testing.FakeTimeProvider fake)
        {
            fake.Advance(TimeSpan.FromMinutes(6));
        }

        log.Add(Name, timer, this);
        return Task.CompletedTask;
    }
}

/// <summary>Holds <see cref="GatedQueueFunction"/> runs until the test opens it.</summary>
internal sealed class FunctionGate
{
    private readonly TaskCompletionSource _open = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Open() => _open.TrySetResult();

    public Task WaitAsync(CancellationToken cancellationToken) => _open.Task.WaitAsync(cancellationToken);
}

/// <summary>A queue function that records the message, then waits for its <see cref="FunctionGate"/>.</summary>
internal sealed class GatedQueueFunction(InvocationLog log, FunctionGate gate) : IQueueFunction
{
    public const string Name = "GatedQueue";

    public async Task RunAsync(QueueTriggerMessage message, CancellationToken cancellationToken)
    {
        log.Add(Name, message, this);
        await gate.WaitAsync(cancellationToken);
    }
}
