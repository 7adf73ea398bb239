using System.Collections.Concurrent;
using System.Threading.Channels;
using Automation.DevHost.Rpc;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using GrpcStatus = Grpc.Core.Status;
using RpcException = Grpc.Core.RpcException;
using Microsoft.Extensions.Logging;

namespace Automation.DevHost.Worker;

/// <summary>
/// The host's end of the worker's single EventStream (reference §2): it sends requests, pairs the worker's answers
/// with them (init and metadata by kind, loads by function id, invocations by invocation id) and shows the worker's
/// RpcLog entries. Writes go through one queue because a gRPC stream takes one write at a time.
/// </summary>
internal sealed partial class WorkerChannel
{
    private readonly string _workerId;
    private readonly RpcLogWriter _logWriter;
    private readonly ILogger _logger;
    private readonly Channel<StreamingMessage> _outbound = Channel.CreateUnbounded<StreamingMessage>(new UnboundedChannelOptions { SingleReader = true });
    private readonly TaskCompletionSource _connected = NewSource();
    private readonly TaskCompletionSource _applicationStarted = NewSource();
    private readonly TaskCompletionSource<WorkerInitResponse> _init = NewSource<WorkerInitResponse>();
    private readonly TaskCompletionSource<FunctionMetadataResponse> _metadata = NewSource<FunctionMetadataResponse>();
    private readonly ConcurrentDictionary<string, TaskCompletionSource<FunctionLoadResponse>> _loads = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TaskCompletionSource<InvocationResponse>> _invocations = new(StringComparer.Ordinal);
    private Exception? _failure;
    private int _streams;

    public WorkerChannel(string workerId, RpcLogWriter logWriter, ILogger<WorkerChannel> logger)
    {
        _workerId = workerId;
        _logWriter = logWriter;
        _logger = logger;
    }

    /// <summary>Completes when the worker has opened the stream and said StartStream.</summary>
    public Task Connected => _connected.Task;

    /// <summary>
    /// Completes when the worker's own host has started (its "Application started" log): from then on its HTTP server
    /// listens, and a WorkerTerminate no longer hits it mid-start (which makes the 2.52 worker abort with 134).
    /// </summary>
    public Task ApplicationStarted => _applicationStarted.Task;

    /// <summary>The id this host gave the worker (<c>--functions-worker-id</c>), which its StartStream names.</summary>
    public string WorkerId => _workerId;

    /// <summary>
    /// Serves the worker's EventStream call, after its StartStream, until the worker ends it or
    /// <paramref name="cancellationToken"/> fires.
    /// </summary>
    public async Task RunStreamAsync(IAsyncStreamReader<StreamingMessage> reader, IServerStreamWriter<StreamingMessage> writer, CancellationToken cancellationToken)
    {
        // The 2.52 worker opens exactly one stream; a second one would split the conversation.
        if (Interlocked.Increment(ref _streams) != 1)
        {
            throw new RpcException(new GrpcStatus(StatusCode.FailedPrecondition, "This worker already has a stream."));
        }

        _connected.TrySetResult();
        var writing = WriteAllAsync(writer, cancellationToken);
        try
        {
            while (await reader.MoveNext(cancellationToken))
            {
                Dispatch(reader.Current);
            }

            Fail(new WorkerExitedException("The worker closed its stream.", exitCode: null));
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or RpcException)
        {
            Fail(new WorkerExitedException("The worker's stream broke: " + ex.Message, exitCode: null));
        }
        finally
        {
            _outbound.Writer.TryComplete();
            await writing;
        }
    }

    public async Task<WorkerInitResponse> InitAsync(string scriptRoot, CancellationToken cancellationToken)
    {
        Send(new StreamingMessage
        {
            WorkerInitRequest = new WorkerInitRequest
            {
                HostVersion = DevHostApp.HostVersion,
                WorkerDirectory = scriptRoot,
                FunctionAppDirectory = scriptRoot,
            },
        });
        return await _init.Task.WaitAsync(cancellationToken);
    }

    public async Task<FunctionMetadataResponse> GetMetadataAsync(string scriptRoot, CancellationToken cancellationToken)
    {
        Send(new StreamingMessage { FunctionsMetadataRequest = new FunctionsMetadataRequest { FunctionAppDirectory = scriptRoot } });
        return await _metadata.Task.WaitAsync(cancellationToken);
    }

    /// <summary>One FunctionLoadRequest (the 2.52 worker handles no load collection).</summary>
    public async Task<FunctionLoadResponse> LoadAsync(RpcFunctionMetadata metadata, CancellationToken cancellationToken)
    {
        var pending = _loads.GetOrAdd(metadata.FunctionId, _ => NewSource<FunctionLoadResponse>());
        ThrowIfFailed();
        Send(new StreamingMessage { FunctionLoadRequest = new FunctionLoadRequest { FunctionId = metadata.FunctionId, Metadata = metadata } });
        return await pending.Task.WaitAsync(cancellationToken);
    }

    /// <summary>
    /// Registers an invocation before anything can answer it (for HTTP the forwarded request goes out first), then
    /// <see cref="SendInvocation"/> and <see cref="WaitForInvocationAsync"/>.
    /// </summary>
    public Task<InvocationResponse> RegisterInvocation(string invocationId)
    {
        var pending = NewSource<InvocationResponse>();
        if (!_invocations.TryAdd(invocationId, pending))
        {
            throw new InvalidOperationException($"Invocation {invocationId} is already in flight.");
        }

        // A failure that came first (worker gone) must not leave this one waiting forever.
        if (Volatile.Read(ref _failure) is { } failure)
        {
            pending.TrySetException(failure);
        }

        return pending.Task;
    }

    /// <summary>Drops a registered invocation that was never sent.</summary>
    public void Forget(string invocationId) => _invocations.TryRemove(invocationId, out _);

    public void SendInvocation(InvocationRequest request) => Send(new StreamingMessage { InvocationRequest = request });

    /// <summary>Waits for the answer; when <paramref name="cancellationToken"/> fires first, tells the worker to cancel.</summary>
    public async Task<InvocationResponse> WaitForInvocationAsync(string invocationId, Task<InvocationResponse> pending, CancellationToken cancellationToken)
    {
        try
        {
            return await pending.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            if (Volatile.Read(ref _failure) is null)
            {
                Send(new StreamingMessage { InvocationCancel = new InvocationCancel { InvocationId = invocationId } });
            }

            throw;
        }
        finally
        {
            _invocations.TryRemove(invocationId, out _);
        }
    }

    /// <summary>Asks the worker to shut down (it stops its host and exits 0).</summary>
    public void Terminate(TimeSpan gracePeriod)
    {
        if (Connected.IsCompletedSuccessfully && Volatile.Read(ref _failure) is null)
        {
            Send(new StreamingMessage { WorkerTerminate = new WorkerTerminate { GracePeriod = Duration.FromTimeSpan(gracePeriod) } });
        }
    }

    /// <summary>The worker is gone: everything waiting, and everything asked from now on, fails with <paramref name="failure"/>.</summary>
    public void Fail(Exception failure)
    {
        if (Interlocked.CompareExchange(ref _failure, failure, null) is not null)
        {
            return;
        }

        _connected.TrySetException(failure);
        _init.TrySetException(failure);
        _metadata.TrySetException(failure);
        foreach (var pending in _loads.Values)
        {
            pending.TrySetException(failure);
        }

        foreach (var pending in _invocations.Values)
        {
            pending.TrySetException(failure);
        }

        _outbound.Writer.TryComplete();
    }

    private void Send(StreamingMessage message)
    {
        ThrowIfFailed();
        message.RequestId = Guid.NewGuid().ToString();
        if (!_outbound.Writer.TryWrite(message))
        {
            throw Volatile.Read(ref _failure) ?? new WorkerExitedException("The worker's stream is closed.", exitCode: null);
        }
    }

    private void ThrowIfFailed()
    {
        if (Volatile.Read(ref _failure) is { } failure)
        {
            throw failure;
        }
    }

    private async Task WriteAllAsync(IServerStreamWriter<StreamingMessage> writer, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var message in _outbound.Reader.ReadAllAsync(cancellationToken))
            {
                await writer.WriteAsync(message, cancellationToken);
            }
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or InvalidOperationException or RpcException)
        {
            Fail(new WorkerExitedException("Could not write to the worker's stream: " + ex.Message, exitCode: null));
        }
    }

    private void Dispatch(StreamingMessage message)
    {
        switch (message.ContentCase)
        {
            case StreamingMessage.ContentOneofCase.RpcLog:
                if (message.RpcLog.Category == "Microsoft.Hosting.Lifetime" && message.RpcLog.Message.StartsWith("Application started", StringComparison.Ordinal))
                {
                    _applicationStarted.TrySetResult();
                }

                _logWriter.Write(message.RpcLog);
                break;
            case StreamingMessage.ContentOneofCase.WorkerInitResponse:
                _init.TrySetResult(message.WorkerInitResponse);
                break;
            case StreamingMessage.ContentOneofCase.FunctionMetadataResponse:
                _metadata.TrySetResult(message.FunctionMetadataResponse);
                break;
            case StreamingMessage.ContentOneofCase.FunctionLoadResponse:
                if (_loads.TryGetValue(message.FunctionLoadResponse.FunctionId, out var load))
                {
                    load.TrySetResult(message.FunctionLoadResponse);
                }

                break;
            case StreamingMessage.ContentOneofCase.InvocationResponse:
                // No entry: the caller stopped waiting (cancelled or timed out) and the answer came late.
                if (_invocations.TryGetValue(message.InvocationResponse.InvocationId, out var invocation))
                {
                    invocation.TrySetResult(message.InvocationResponse);
                }

                break;
            case StreamingMessage.ContentOneofCase.None:
                // The worker answers WorkerTerminate and InvocationCancel with an empty message (reference §2, quirk).
                break;
            default:
                LogUnexpectedMessage(_logger, message.ContentCase);
                break;
        }
    }

    private static TaskCompletionSource NewSource() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private static TaskCompletionSource<T> NewSource<T>() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    [LoggerMessage(EventId = 100, Level = LogLevel.Debug, Message = "Ignored a {Content} message from the worker")]
    private static partial void LogUnexpectedMessage(ILogger logger, StreamingMessage.ContentOneofCase content);
}
