using System.Globalization;
using Automation.Core.Messaging;
using Automation.Core.Orders;
using Automation.Core.Time;
using static Automation.Core.InputFields;

namespace Automation.Core.Cases;

/// <summary>
/// Checks a case event and reports every bad field by its JSON path (<c>case.kind</c>, <c>case.evidence[0].type</c>).
/// Text from the platform is cleaned by the <see cref="CustomerText"/> rule rather than refused, so an odd character
/// never loses a case; whether a status makes sense for the case as stored is <see cref="CaseLifecycle"/>'s question.
/// </summary>
public static class CaseEventValidator
{
    public const int MaxEvidence = 50;
    public const int MaxTextLength = 2000;
    public const int MaxUrlLength = InputFields.MaxUrlLength;
    private const string IdRule = "Must be 1 to 128 characters of letters, digits, '.', '_', ':' and '-', starting with a letter or digit.";

    public static ValidationResult<CaseEvent> Validate(CaseEventInput? input)
    {
        var errors = new ValidationErrors();
        if (input is null)
        {
            errors.Add("body", "A JSON object with the event is required.");
            return errors.ToFailure<CaseEvent>();
        }

        if (!OrderEventValidator.IsValidId(input.Id))
        {
            errors.Add("id", "The event id is required. " + IdRule);
        }

        if (!CaseEventTypes.IsCaseEvent(input.Type))
        {
            errors.Add("type", $"Must be one of {string.Join(", ", CaseEventTypes.All)}.");
            return errors.ToFailure<CaseEvent>();
        }

        var occurredAt = OptionalDate(input.OccurredAt, "occurredAt", errors);
        var facts = ValidateCase(input.Case, input.Type!, errors);
        return errors.ToResult(() => new CaseEvent(input.Id!, input.Type!, occurredAt, facts!));
    }

    private static CaseFacts? ValidateCase(CaseInput? input, string type, ValidationErrors errors)
    {
        if (input is null)
        {
            errors.Add("case", "The case is required.");
            return null;
        }

        if (!OrderEventValidator.IsValidId(input.Id))
        {
            errors.Add("case.id", "The case id is required. " + IdRule);
        }

        if (!OrderEventValidator.IsValidId(input.OrderId))
        {
            errors.Add("case.orderId", "The order id is required. " + IdRule);
        }

        var kindOk = CaseNames.TryParse<CaseKind>(input.Kind, out var kind);
        if (!kindOk)
        {
            errors.Add("case.kind", $"Must be one of {Quoted(CaseNames.Names<CaseKind>())}.");
        }

        var status = ValidateStatus(input.Status, type, kindOk ? kind : null, errors);

        var (reason, reasonText) = ReadReason(input.Reason, input.ReasonText);

        var rejectionReason = OptionalText(input.RejectionReason, "case.rejectionReason", 500, errors, clean: true);
        if (status == CaseStatus.Rejected && string.IsNullOrWhiteSpace(rejectionReason))
        {
            errors.Add("case.rejectionReason", "A rejected case needs the reason it was rejected.");
        }

        if (input.Amount is < 0)
        {
            errors.Add("case.amount", "The amount must not be negative.");
        }

        string? currency = null;
        if (input.Currency is not null)
        {
            if (input.Currency.Length == 3 && input.Currency.All(char.IsAsciiLetter))
            {
                currency = input.Currency.ToUpperInvariant();
            }
            else
            {
                errors.Add("case.currency", $"'{input.Currency}' is not a 3-letter currency code like \"CNY\".");
            }
        }

        var openedAt = OptionalDate(input.OpenedAt, "case.openedAt", errors);
        var tracking = ValidateTracking(input.ReturnTracking, errors);
        var evidence = ValidateEvidence(input.Evidence, errors);

        return kindOk && status is { } s
            ? new CaseFacts(input.Id!, input.OrderId!, kind, s, reason, rejectionReason, input.Amount, currency, openedAt, input.Escalated, tracking, evidence)
            {
                ReasonText = reasonText,
            }
            : null;
    }

    /// <summary>
    /// A reason is read, never refused: one of ours (in any case, with - or spaces for _) is that reason; anything else
    /// (a platform's free text or its own code) is reason other with the words kept as the reason text. Texts are
    /// cleaned and cut to <see cref="MaxReasonText"/> characters rather than refused, since platforms send them as
    /// their buyers wrote them.
    /// </summary>
    private static (CaseReason? Reason, string? Text) ReadReason(string? reason, string? text)
    {
        var words = Cut(text);
        if (string.IsNullOrWhiteSpace(reason))
        {
            return (words is null ? null : CaseReason.Other, words);
        }

        var code = reason.Trim().ToLowerInvariant().Replace('-', '_').Replace(' ', '_');
        return CaseNames.TryParse<CaseReason>(code, out var known) ? (known, words) : (CaseReason.Other, words ?? Cut(reason));
    }

    private static string? Cut(string? text)
    {
        var cleaned = text is null ? null : CustomerText.Clean(text).Trim();
        return string.IsNullOrEmpty(cleaned) ? null : cleaned.Length <= MaxReasonText ? cleaned : cleaned[..(MaxReasonText - 1)] + "…";
    }

    private const int MaxReasonText = 500;

    private static CaseStatus? ValidateStatus(string? text, string type, CaseKind? kind, ValidationErrors errors)
    {
        if (text is null)
        {
            switch (type)
            {
                case CaseEventTypes.Opened:
                    return CaseStatus.PendingReview;
                case CaseEventTypes.Closed:
                    return CaseStatus.Closed;
                default:
                    errors.Add("case.status", "The status is required for case.updated.");
                    return null;
            }
        }

        if (!CaseNames.TryParse<CaseStatus>(text, out var status))
        {
            errors.Add("case.status", $"Must be one of {Quoted(CaseNames.Names<CaseStatus>())}.");
            return null;
        }

        if (kind is { } k && !CaseTransitions.HasStatus(k, status))
        {
            errors.Add("case.status", $"'{text}' is not a status of {CaseNames.Name(k)} cases; use one of {Quoted(CaseTransitions.StatusesOf(k).Select(CaseNames.Name))}.");
            return null;
        }

        if (type == CaseEventTypes.Closed && status != CaseStatus.Closed)
        {
            errors.Add("case.status", "A case.closed event has status closed (or none).");
            return null;
        }

        return status;
    }

    private static ReturnTracking? ValidateTracking(ReturnTrackingInput? input, ValidationErrors errors)
    {
        if (input is null)
        {
            return null;
        }

        var carrier = RequiredText(input.Carrier, "case.returnTracking.carrier", 100, "The return parcel's carrier is required.", errors, clean: true);
        var number = RequiredText(input.TrackingNumber, "case.returnTracking.trackingNumber", 128, "The return parcel's tracking number is required.", errors, clean: true);
        return carrier is null || number is null ? null : new ReturnTracking(carrier, number);
    }

    private static List<CaseEvidence>? ValidateEvidence(List<CaseEvidenceInput>? input, ValidationErrors errors)
    {
        if (input is null)
        {
            return null;
        }

        if (input.Count > MaxEvidence)
        {
            errors.Add("case.evidence", $"At most {MaxEvidence} pieces of evidence.");
            return null;
        }

        var result = new List<CaseEvidence>(input.Count);
        for (var i = 0; i < input.Count; i++)
        {
            var path = string.Create(CultureInfo.InvariantCulture, $"case.evidence[{i}]");
            var item = input[i];
            if (item is null)
            {
                errors.Add(path, "A piece of evidence is required, not null.");
                continue;
            }

            if (!CaseNames.TryParse<CaseEvidenceType>(item.Type, out var type))
            {
                errors.Add(path + ".type", "Must be \"photo\" (with a url) or \"text\" (with a text).");
                continue;
            }

            if (type == CaseEvidenceType.Photo)
            {
                if (OptionalUrl(item.Url, path + ".url", errors) is { } url)
                {
                    result.Add(new CaseEvidence(type, url, null));
                }
                else if (item.Url is null)
                {
                    errors.Add(path + ".url", "A photo needs its absolute http or https URL.");
                }
            }
            else if (RequiredText(item.Text, path + ".text", MaxTextLength, "A text needs its text.", errors, clean: true) is { } text)
            {
                result.Add(new CaseEvidence(type, null, text));
            }
        }

        return result;
    }





    private static string Quoted(IEnumerable<string> names) => string.Join(", ", names.Select(n => $"\"{n}\""));
}
