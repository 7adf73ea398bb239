using Automation.Core.Messaging;

namespace Automation.Core.Reviews;

/// <summary>A phrase an agent names in a correction, as received: <c>{"text": "不掉色", "reading": "praise"}</c>.</summary>
public sealed class TaughtPhraseInput
{
    public string? Text { get; set; }

    /// <summary>"praise", "complaint" or "neutral".</summary>
    public string? Reading { get; set; }
}

/// <summary>What an agent said about a review's reading, validated: the category they settled on (null: none named) and the phrases they named.</summary>
public sealed record ReviewReadingRequest(ReviewCategory? Category, IReadOnlyList<TaughtPhrase> Phrases);

/// <summary>
/// Agents' decisions about how a review reads: validating what they send (<see cref="Validate"/>) and turning it into
/// the <see cref="ReviewCorrection"/> stored with the review (<see cref="ForApproval"/>, <see cref="ForReading"/>).
/// </summary>
public static class ReviewReadings
{
    /// <summary>A correction names a few phrases of one review; more is a paste of something else.</summary>
    public const int MaxNamedPhrases = 20;

    /// <summary>The reading as written in requests and shown: "praise", "complaint", "neutral".</summary>
    public static string Name(TaughtReading reading) => reading.ToString().ToLowerInvariant();

    public static bool TryParseCategory(string? name, out ReviewCategory category)
    {
        foreach (var candidate in Enum.GetValues<ReviewCategory>())
        {
            if (string.Equals(ReviewReplySettingsValidator.Name(candidate), name, StringComparison.Ordinal))
            {
                category = candidate;
                return true;
            }
        }

        category = default;
        return false;
    }

    public static bool TryParseReading(string? name, out TaughtReading reading)
    {
        foreach (var candidate in Enum.GetValues<TaughtReading>())
        {
            if (string.Equals(Name(candidate), name, StringComparison.Ordinal))
            {
                reading = candidate;
                return true;
            }
        }

        reading = default;
        return false;
    }

    /// <summary>
    /// Checks a correction against the review it is about, naming each bad field (<c>category</c>, <c>phrases</c>,
    /// <c>phrases[2].text</c>, <c>phrases[2].reading</c>). A named phrase must occur in the review's text (as the
    /// classifier reads it: case and full-width folded), so a correction teaches the review's own words and a typo
    /// teaches nothing silently; it must not look like personal data (a phone number, an email, the buyer's name),
    /// because the shop's list outlives the review and is shown to ops.
    /// </summary>
    /// <param name="categoryRequired">True for a change of reading (<c>PUT …/reading</c>), which is nothing without one.</param>
    public static ValidationResult<ReviewReadingRequest> Validate(
        string? category, IReadOnlyList<TaughtPhraseInput?>? phrases, string reviewText, PersonalFacts facts, bool categoryRequired)
    {
        ArgumentNullException.ThrowIfNull(reviewText);
        var errors = new ValidationErrors();
        ReviewCategory? settled = null;
        if (category is null)
        {
            if (categoryRequired)
            {
                errors.Add("category", "The category the review reads as is required: \"positive\", \"neutral\", \"mixed\" or \"negative\".");
            }
        }
        else if (TryParseCategory(category, out var parsed))
        {
            settled = parsed;
        }
        else
        {
            errors.Add("category", $"'{category}' is not a category; use \"positive\", \"neutral\", \"mixed\" or \"negative\".");
        }

        var named = new List<TaughtPhrase>();
        if (phrases is { Count: > MaxNamedPhrases })
        {
            errors.Add("phrases", $"At most {MaxNamedPhrases} phrases per correction; {phrases.Count} were sent.");
        }
        else if (phrases is not null)
        {
            var review = TaughtPhrases.Normalize(reviewText);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < phrases.Count; i++)
            {
                var path = $"phrases[{i.ToString(System.Globalization.CultureInfo.InvariantCulture)}]";
                if (phrases[i] is not { } phrase)
                {
                    errors.Add(path, "A phrase is an object: {\"text\": \"不掉色\", \"reading\": \"praise\"}.");
                    continue;
                }

                var text = CheckText(phrase.Text, review, facts, path + ".text", errors);
                if (!TryParseReading(phrase.Reading, out var reading))
                {
                    errors.Add(path + ".reading", phrase.Reading is null
                        ? "The reading is required: \"praise\", \"complaint\" or \"neutral\"."
                        : $"'{phrase.Reading}' is not a reading; use \"praise\", \"complaint\" or \"neutral\".");
                    continue;
                }

                if (text is null)
                {
                    continue;
                }

                if (!seen.Add(text))
                {
                    errors.Add(path + ".text", $"'{text}' is named twice; name each phrase once.");
                    continue;
                }

                named.Add(new TaughtPhrase(text, reading));
            }
        }

        return errors.ToResult(() => new ReviewReadingRequest(settled, named));
    }

    /// <summary>
    /// The decision an approval records, or null when it records none: approving the draft of a negative, mixed or
    /// neutral reading as it stands says nothing about the reading (the agent judged the reply), while approving a
    /// positive reading, which the gate held because it was not sure, confirms it ("approved as positive").
    /// </summary>
    public static ReviewCorrection? ForApproval(ReviewClassification reading, ReviewReadingRequest request, string by, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(reading);
        ArgumentNullException.ThrowIfNull(request);
        if (request.Category is null && request.Phrases.Count == 0 && reading.Category != ReviewCategory.Positive)
        {
            return null;
        }

        return ForReading(reading, request with { Category = request.Category ?? reading.Category }, by, at);
    }

    /// <summary>The decision a change of reading records: the category named (the classifier's when none is) and what it teaches.</summary>
    public static ReviewCorrection ForReading(ReviewClassification reading, ReviewReadingRequest request, string by, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(reading);
        ArgumentNullException.ThrowIfNull(request);
        var settled = request.Category ?? reading.Category;

        // What the shop's list can hold: a derived phrase with a control character (a span across a line break) is not one.
        var phrases = ReviewCorrections.PhrasesFrom(reading, settled, request.Phrases).Where(p => !p.Text.Any(char.IsControl)).ToList();
        return new ReviewCorrection(settled, reading.Category, phrases, by, at);
    }

    private static string? CheckText(string? raw, string review, PersonalFacts facts, string path, ValidationErrors errors)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            errors.Add(path, "The phrase's text is required.");
            return null;
        }

        if (CustomerText.FindForbidden(raw) is { } forbidden)
        {
            errors.Add(path, $"The phrase contains a character it may not: {forbidden}.");
            return null;
        }

        var text = TaughtPhrases.Normalize(raw);
        if (!ReviewCorrections.IsTeachable(new TaughtPhrase(text, TaughtReading.Neutral)))
        {
            errors.Add(path, $"A phrase is 2 to {TaughtPhrases.MaxPhraseLength} characters with at least 2 letters or digits (one character is too blunt to teach).");
            return null;
        }

        if (!review.Contains(text, StringComparison.Ordinal))
        {
            errors.Add(path, $"'{text}' is not in the review; a correction teaches the review's own words.");
            return null;
        }

        if (PublicReplyPrivacy.Find(text, facts) is { Count: > 0 } found)
        {
            errors.Add(path, $"The phrase looks like personal data ({string.Join(", ", found.Select(f => PublicReplyPrivacy.Code(f.Kind)).Distinct())}); the shop's list keeps words about the goods, not the buyer.");
            return null;
        }

        return text;
    }
}
