using System.Diagnostics.CodeAnalysis;

namespace Automation.Core;

/// <summary>
/// The outcome of validating untrusted input: either a value, or every problem found, keyed by the
/// camelCase JSON path of the offending field ("timeZone", "order.items[0].quantity").
/// The shape maps directly onto a <c>ValidationProblem</c> response.
/// </summary>
public sealed class ValidationResult<T>
    where T : class
{
    internal static readonly IReadOnlyDictionary<string, string[]> NoErrors = new Dictionary<string, string[]>();

    internal ValidationResult(T? value, IReadOnlyDictionary<string, string[]> errors)
    {
        Value = value;
        Errors = errors;
    }

    [MemberNotNullWhen(true, nameof(Value))]
    public bool IsValid => Value is not null;

    /// <summary>The validated value; null when <see cref="IsValid"/> is false.</summary>
    public T? Value { get; }

    /// <summary>Every problem found, by field path; empty when valid.</summary>
    public IReadOnlyDictionary<string, string[]> Errors { get; }
}

/// <summary>Creates <see cref="ValidationResult{T}"/> values.</summary>
public static class ValidationResult
{
    public static ValidationResult<T> Success<T>(T value)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(value);
        return new ValidationResult<T>(value, ValidationResult<T>.NoErrors);
    }

    public static ValidationResult<T> Failure<T>(IReadOnlyDictionary<string, string[]> errors)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (errors.Count == 0)
        {
            throw new ArgumentException("A failed validation needs at least one error.", nameof(errors));
        }

        return new ValidationResult<T>(null, errors);
    }
}
