using Automation.DevHost.Worker;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Template;

namespace Automation.DevHost.Http;

/// <summary>
/// The HTTP functions' routes below the route prefix, most specific first (as the host's router orders them), with
/// their methods. Route templates are ASP.NET Core templates: <c>shops/{shopId}/orders/{orderId:int?}</c>.
/// </summary>
internal sealed class HttpRouteTable(IEnumerable<LoadedFunction> functions, string routePrefix)
{
    private readonly HttpRoute[] _routes =
        [.. functions.Where(f => f.IsServed && f.Function.TriggerKind == DevHostTriggerKind.Http)
            .Select(f => new HttpRoute(f))
            .OrderBy(r => r.Precedence)
            .ThenBy(r => r.Function.Name, StringComparer.Ordinal)];

    public string RoutePrefix { get; } = routePrefix;

    /// <summary>The function whose route and methods match the request, with the route values; null when none does.</summary>
    public (LoadedFunction Function, RouteValueDictionary Values)? Match(HttpContext context, IInlineConstraintResolver constraints)
    {
        var request = context.Request;
        var path = request.Path;
        if (RoutePrefix.Length > 0 && !request.Path.StartsWithSegments("/" + RoutePrefix, StringComparison.OrdinalIgnoreCase, out path))
        {
            return null;
        }

        foreach (var route in _routes)
        {
            if (route.AllowsMethod(request.Method) && route.TryMatch(context, path, constraints, out var values))
            {
                return (route.Function, values);
            }
        }

        return null;
    }

    private sealed class HttpRoute
    {
        private readonly TemplateMatcher _matcher;
        private readonly RouteTemplate _template;

        public HttpRoute(LoadedFunction function)
        {
            Function = function;
            _template = TemplateParser.Parse(function.Function.Route!);
            var defaults = new RouteValueDictionary();
            foreach (var parameter in _template.Parameters)
            {
                if (parameter.DefaultValue is not null)
                {
                    defaults[parameter.Name!] = parameter.DefaultValue;
                }
            }

            _matcher = new TemplateMatcher(_template, defaults);
            Precedence = RoutePrecedence.ComputeInbound(_template);
        }

        public LoadedFunction Function { get; }

        public decimal Precedence { get; }

        public bool AllowsMethod(string method) =>
            Function.Function.Methods is not { } methods || methods.Contains(method, StringComparer.OrdinalIgnoreCase);

        public bool TryMatch(HttpContext context, PathString path, IInlineConstraintResolver constraints, out RouteValueDictionary values)
        {
            values = [];
            if (!_matcher.TryMatch(path.HasValue ? path : "/", values))
            {
                return false;
            }

            foreach (var parameter in _template.Parameters)
            {
                if (!values.ContainsKey(parameter.Name!))
                {
                    continue; // an optional parameter left out needs no constraint check
                }

                foreach (var inline in parameter.InlineConstraints)
                {
                    var constraint = constraints.ResolveConstraint(inline.Constraint);
                    if (constraint is not null && !constraint.Match(context, null, parameter.Name!, values, RouteDirection.IncomingRequest))
                    {
                        return false;
                    }
                }
            }

            return true;
        }
    }
}
