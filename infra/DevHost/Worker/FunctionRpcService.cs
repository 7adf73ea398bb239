using Automation.DevHost.Rpc;
using Grpc.Core;

namespace Automation.DevHost.Worker;

/// <summary>The gRPC service the worker calls (the worker is the client): hands its one stream to the channel.</summary>
internal sealed class FunctionRpcService(WorkerChannel channel, GrpcServerLifetime lifetime) : FunctionRpc.FunctionRpcBase
{
    public override async Task EventStream(IAsyncStreamReader<StreamingMessage> requestStream, IServerStreamWriter<StreamingMessage> responseStream, ServerCallContext context)
    {
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, lifetime.Stopping);
        await channel.RunStreamAsync(requestStream, responseStream, stopping.Token);
    }
}

/// <summary>Ends the worker's stream when the host stops, rather than waiting for the server's shutdown timeout.</summary>
internal sealed class GrpcServerLifetime : IDisposable
{
    private readonly CancellationTokenSource _stopping = new();

    public CancellationToken Stopping => _stopping.Token;

    public void Stop() => _stopping.Cancel();

    public void Dispose() => _stopping.Dispose();
}
