using Automation.Functions.Hosting;
using Microsoft.AspNetCore.Routing.Template;

namespace Automation.Functions.LocalRunner;

/// <summary>The function folders the local runner serves, read once at start.</summary>
internal sealed class LocalFunctionCatalog
{
    private readonly Dictionary<string, FunctionDefinition> _byName = new(StringComparer.OrdinalIgnoreCase);

    public LocalFunctionCatalog(IConfiguration configuration, LocalRunnerPaths paths)
    {
        FunctionsPath = paths.FunctionsPath;
        (Functions, Errors) = FunctionDefinitionReader.ReadAll(FunctionsPath, configuration);
        foreach (var function in Functions)
        {
            _byName[function.Name] = function;
        }

        // Most specific route first, as the host's router orders them.
        HttpRoutes = [.. Functions.Where(f => f.Http is not null).Select(f => new HttpRoute(f)).OrderBy(r => r.Precedence).ThenBy(r => r.Function.Name, StringComparer.Ordinal)];
    }

    public string FunctionsPath { get; }

    public IReadOnlyList<FunctionDefinition> Functions { get; }

    public IReadOnlyList<FunctionLoadError> Errors { get; }

    public IReadOnlyList<HttpRoute> HttpRoutes { get; }

    public IEnumerable<FunctionDefinition> Timers => Functions.Where(f => f.Timer is not null);

    public IEnumerable<FunctionDefinition> Queues => Functions.Where(f => f.Queue is not null);

    public bool TryGet(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out FunctionDefinition? function) =>
        _byName.TryGetValue(name, out function);
}

/// <summary>An HTTP function's route template (relative to the route prefix) and methods.</summary>
internal sealed class HttpRoute
{
    private readonly TemplateMatcher _matcher;
    private readonly RouteTemplate _template;

    public HttpRoute(FunctionDefinition function)
    {
        Function = function;
        _template = TemplateParser.Parse(function.Http!.Route);
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

    public FunctionDefinition Function { get; }

    public decimal Precedence { get; }

    public bool AllowsMethod(string method) =>
        Function.Http!.Methods is not { } methods || methods.Contains(method, StringComparer.OrdinalIgnoreCase);

    /// <summary>Matches <paramref name="path"/> (below the route prefix), inline constraints included.</summary>
    public bool TryMatch(HttpContext context, PathString path, IInlineConstraintResolver constraints, out RouteValueDictionary values)
    {
        values = [];
        if (!_matcher.TryMatch(path, values))
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

/// <summary>Where the local runner reads its function folders from.</summary>
/// <param name="FunctionsPath"><c>LocalRunner:FunctionsPath</c>, default <c>&lt;app root&gt;/functions</c>.</param>
internal sealed record LocalRunnerPaths(string FunctionsPath)
{
    public const string FunctionsPathSetting = "LocalRunner:FunctionsPath";

    public static LocalRunnerPaths From(IConfiguration configuration, AppEnvironment environment) =>
        new(Path.GetFullPath(configuration[FunctionsPathSetting] is { Length: > 0 } path ? path : "functions", environment.AppRoot));
}
