using Automation.Functions.Hosting;

namespace Automation.Functions.LocalRunner;

/// <summary>
/// The public surface of the local host, as the Functions host exposes it: <c>/{routePrefix}/...</c> only where an
/// HTTP function's route and methods match, after its <c>authLevel</c> key check; <c>/admin/...</c>; and <c>GET /</c>.
/// A matching request then goes on to the product's endpoint, exactly as a forwarded request would.
/// </summary>
internal sealed class LocalHostGate(
    LocalFunctionCatalog catalog,
    FunctionKeys keys,
    HostSettingsProvider hostSettings,
    IInlineConstraintResolver constraints,
    LocalRunnerToken token)
{
    public Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var request = context.Request;
        if (token.IsPresentOn(request) || request.Path.StartsWithSegments("/admin", StringComparison.OrdinalIgnoreCase))
        {
            return next(context); // the runner's own payload-mode calls, and the admin API (which checks its key)
        }

        var prefix = hostSettings.Current.RoutePrefix;
        var path = request.Path;
        if (prefix.Length > 0 && !request.Path.StartsWithSegments("/" + prefix, StringComparison.OrdinalIgnoreCase, out path))
        {
            return NotFoundAsync(context);
        }

        foreach (var route in catalog.HttpRoutes)
        {
            if (!route.AllowsMethod(request.Method) || !route.TryMatch(context, path, constraints, out _))
            {
                continue;
            }

            if (!keys.IsAuthorized(request, route.Function.Http!.AuthLevel))
            {
                return TypedResults.Problem(
                    title: "Unauthorized",
                    detail: $"This function needs a {(route.Function.Http.AuthLevel == "function" ? "function or master" : "master")} key in the x-functions-key header or the code query parameter.",
                    statusCode: StatusCodes.Status401Unauthorized).ExecuteAsync(context);
            }

            // As the host does when it forwards a request.
            request.Headers[FunctionInvocationHandler.InvocationIdHeader] = Guid.NewGuid().ToString();
            request.Headers["X-Azure-Functions-HostVersion"] = LocalHandlerClient.HostVersion;
            return next(context);
        }

        return NotFoundAsync(context);
    }

    private static Task NotFoundAsync(HttpContext context) =>
        TypedResults.Problem(title: "Not Found", detail: "No function matches this method and path.", statusCode: StatusCodes.Status404NotFound).ExecuteAsync(context);
}
