using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;
using Automation.Core.Messaging;

namespace Automation.Core.Reviews;

/// <summary>What happens to a composed reply: <c>auto</c> posts it, <c>draft</c> stores it and opens a task to approve it.</summary>
public enum ReviewReplyMode
{
    Auto,
    Draft,
}

/// <summary>Which positive readings may be answered in public with no person: <c>reviewReplies.publicReplyGate</c>.</summary>
public enum PublicReplyGate
{
    /// <summary>
    /// The default: only a text that clearly praises, with nothing in it that complains, negates the praise, turns on a
    /// contrast or is left unread, and with a confident reading (<see cref="ReviewClassification.Confidence"/>). A
    /// public thank-you under a complaint is the worst thing the product can do to a shop; a late reply is not.
    /// </summary>
    ClearPraise,

    /// <summary>Every positive reading without a contrast word, as before the gate: more replies at once, and more risk.</summary>
    Positive,
}

/// <summary>
/// A shop's review-reply settings, validated (build them with <see cref="ReviewReplySettingsValidator"/>).
/// <see cref="Templates"/> maps a normalized locale tag to a category to the shop's own variants, which replace the
/// built-in variants of that locale and category.
/// </summary>
public sealed record ReviewReplySettings(
    IReadOnlyDictionary<ReviewCategory, ReviewReplyMode> Modes,
    IReadOnlyDictionary<string, IReadOnlyDictionary<ReviewCategory, IReadOnlyList<string>>> Templates)
{
    /// <summary>Positive reviews are answered automatically; neutral, mixed and negative ones get a draft for approval.</summary>
    public static ReviewReplySettings Default { get; } = new(
        new Dictionary<ReviewCategory, ReviewReplyMode>
        {
            [ReviewCategory.Positive] = ReviewReplyMode.Auto,
            [ReviewCategory.Neutral] = ReviewReplyMode.Draft,
            [ReviewCategory.Mixed] = ReviewReplyMode.Draft,
            [ReviewCategory.Negative] = ReviewReplyMode.Draft,
        }.ToFrozenDictionary(),
        FrozenDictionary<string, IReadOnlyDictionary<ReviewCategory, IReadOnlyList<string>>>.Empty);

    /// <summary>Which positive readings are answered at once (the category's mode must be auto as well).</summary>
    public PublicReplyGate PublicReplyGate { get; init; } = PublicReplyGate.ClearPraise;

    /// <summary>The mode for a category (draft when a category is somehow missing: never post unasked).</summary>
    public ReviewReplyMode ModeFor(ReviewCategory category) => Modes.GetValueOrDefault(category, ReviewReplyMode.Draft);
}

/// <summary>
/// The <c>reviewReplies</c> settings as received, e.g.
/// <c>{ "mode": { "positive": "auto", "negative": "draft" }, "templates": { "en": { "positive": ["Thanks! …", "…"] } } }</c>.
/// Everything is optional: a missing mode is its default, a missing locale or category keeps the built-in variants.
/// </summary>
public sealed class ReviewRepliesInput
{
    public ReviewReplyModesInput? Mode { get; set; }

    /// <summary>"clear_praise" (the default) or "positive": see <see cref="Reviews.PublicReplyGate"/>.</summary>
    public string? PublicReplyGate { get; set; }

    /// <summary>Locale -> category ("positive", "neutral", "mixed", "negative") -> variants.</summary>
    [SuppressMessage("Usage", "CA2227:Collection properties should be read only", Justification = "Input DTO bound by System.Text.Json.")]
    public Dictionary<string, Dictionary<string, string[]>>? Templates { get; set; }

    /// <summary>The input that validates back to <paramref name="settings"/> (for storing settings as JSON).</summary>
    public static ReviewRepliesInput From(ReviewReplySettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new ReviewRepliesInput
        {
            Mode = new ReviewReplyModesInput
            {
                Positive = ReviewReplySettingsValidator.Name(settings.ModeFor(ReviewCategory.Positive)),
                Neutral = ReviewReplySettingsValidator.Name(settings.ModeFor(ReviewCategory.Neutral)),
                Mixed = ReviewReplySettingsValidator.Name(settings.ModeFor(ReviewCategory.Mixed)),
                Negative = ReviewReplySettingsValidator.Name(settings.ModeFor(ReviewCategory.Negative)),
            },
            PublicReplyGate = ReviewReplySettingsValidator.Name(settings.PublicReplyGate),
            Templates = settings.Templates.ToDictionary(
                locale => locale.Key,
                locale => locale.Value.ToDictionary(c => ReviewReplySettingsValidator.Name(c.Key), c => c.Value.ToArray(), StringComparer.Ordinal),
                StringComparer.Ordinal),
        };
    }
}

/// <summary>"auto" or "draft" per category; null means the default.</summary>
public sealed class ReviewReplyModesInput
{
    public string? Positive { get; set; }

    public string? Neutral { get; set; }

    public string? Mixed { get; set; }

    public string? Negative { get; set; }
}

/// <summary>
/// Checks <see cref="ReviewRepliesInput"/> and reports every bad field by its JSON path under <c>reviewReplies</c>.
/// Meant to be called from ShopSettingsValidator (the internal overload adds to its errors).
/// </summary>
public static class ReviewReplySettingsValidator
{
    public const int MaxVariants = 20;

    public static ValidationResult<ReviewReplySettings> Validate(ReviewRepliesInput? input)
    {
        var errors = new ValidationErrors();
        var settings = Validate(input, errors, "reviewReplies");
        return errors.ToResult(() => settings!);
    }

    /// <summary>The category or mode as written in settings and shown: "positive", "draft".</summary>
    public static string Name(ReviewCategory category) => category.ToString().ToLowerInvariant();

    /// <inheritdoc cref="Name(ReviewCategory)"/>
    public static string Name(ReviewReplyMode mode) => mode.ToString().ToLowerInvariant();

    /// <summary>The gate as written in settings: "clear_praise", "positive".</summary>
    public static string Name(PublicReplyGate gate) => gate == PublicReplyGate.ClearPraise ? "clear_praise" : "positive";

    internal static ReviewReplySettings? Validate(ReviewRepliesInput? input, ValidationErrors errors, string path)
    {
        if (input is null)
        {
            return ReviewReplySettings.Default;
        }

        var before = errors.Count;
        var modes = new Dictionary<ReviewCategory, ReviewReplyMode>();
        foreach (var category in Enum.GetValues<ReviewCategory>())
        {
            var text = category switch
            {
                ReviewCategory.Positive => input.Mode?.Positive,
                ReviewCategory.Neutral => input.Mode?.Neutral,
                ReviewCategory.Mixed => input.Mode?.Mixed,
                _ => input.Mode?.Negative,
            };
            modes[category] = ParseMode(text, ReviewReplySettings.Default.ModeFor(category), $"{path}.mode.{Name(category)}", errors);
        }

        var templates = new Dictionary<string, IReadOnlyDictionary<ReviewCategory, IReadOnlyList<string>>>(StringComparer.Ordinal);
        foreach (var (locale, byCategory) in input.Templates ?? [])
        {
            var localePath = $"{path}.templates.{locale}";
            if (!Locales.IsValid(locale))
            {
                errors.Add(localePath, $"'{locale}' is not a language tag like \"zh-CN\" or \"en\".");
                continue;
            }

            var normalized = Locales.Normalize(locale);
            if (templates.ContainsKey(normalized))
            {
                errors.Add(localePath, $"Another locale key is also '{normalized}' (keys differ only in letter case).");
                continue;
            }

            var categories = new Dictionary<ReviewCategory, IReadOnlyList<string>>();
            foreach (var (name, variants) in byCategory ?? [])
            {
                var categoryPath = $"{localePath}.{name}";
                if (!TryParseCategory(name, out var category))
                {
                    errors.Add(categoryPath, "Unknown category; use \"positive\", \"neutral\", \"mixed\" or \"negative\".");
                    continue;
                }

                if (variants is null || variants.Length == 0)
                {
                    errors.Add(categoryPath, "Give at least one reply variant, or leave the category out to keep the built-in ones.");
                    continue;
                }

                if (variants.Length > MaxVariants)
                {
                    errors.Add(categoryPath, $"At most {MaxVariants} variants per category.");
                    continue;
                }

                for (var i = 0; i < variants.Length; i++)
                {
                    foreach (var problem in ReviewReplies.CheckTemplate(category, variants[i]))
                    {
                        errors.Add($"{categoryPath}[{i}]", problem);
                    }
                }

                categories[category] = [.. variants];
            }

            templates[normalized] = categories;
        }

        var gate = PublicReplyGate.ClearPraise;
        switch (input.PublicReplyGate)
        {
            case null or "clear_praise":
                break;
            case "positive":
                gate = PublicReplyGate.Positive;
                break;
            default:
                errors.Add($"{path}.publicReplyGate", $"'{input.PublicReplyGate}' is not a gate; use \"clear_praise\" (the default: only clear praise is answered at once) or \"positive\" (any positive reading without a contrast).");
                break;
        }

        return errors.Count > before
            ? null
            : new ReviewReplySettings(modes.ToFrozenDictionary(), templates.ToFrozenDictionary(StringComparer.Ordinal)) { PublicReplyGate = gate };
    }

    private static ReviewReplyMode ParseMode(string? text, ReviewReplyMode fallback, string path, ValidationErrors errors)
    {
        switch (text)
        {
            case null:
                return fallback;
            case "auto":
                return ReviewReplyMode.Auto;
            case "draft":
                return ReviewReplyMode.Draft;
            default:
                errors.Add(path, $"'{text}' is not a reply mode; use \"auto\" (post at once) or \"draft\" (approve first).");
                return fallback;
        }
    }

    private static bool TryParseCategory(string name, out ReviewCategory category)
    {
        foreach (var candidate in Enum.GetValues<ReviewCategory>())
        {
            if (string.Equals(Name(candidate), name, StringComparison.Ordinal))
            {
                category = candidate;
                return true;
            }
        }

        category = default;
        return false;
    }
}
