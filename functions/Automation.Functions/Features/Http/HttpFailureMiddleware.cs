using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;

namespace Automation.Functions.Features.Http;

/// <summary>
/// An HTTP function that throws (storage unavailable, a bug) answers 500 problem+json, so that a shop's webhook sender
/// knows to send the event again. Without this, the ASP.NET Core integration completes the request with whatever the
/// function wrote, which is nothing: a 200 with an empty body, and the sender would take the event as accepted.
/// The exception is rethrown, so the invocation still fails in the host's logs and telemetry.
/// </summary>
internal sealed partial class HttpFailureMiddleware(ILogger<HttpFailureMiddleware> logger) : IFunctionsWorkerMiddleware
{
    private static readonly ProblemHttpResult Failure = TypedResults.Problem(
        statusCode: StatusCodes.Status500InternalServerError,
        title: "Internal error",
        detail: "The request could not be completed and nothing was stored; send it again.");

    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        try
        {
            await next(context);
        }
        catch (Exception ex) when (ex is not OperationCanceledException && context.GetHttpContext() is { Response.HasStarted: false } http)
        {
            LogFailed(logger, context.FunctionDefinition.Name, ex.GetType().Name);
            await Failure.ExecuteAsync(http);
            throw;
        }
    }

    [LoggerMessage(EventId = 2900, Level = LogLevel.Error, Message = "{FunctionName} failed with {ExceptionType}; answered 500")]
    private static partial void LogFailed(ILogger logger, string functionName, string exceptionType);
}
