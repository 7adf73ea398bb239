namespace Automation.Core;

/// <summary>Collects every problem found while validating one input, in the order found.</summary>
internal sealed class ValidationErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool Any => _errors.Count > 0;

    /// <summary>How many problems were added so far (lets a nested validator tell whether it added any).</summary>
    public int Count => _errors.Values.Sum(messages => messages.Count);

    public void Add(string path, string message)
    {
        if (!_errors.TryGetValue(path, out var messages))
        {
            messages = [];
            _errors.Add(path, messages);
        }

        messages.Add(message);
    }

    public bool Has(string path) => _errors.ContainsKey(path);

    /// <summary>The failure with every error collected, or the value <paramref name="build"/> makes when there is none.</summary>
    public ValidationResult<T> ToResult<T>(Func<T> build)
        where T : class
        => Any ? ToFailure<T>() : ValidationResult.Success(build());

    public ValidationResult<T> ToFailure<T>()
        where T : class
        => ValidationResult.Failure<T>(_errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal));
}
