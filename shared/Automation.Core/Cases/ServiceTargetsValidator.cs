using System.Collections.Frozen;
using System.Globalization;
using Automation.Core.Time;

namespace Automation.Core.Cases;

/// <summary>
/// Checks <see cref="ServiceTargetsInput"/> and reports every bad field by its JSON path under <c>slas</c>.
/// Meant to be called from ShopSettingsValidator (the internal overload adds to its errors).
/// </summary>
public static class ServiceTargetsValidator
{
    /// <summary>Targets above this are surely mistakes.</summary>
    public static readonly TimeSpan MaxTarget = TimeSpan.FromDays(30);

    private static readonly FrozenDictionary<string, DayOfWeek> DayNames = new Dictionary<string, DayOfWeek>(StringComparer.Ordinal)
    {
        ["mon"] = DayOfWeek.Monday,
        ["tue"] = DayOfWeek.Tuesday,
        ["wed"] = DayOfWeek.Wednesday,
        ["thu"] = DayOfWeek.Thursday,
        ["fri"] = DayOfWeek.Friday,
        ["sat"] = DayOfWeek.Saturday,
        ["sun"] = DayOfWeek.Sunday,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    public static ValidationResult<ServiceTargets> Validate(ServiceTargetsInput? input)
    {
        var errors = new ValidationErrors();
        var targets = Validate(input, errors, "slas");
        return errors.ToResult(() => targets!);
    }

    /// <summary>The day as written in settings: "mon" to "sun".</summary>
    public static string Name(DayOfWeek day) => DayNames.First(d => d.Value == day).Key;

    internal static ServiceTargets? Validate(ServiceTargetsInput? input, ValidationErrors errors, string path)
    {
        var defaults = ServiceTargets.Default;
        if (input is null)
        {
            return defaults;
        }

        var before = errors.Count;
        var firstResponse = ParseDuration(input.FirstResponse, defaults.FirstResponse, $"{path}.firstResponse", errors);
        var logistics = ParseDuration(input.LogisticsResolution, defaults.LogisticsResolution, $"{path}.logisticsResolution", errors);
        var dueSoon = ParseDuration(input.DueSoon, defaults.DueSoon, $"{path}.dueSoon", errors, allowZero: true);
        var returnWindow = ParseDuration(input.ReturnWindow, defaults.ReturnWindow, $"{path}.returnWindow", errors);

        var resolution = defaults.Resolution.ToDictionary();
        foreach (var (name, text) in input.Resolution ?? [])
        {
            var kindPath = $"{path}.resolution.{name}";
            if (!CaseNames.TryParse<CaseKind>(name, out var kind))
            {
                errors.Add(kindPath, $"Unknown case kind; use {string.Join(", ", CaseNames.Names<CaseKind>().Select(n => $"\"{n}\""))}.");
                continue;
            }

            if (ParseDuration(text, defaults.ResolutionFor(kind), kindPath, errors) is { } target)
            {
                resolution[kind] = target;
            }
        }

        var schedule = ValidateWorkingHours(input.WorkingHours, errors, $"{path}.workingHours");
        if (errors.Count > before)
        {
            return null;
        }

        return new ServiceTargets(firstResponse!.Value, logistics!.Value, resolution.ToFrozenDictionary(), schedule!, dueSoon!.Value, returnWindow!.Value);
    }

    private static WorkingSchedule? ValidateWorkingHours(WorkingHoursInput? input, ValidationErrors errors, string path)
    {
        var defaults = WorkingSchedule.Default;
        if (input is null)
        {
            return defaults;
        }

        var opens = input.Opens is null ? defaults.Opens : ParseTime(input.Opens, allowEndOfDay: false, $"{path}.opens", errors);
        var closes = input.Closes is null ? defaults.Closes : ParseTime(input.Closes, allowEndOfDay: true, $"{path}.closes", errors);
        if (opens is { } o && closes is { } c && new WorkingSchedule(o, c, defaults.Days).Length <= TimeSpan.Zero)
        {
            errors.Add($"{path}.closes", "Working hours must close after they open on the same day (shifts across midnight are not supported; \"24:00\" is the end of the day).");
        }

        var days = new HashSet<DayOfWeek>();
        if (input.Days is null)
        {
            days.UnionWith(defaults.Days);
        }
        else
        {
            for (var i = 0; i < input.Days.Length; i++)
            {
                var dayPath = string.Create(CultureInfo.InvariantCulture, $"{path}.days[{i}]");
                if (!DayNames.TryGetValue(input.Days[i] ?? "", out var day))
                {
                    errors.Add(dayPath, "Must be one of \"mon\", \"tue\", \"wed\", \"thu\", \"fri\", \"sat\", \"sun\".");
                }
                else if (!days.Add(day))
                {
                    errors.Add(dayPath, $"\"{input.Days[i]}\" is listed twice.");
                }
            }

            if (input.Days.Length == 0)
            {
                errors.Add($"{path}.days", "At least one working day is required; service targets count working time.");
            }
        }

        return opens is { } open && closes is { } close ? new WorkingSchedule(open, close, days) : null;
    }

    private static TimeOnly? ParseTime(string text, bool allowEndOfDay, string path, ValidationErrors errors)
    {
        if (allowEndOfDay && text == "24:00")
        {
            return TimeOnly.MinValue;
        }

        if (TimeOnly.TryParseExact(text, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
        {
            return time;
        }

        errors.Add(path, allowEndOfDay
            ? $"'{text}' is not a time \"HH:mm\" from 00:00 to 24:00."
            : $"'{text}' is not a time \"HH:mm\" from 00:00 to 23:59.");
        return null;
    }

    private static TimeSpan? ParseDuration(string? text, TimeSpan fallback, string path, ValidationErrors errors, bool allowZero = false)
    {
        if (text is null)
        {
            return fallback;
        }

        var duration = DurationInput.Parse(text, MaxTarget, out var error, allowZero);
        if (error is not null)
        {
            errors.Add(path, error);
        }

        return duration;
    }
}
