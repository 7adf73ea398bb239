using System.Globalization;
using Automation.Core.Messaging;
using Automation.Core.Time;

namespace Automation.Core;

/// <summary>
/// Field checks shared by the event validators (orders, cases, customer messages): texts within a length, dates
/// with offsets, and http(s) URLs, each adding its problem under the field's JSON path.
/// </summary>
internal static class InputFields
{
    public const int MaxUrlLength = 2048;

    /// <param name="clean">
    /// For text that can reach a customer: characters that could spoof or break a message are removed (see
    /// <see cref="CustomerText"/>) rather than refused, so that an odd character from the platform never loses an event.
    /// </param>
    public static string? RequiredText(string? text, string path, int maxLength, string missing, ValidationErrors errors, bool clean = false)
    {
        if (clean && text is not null)
        {
            text = CustomerText.Clean(text);
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            errors.Add(path, missing);
            return null;
        }

        return OptionalText(text, path, maxLength, errors);
    }

    /// <inheritdoc cref="RequiredText"/>
    public static string? OptionalText(string? text, string path, int maxLength, ValidationErrors errors, bool clean = false)
    {
        if (clean && text is not null)
        {
            text = CustomerText.Clean(text);
        }

        if (text is not null && text.Length > maxLength)
        {
            errors.Add(path, string.Create(CultureInfo.InvariantCulture, $"At most {maxLength} characters."));
            return null;
        }

        return text;
    }

    public static DateTimeOffset? OptionalDate(string? text, string path, ValidationErrors errors)
    {
        if (text is null)
        {
            return null;
        }

        var value = DateInput.Parse(text, out var error);
        if (error is not null)
        {
            errors.Add(path, error);
        }

        return value;
    }

    public static string? OptionalUrl(string? text, string path, ValidationErrors errors)
    {
        if (text is null)
        {
            return null;
        }

        // A URL reaches people as text too; a real one carries such characters percent-encoded, never raw.
        if (text.Length <= MaxUrlLength
            && CustomerText.FindForbidden(text) is null
            && Uri.TryCreate(text, UriKind.Absolute, out var url)
            && (url.Scheme == Uri.UriSchemeHttps || url.Scheme == Uri.UriSchemeHttp))
        {
            return text;
        }

        errors.Add(path, "Must be an absolute http or https URL.");
        return null;
    }
}
