using System.Globalization;

namespace Automation.Core.Sweep;

/// <summary>
/// When a shop's morning backlog sweep runs, in shop-local wall-clock time: from <see cref="At"/> (default 09:00) the
/// sweep is due once per local day, and tasks still open at <see cref="Deadline"/> (default 12:00, domain.md's "cleared
/// before noon") escalate to a supervisor. Build it with <see cref="MorningSweepSettingsValidator"/>.
/// </summary>
public sealed record MorningSweepSettings(TimeOnly At, TimeOnly Deadline)
{
    public static MorningSweepSettings Default { get; } = new(new TimeOnly(9, 0), new TimeOnly(12, 0));
}

/// <summary>
/// The <c>morningSweep</c> settings as received, e.g. <c>{ "at": "09:00", "deadline": "12:00" }</c>. Both are optional:
/// a missing one is its default.
/// </summary>
public sealed class MorningSweepInput
{
    /// <summary>"HH:mm", shop-local; default "09:00".</summary>
    public string? At { get; set; }

    /// <summary>"HH:mm", shop-local, after <see cref="At"/> on the same day; default "12:00".</summary>
    public string? Deadline { get; set; }

    /// <summary>The input that validates back to <paramref name="settings"/> (for storing settings as JSON and showing them).</summary>
    public static MorningSweepInput From(MorningSweepSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new MorningSweepInput
        {
            At = settings.At.ToString("HH:mm", CultureInfo.InvariantCulture),
            Deadline = settings.Deadline.ToString("HH:mm", CultureInfo.InvariantCulture),
        };
    }
}

/// <summary>
/// Checks <see cref="MorningSweepInput"/> and reports every bad field by its JSON path under <c>morningSweep</c>.
/// Meant to be called from ShopSettingsValidator (the internal overload adds to its errors).
/// </summary>
public static class MorningSweepSettingsValidator
{
    public static ValidationResult<MorningSweepSettings> Validate(MorningSweepInput? input)
    {
        var errors = new ValidationErrors();
        var settings = Validate(input, errors, "morningSweep");
        return errors.ToResult(() => settings!);
    }

    internal static MorningSweepSettings? Validate(MorningSweepInput? input, ValidationErrors errors, string path)
    {
        var defaults = MorningSweepSettings.Default;
        if (input is null)
        {
            return defaults;
        }

        var before = errors.Count;
        var at = input.At is null ? defaults.At : ParseTime(input.At, $"{path}.at", errors);
        var deadline = input.Deadline is null ? defaults.Deadline : ParseTime(input.Deadline, $"{path}.deadline", errors);
        if (at is { } a && deadline is { } d && d <= a)
        {
            // The sweep day is one local date: a deadline past midnight would belong to the next day's sweep.
            errors.Add($"{path}.deadline", $"The deadline must be after the sweep's start ({a.ToString("HH:mm", CultureInfo.InvariantCulture)}) on the same day.");
        }

        return errors.Count > before ? null : new MorningSweepSettings(at!.Value, deadline!.Value);
    }

    private static TimeOnly? ParseTime(string text, string path, ValidationErrors errors)
    {
        if (TimeOnly.TryParseExact(text, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
        {
            return time;
        }

        errors.Add(path, $"'{text}' is not a time \"HH:mm\" from 00:00 to 23:59.");
        return null;
    }
}
