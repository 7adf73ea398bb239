using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace Automation.Functions.Hosting;

/// <summary>The trigger kinds the handler serves in payload mode (HTTP functions are forwarded instead).</summary>
public enum FunctionTriggerKind
{
    Timer,
    Queue,
}

/// <summary>A timer or queue function known to the handler, keyed by its function (folder) name.</summary>
public sealed record FunctionRegistration(string Name, FunctionTriggerKind Kind);

/// <summary>Registration of timer and queue functions: <c>services.AddTimerFunction&lt;T&gt;("Name")</c>.</summary>
public static partial class FunctionServiceCollectionExtensions
{
    /// <summary>Registers <typeparamref name="TFunction"/> as the timer function <paramref name="name"/> (its function.json folder name).</summary>
    public static IServiceCollection AddTimerFunction<TFunction>(this IServiceCollection services, string name)
        where TFunction : class, ITimerFunction
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton(new FunctionRegistration(ValidateName(name), FunctionTriggerKind.Timer));
        services.AddKeyedScoped<ITimerFunction, TFunction>(name);
        return services;
    }

    /// <summary>Registers <typeparamref name="TFunction"/> as the queue function <paramref name="name"/> (its function.json folder name).</summary>
    public static IServiceCollection AddQueueFunction<TFunction>(this IServiceCollection services, string name)
        where TFunction : class, IQueueFunction
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton(new FunctionRegistration(ValidateName(name), FunctionTriggerKind.Queue));
        services.AddKeyedScoped<IQueueFunction, TFunction>(name);
        return services;
    }

    private static string ValidateName(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (!FunctionNamePattern().IsMatch(name))
        {
            throw new ArgumentException(
                $"'{name}' is not a valid function name: start with a letter, then letters, digits, '_' or '-' (at most 127).",
                nameof(name));
        }

        return name;
    }

    // The Functions host's own rule for function (folder) names.
    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_-]{0,126}$", RegexOptions.CultureInvariant)]
    private static partial Regex FunctionNamePattern();
}

/// <summary>The registered timer and queue functions, looked up case-insensitively as the host's URLs are.</summary>
internal sealed class FunctionRegistry
{
    private readonly Dictionary<string, FunctionRegistration> _byName = new(StringComparer.OrdinalIgnoreCase);

    public FunctionRegistry(IEnumerable<FunctionRegistration> registrations)
    {
        foreach (var registration in registrations)
        {
            if (!_byName.TryAdd(registration.Name, registration))
            {
                throw new InvalidOperationException($"The function name '{registration.Name}' is registered more than once.");
            }
        }
    }

    public IReadOnlyCollection<FunctionRegistration> All => _byName.Values;

    public bool TryGet(string name, [NotNullWhen(true)] out FunctionRegistration? registration) =>
        _byName.TryGetValue(name, out registration);
}
