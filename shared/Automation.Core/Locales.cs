using System.Globalization;
using System.Text.RegularExpressions;

namespace Automation.Core;

/// <summary>
/// Language tags in the simple BCP-47 shape the product supports: language, optional script,
/// optional region ("en", "zh-CN", "zh-Hans-CN", "es-419").
/// </summary>
public static partial class Locales
{
    public const string English = "en";

    public static bool IsValid(string? tag) => tag is not null && Shape().IsMatch(tag);

    /// <summary>The canonical casing: "zh-cn" becomes "zh-CN", "zh-hans" becomes "zh-Hans".</summary>
    public static string Normalize(string tag)
    {
        var match = Shape().Match(tag);
        if (!match.Success)
        {
            throw new ArgumentException($"'{tag}' is not a supported language tag.", nameof(tag));
        }

        var result = match.Groups["language"].Value.ToLowerInvariant();
        if (match.Groups["script"].Success)
        {
            var script = match.Groups["script"].Value;
            result += "-" + char.ToUpperInvariant(script[0]) + script[1..].ToLowerInvariant();
        }

        if (match.Groups["region"].Success)
        {
            result += "-" + match.Groups["region"].Value.ToUpperInvariant();
        }

        return result;
    }

    /// <summary>The language subtag: "zh" for "zh-CN".</summary>
    public static string LanguageOf(string tag)
    {
        var dash = tag.IndexOf('-', StringComparison.Ordinal);
        return (dash < 0 ? tag : tag[..dash]).ToLower(CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"^(?<language>[A-Za-z]{2,3})(?:-(?<script>[A-Za-z]{4}))?(?:-(?<region>[A-Za-z]{2}|[0-9]{3}))?\z", RegexOptions.CultureInvariant)]
    private static partial Regex Shape();
}
