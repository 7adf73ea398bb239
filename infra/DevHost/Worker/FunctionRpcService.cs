using System.Collections.Concurrent;
using Automation.DevHost.Rpc;
using Grpc.Core;
using RpcException = Grpc.Core.RpcException;
using Status = Grpc.Core.Status;

namespace Automation.DevHost.Worker;

/// <summary>
/// The gRPC service the worker calls (the worker is the client). Its first message, StartStream, names the worker; the
/// stream is handed to that worker's channel. A restarted worker connects to the same server with a new id.
/// </summary>
internal sealed class FunctionRpcService(WorkerChannels channels, GrpcServerLifetime lifetime) : FunctionRpc.FunctionRpcBase
{
    public override async Task EventStream(IAsyncStreamReader<StreamingMessage> requestStream, IServerStreamWriter<StreamingMessage> responseStream, ServerCallContext context)
    {
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, lifetime.Stopping);
        if (!await requestStream.MoveNext(stopping.Token) || requestStream.Current.ContentCase != StreamingMessage.ContentOneofCase.StartStream)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, "The first message must be StartStream."));
        }

        var workerId = requestStream.Current.StartStream.WorkerId;
        var channel = channels.Find(workerId) ?? throw new RpcException(new Status(StatusCode.PermissionDenied, $"Unknown worker id {workerId}."));
        await channel.RunStreamAsync(requestStream, responseStream, stopping.Token);
    }
}

/// <summary>The channels of the workers this host started, by worker id: the gRPC service finds a worker's stream's channel here.</summary>
internal sealed class WorkerChannels
{
    private readonly ConcurrentDictionary<string, WorkerChannel> _byId = new(StringComparer.Ordinal);

    public void Add(WorkerChannel channel) => _byId[channel.WorkerId] = channel;

    public void Remove(WorkerChannel channel) => _byId.TryRemove(KeyValuePair.Create(channel.WorkerId, channel));

    /// <summary>The channel for <paramref name="workerId"/>; a StartStream without an id goes to the only worker, if there is one.</summary>
    public WorkerChannel? Find(string? workerId)
    {
        if (!string.IsNullOrEmpty(workerId))
        {
            return _byId.GetValueOrDefault(workerId);
        }

        var all = _byId.Values.Take(2).ToList();
        return all.Count == 1 ? all[0] : null;
    }
}

/// <summary>Ends the workers' streams when the host stops, rather than waiting for the server's shutdown timeout.</summary>
internal sealed class GrpcServerLifetime : IDisposable
{
    private readonly CancellationTokenSource _stopping = new();

    public CancellationToken Stopping => _stopping.Token;

    public void Stop() => _stopping.Cancel();

    public void Dispose() => _stopping.Dispose();
}
