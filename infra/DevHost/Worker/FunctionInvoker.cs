using System.Globalization;
using Automation.DevHost.Rpc;

namespace Automation.DevHost.Worker;

/// <summary>
/// Sends an invocation to the worker that is ready (waiting while a dead one is restarted) and waits for its answer,
/// within host.json's <c>functionTimeout</c>. A timed-out invocation is cancelled in the worker (InvocationCancel) and
/// reported as failed, as the host reports it, and so is one in flight when its worker dies (the trigger's own failure
/// handling then runs: a queue message comes back after the visibility timeout). Throws <see cref="WorkerExitedException"/>
/// only when there is no worker any more (the host stops, or gave up restarting it).
/// </summary>
internal sealed class FunctionInvoker(WorkerSupervisor workers, TimeSpan? functionTimeout, TimeProvider timeProvider)
{
    public async Task<InvocationResult> InvokeAsync(LoadedFunction function, InvocationRequest request, CancellationToken cancellationToken)
    {
        var started = timeProvider.GetTimestamp();
        while (true)
        {
            var channel = (await workers.ReadyAsync(cancellationToken)).Channel;
            var pending = channel.RegisterInvocation(request.InvocationId);
            try
            {
                channel.SendInvocation(request);
            }
            catch (WorkerExitedException)
            {
                // Never reached the worker, which died a moment ago: send it to the next one.
                channel.Forget(request.InvocationId);
                continue;
            }

            return await CompleteAsync(function, channel, request.InvocationId, pending, started, cancellationToken);
        }
    }

    /// <summary>Waits for an invocation registered on <paramref name="channel"/> and sent by the caller (the HTTP path, which forwards in between).</summary>
    public async Task<InvocationResult> CompleteAsync(
        LoadedFunction function, WorkerChannel channel, string invocationId, Task<InvocationResponse> pending, long started, CancellationToken cancellationToken)
    {
        using var timeout = functionTimeout is { } limit ? new CancellationTokenSource(limit, timeProvider) : new CancellationTokenSource();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            var response = await channel.WaitForInvocationAsync(invocationId, pending, linked.Token);
            return ToResult(response.Result, timeProvider.GetElapsedTime(started));
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return new InvocationResult(
                false,
                "Failed",
                typeof(TimeoutException).FullName,
                string.Create(CultureInfo.InvariantCulture, $"Timeout value of {functionTimeout} was exceeded by function: {function.Name}"),
                timeProvider.GetElapsedTime(started));
        }
        catch (WorkerExitedException ex) when (!cancellationToken.IsCancellationRequested)
        {
            return new InvocationResult(false, "Failed", typeof(WorkerExitedException).FullName, ex.Message, timeProvider.GetElapsedTime(started));
        }
    }

    internal static InvocationResult ToResult(StatusResult? result, TimeSpan duration)
    {
        var status = result?.Status ?? StatusResult.Types.Status.Failure;
        var exception = result?.Exception;
        return status switch
        {
            StatusResult.Types.Status.Success => new InvocationResult(true, "Succeeded", null, null, duration),
            StatusResult.Types.Status.Cancelled => new InvocationResult(false, "Cancelled", Empty(exception?.Type), Empty(exception?.Message), duration),
            _ => new InvocationResult(false, "Failed", Empty(exception?.Type), Empty(exception?.Message) ?? Empty(result?.Result), duration),
        };
    }

    private static string? Empty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
