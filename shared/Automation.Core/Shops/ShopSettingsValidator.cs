using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml;
using Automation.Core.Agents;
using Automation.Core.Sweep;
using Automation.Core.Cases;
using Automation.Core.Platforms;
using Automation.Core.Messaging;
using Automation.Core.Reviews;
using Automation.Core.Security;
using Automation.Core.Shipping;
using Automation.Core.Time;

namespace Automation.Core.Shops;

/// <summary>Checks a <see cref="ShopSettingsInput"/> and reports every bad field, keyed by its JSON path.</summary>
public static partial class ShopSettingsValidator
{
    public const int MaxNameLength = 200;
    public const int MinSecretLength = 16;
    public const int MaxSecretLength = 256;

    /// <summary>Durations above this are surely mistakes (platforms close unpaid orders within days).</summary>
    public static readonly TimeSpan MaxDuration = TimeSpan.FromDays(30);

    public static bool IsValidShopId(string? shopId) => shopId is not null && ShopIdShape().IsMatch(shopId);

    /// <inheritdoc cref="Validate(string, ShopSettingsInput?, ShopSettings?)"/>
    public static ValidationResult<ShopSettings> Validate(string shopId, ShopSettingsInput? input) => Validate(shopId, input, existing: null);

    /// <summary>
    /// Validates the body of a create-or-replace. Secrets are never shown back to ops, so when
    /// <paramref name="existing"/> settings are given, an omitted <c>webhookSecret</c>,
    /// <c>customerChannel.secret</c>, <c>customerChannel.smtp.password</c> (same host and username), or an agent's
    /// channel <c>secret</c> or robot <c>url</c> keeps the stored one.
    /// </summary>
    public static ValidationResult<ShopSettings> Validate(string shopId, ShopSettingsInput? input, ShopSettings? existing)
        => Validate(shopId, input, existing, stored: false);

    /// <summary>
    /// Validates settings as they were saved (read back from storage): today's rules, except that an outbound signing
    /// secret saved before <c>whsec_</c> secrets were required stays accepted (<see cref="SigningSecrets"/>), so that
    /// such a shop keeps working until ops give it a new secret.
    /// </summary>
    public static ValidationResult<ShopSettings> ValidateStored(string shopId, ShopSettingsInput? input)
        => Validate(shopId, input, existing: null, stored: true);

    private static ValidationResult<ShopSettings> Validate(string shopId, ShopSettingsInput? input, ShopSettings? existing, bool stored)
    {
        var errors = new ValidationErrors();
        if (!IsValidShopId(shopId))
        {
            errors.Add("shopId", "The shop id must be 3 to 63 characters of lowercase letters, digits and '-', starting with a letter or digit.");
        }

        if (input is null)
        {
            errors.Add("body", "A JSON object with the shop's settings is required.");
            return errors.ToFailure<ShopSettings>();
        }

        var name = input.Name;
        if (string.IsNullOrWhiteSpace(name))
        {
            errors.Add("name", "The shop's name is required.");
        }
        else if (name.Length > MaxNameLength)
        {
            errors.Add("name", $"The shop's name must be at most {MaxNameLength} characters.");
        }
        else if (CustomerText.FindForbidden(name) is { } forbidden)
        {
            errors.Add("name", $"The shop's name reaches customers and must not contain control, bidi-override, zero-width or non-characters: {forbidden}.");
        }

        var timeZoneId = ValidateTimeZone(input.TimeZone, errors);

        var locale = input.Locale;
        if (string.IsNullOrWhiteSpace(locale))
        {
            errors.Add("locale", "The shop's language is required, e.g. \"zh-CN\" or \"en\".");
        }
        else if (!Locales.IsValid(locale))
        {
            errors.Add("locale", $"'{locale}' is not a language tag like \"zh-CN\" or \"en\".");
        }

        var webhookSecret = input.WebhookSecret ?? existing?.WebhookSecret;
        ValidateSecret(webhookSecret, "webhookSecret", errors);

        var quietHours = ValidateQuietHours(input.QuietHours, errors);
        var reminders = ValidatePaymentReminders(input.PaymentReminders, errors);
        var shippingNotices = new ShippingNoticeSettings(
            input.ShippingNotices?.Enabled ?? ShippingNoticeSettings.Default.Enabled,
            input.ShippingNotices?.RespectQuietHours ?? ShippingNoticeSettings.Default.RespectQuietHours);
        var followUps = ValidateFollowUps(input.FollowUps, errors);
        var contactBudget = ValidateContactBudget(input.ContactBudget, errors);
        var carrierLinks = CarrierLinkSettingsValidator.Validate(input.Carriers, errors, "carriers");
        var reviewReplies = ReviewReplySettingsValidator.Validate(input.ReviewReplies, errors, "reviewReplies");
        var optOutKeywords = ValidateOptOutKeywords(input.OptOutKeywords, errors);
        var serviceTargets = ServiceTargetsValidator.Validate(input.Slas, errors, "slas");
        var agents = AgentSettingsValidator.Validate(input.Agents, existing?.Agents, errors, "agents", stored);
        var morningSweep = MorningSweepSettingsValidator.Validate(input.MorningSweep, errors, "morningSweep");
        var channel = ValidateCustomerChannel(input.CustomerChannel, existing?.CustomerChannel, stored, errors);
        var templates = ValidateTemplates(input.Templates, errors);
        var platforms = PlatformConnectionsValidator.Validate(input.Platforms, existing?.Platforms, errors);

        return errors.ToResult(() => new ShopSettings(
            shopId,
            name!,
            timeZoneId!,
            Locales.Normalize(locale!),
            webhookSecret!,
            quietHours,
            reminders!,
            channel,
            templates!)
        {
            ShippingNotices = shippingNotices,
            FollowUps = followUps!,
            ContactBudget = contactBudget!,
            CarrierLinks = carrierLinks!,
            ReviewReplies = reviewReplies!,
            OptOutKeywords = optOutKeywords,
            ServiceTargets = serviceTargets!,
            Agents = agents!,
            MorningSweep = morningSweep!,
            Platforms = platforms,
        });
    }

    private static List<string> ValidateOptOutKeywords(List<string>? input, ValidationErrors errors)
    {
        if (input is null)
        {
            return [];
        }

        if (input.Count > 20)
        {
            errors.Add("optOutKeywords", "At most 20 keywords.");
        }

        for (var i = 0; i < input.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(input[i]) || input[i].Trim().Length > 20 || CustomerText.FindForbidden(input[i]) is not null)
            {
                errors.Add($"optOutKeywords[{i}]", "A keyword is 1 to 20 characters, without control or invisible characters.");
            }
        }

        return [.. input.Where(k => !string.IsNullOrWhiteSpace(k)).Select(k => k.Trim())];
    }

    private static FollowUpSettings? ValidateFollowUps(FollowUpsInput? input, ValidationErrors errors)
    {
        var defaults = FollowUpSettings.Default;
        if (input is null)
        {
            return defaults;
        }

        var afterDelivery = ParseDuration(input.AfterDelivery, defaults.AfterDelivery, "followUps.afterDelivery", errors);
        var afterShipped = ParseDuration(input.AfterShippedWithoutDelivery, defaults.AfterShippedWithoutDelivery, "followUps.afterShippedWithoutDelivery", errors);
        return afterDelivery is null || afterShipped is null
            ? null
            : new FollowUpSettings(input.Enabled ?? defaults.Enabled, afterDelivery.Value, afterShipped.Value);
    }

    private static ContactBudgetSettings? ValidateContactBudget(ContactBudgetInput? input, ValidationErrors errors)
    {
        var defaults = ContactBudgetSettings.Default;
        if (input is null)
        {
            return defaults;
        }

        var max = input.MaxPerWindow ?? defaults.MaxPerWindow;
        if (max is < 1 or > ContactBudgetSettings.MaxAllowed)
        {
            errors.Add("contactBudget.maxPerWindow", $"Must be from 1 to {ContactBudgetSettings.MaxAllowed}; to stop a kind of message, turn that kind off.");
        }

        var window = ParseDuration(input.Window, defaults.Window, "contactBudget.window", errors);
        return window is null ? null : new ContactBudgetSettings(max, window.Value);
    }

    private static string? ValidateTimeZone(string? id, ValidationErrors errors)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            errors.Add("timeZone", "The shop's IANA time zone is required, e.g. \"Asia/Shanghai\".");
            return null;
        }

        // The shape check keeps anything path-like away from the time zone database lookup.
        if (id.Length > 64 || !TimeZoneIdShape().IsMatch(id)
            || !TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) || !zone.HasIanaId)
        {
            errors.Add("timeZone", $"'{id}' is not a known IANA time zone, e.g. \"Asia/Shanghai\" or \"America/New_York\".");
            return null;
        }

        if (CanonicalTimeZones.IsCanonical(id))
        {
            return id;
        }

        // Found, but a wrong case, a link (Asia/Chongqing, US/Eastern) or a file of the database that is no zone
        // (localtime, posixrules, Factory): one shop, one spelling, so that stored ids compare and read the same.
        var instead = CanonicalTimeZones.SameRulesAs(zone);
        errors.Add("timeZone", instead.Count == 0
            ? $"'{id}' is not a canonical IANA time zone id; use one like \"Asia/Shanghai\" or \"America/New_York\" (exact case)."
            : $"'{id}' is not a canonical IANA time zone id; use {string.Join(" or ", instead.Select(z => $"\"{z}\""))} (exact case).");
        return null;
    }

    internal static void ValidateSecret(string? secret, string path, ValidationErrors errors)
    {
        if (string.IsNullOrEmpty(secret))
        {
            errors.Add(path, $"A secret of at least {MinSecretLength} characters is required.");
        }
        else if (secret.Length < MinSecretLength)
        {
            errors.Add(path, $"The secret must be at least {MinSecretLength} characters.");
        }
        else if (secret.Length > MaxSecretLength)
        {
            errors.Add(path, $"The secret must be at most {MaxSecretLength} characters.");
        }
    }

    /// <summary>
    /// An outbound signing secret (the product signs with it; the receiver verifies with a Standard Webhooks library):
    /// one sent now must be a <c>whsec_</c> secret. A plain one saved before that rule, whether read back
    /// (<paramref name="stored"/>) or kept because the PUT left the secret out, is still accepted by the old rule.
    /// The error never repeats the secret.
    /// </summary>
    internal static string? ValidateSigningSecret(string? sent, string? kept, bool stored, string path, ValidationErrors errors)
    {
        var secret = sent ?? kept;
        if (string.IsNullOrEmpty(secret))
        {
            errors.Add(path, SigningSecrets.ProblemWithStandard("")!);
            return null;
        }

        if (SigningSecrets.IsStandard(secret))
        {
            return secret;
        }

        var savedBefore = stored || sent is null;
        if (savedBefore)
        {
            var before = errors.Count;
            ValidateSecret(secret, path, errors);
            return errors.Count > before ? null : secret;
        }

        errors.Add(path, SigningSecrets.ProblemWithStandard(secret)!);
        return null;
    }

    private static QuietHours? ValidateQuietHours(QuietHoursInput? input, ValidationErrors errors)
    {
        if (input is null)
        {
            return null;
        }

        var start = ParseTime(input.Start, "quietHours.start", errors);
        var end = ParseTime(input.End, "quietHours.end", errors);
        if (start is { } s && end is { } e && s == e)
        {
            // An empty window would read as "no quiet hours" while ops surely meant some: say so rather than guess.
            errors.Add("quietHours", "The quiet hours are empty (start equals end); send quietHours: null for none, or a window like 21:00 to 09:00.");
            return null;
        }

        return start is { } s2 && end is { } e2 ? new QuietHours(s2, e2) : null;

        static TimeOnly? ParseTime(string? text, string path, ValidationErrors errors)
        {
            if (TimeOnly.TryParseExact(text, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
            {
                return time;
            }

            errors.Add(path, text is null
                ? "A time \"HH:mm\" (00:00 to 23:59) is required."
                : $"'{text}' is not a time \"HH:mm\" from 00:00 to 23:59.");
            return null;
        }
    }

    private static PaymentReminderSettings? ValidatePaymentReminders(PaymentRemindersInput? input, ValidationErrors errors)
    {
        var defaults = PaymentReminderSettings.Default;
        if (input is null)
        {
            return defaults;
        }

        var firstAfter = ParseDuration(input.FirstAfter, defaults.FirstAfter, "paymentReminders.firstAfter", errors);
        var lastBeforeClose = ParseDuration(input.LastBeforeClose, defaults.LastBeforeClose, "paymentReminders.lastBeforeClose", errors);
        var autoCloseAfter = ParseDuration(input.AutoCloseAfter, defaults.AutoCloseAfter, "paymentReminders.autoCloseAfter", errors);

        var maxPerOrder = input.MaxPerOrder ?? defaults.MaxPerOrder;
        if (maxPerOrder is < 0 or > PaymentReminderSettings.MaxStepsAllowed)
        {
            errors.Add("paymentReminders.maxPerOrder", $"Must be from 0 (no reminders) to {PaymentReminderSettings.MaxStepsAllowed}.");
        }

        if (firstAfter is { } first && autoCloseAfter is { } close && first >= close)
        {
            errors.Add("paymentReminders.firstAfter", "The first reminder must come before the order closes automatically (firstAfter < autoCloseAfter).");
        }

        return firstAfter is null || lastBeforeClose is null || autoCloseAfter is null
            ? null
            : new PaymentReminderSettings(input.Enabled ?? defaults.Enabled, firstAfter.Value, lastBeforeClose.Value, autoCloseAfter.Value, maxPerOrder);
    }

    private static TimeSpan? ParseDuration(string? text, TimeSpan fallback, string path, ValidationErrors errors)
    {
        if (text is null)
        {
            return fallback;
        }

        var duration = DurationInput.Parse(text, MaxDuration, out var error);
        if (error is not null)
        {
            errors.Add(path, error);
        }

        return duration;
    }

    private static CustomerChannel? ValidateCustomerChannel(CustomerChannelInput? input, CustomerChannel? existing, bool stored, ValidationErrors errors)
    {
        if (input is null)
        {
            return null;
        }

        switch (input.Type)
        {
            case null or CustomerChannelTypes.Webhook:
                return ValidateWebhookChannel(input, existing as WebhookCustomerChannel, stored, errors);
            case CustomerChannelTypes.Email:
                return EmailChannelValidator.Validate(input, existing, errors, "customerChannel");
            default:
                errors.Add("customerChannel.type", $"'{input.Type}' is not a channel type; use \"{CustomerChannelTypes.Webhook}\" (the default) or \"{CustomerChannelTypes.Email}\".");
                return null;
        }
    }

    /// <summary>The shop's own gateway; a channel stored without a type (before email channels existed) is one.</summary>
    private static WebhookCustomerChannel? ValidateWebhookChannel(CustomerChannelInput input, WebhookCustomerChannel? existing, bool stored, ValidationErrors errors)
    {
        if (input.Smtp is not null || input.From is not null || input.ReplyTo is not null)
        {
            errors.Add("customerChannel.type", "smtp, from and replyTo belong to an email channel: send \"type\": \"email\" with them.");
        }

        Uri? url = null;
        if (string.IsNullOrWhiteSpace(input.Url))
        {
            errors.Add("customerChannel.url", "The URL of the shop's messaging endpoint is required.");
        }
        else if (!Uri.TryCreate(input.Url, UriKind.Absolute, out url) || !IsAllowedEndpoint(url))
        {
            errors.Add("customerChannel.url", "Must be an absolute https URL without credentials (http only to localhost, 127.0.0.1 or [::1]).");
            url = null;
        }

        var secret = ValidateSigningSecret(input.Secret, existing?.Secret, stored, "customerChannel.secret", errors);
        return url is null || secret is null || errors.Has("customerChannel.type") ? null : new WebhookCustomerChannel(url, secret);
    }

    /// <summary>https anywhere, plain http only to this machine (local development and tests).</summary>
    internal static bool IsAllowedEndpoint(Uri url)
        => url.IsAbsoluteUri
            && string.IsNullOrEmpty(url.UserInfo)
            && (url.Scheme == Uri.UriSchemeHttps || (url.Scheme == Uri.UriSchemeHttp && url.IsLoopback));

    private static Dictionary<string, IReadOnlyDictionary<string, string>>? ValidateTemplates(
        Dictionary<string, Dictionary<string, string>>? input,
        ValidationErrors errors)
    {
        var result = new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);
        if (input is null)
        {
            return result;
        }

        foreach (var (kind, byLocale) in input)
        {
            var kindPath = "templates." + kind;
            if (!MessageTemplates.IsKnownKind(kind))
            {
                errors.Add(kindPath, $"Unknown message kind '{kind}'. Known kinds: {string.Join(", ", MessageTemplates.Kinds)}.");
                continue;
            }

            var texts = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (locale, text) in byLocale ?? [])
            {
                var path = kindPath + "." + locale;
                if (!Locales.IsValid(locale))
                {
                    errors.Add(path, $"'{locale}' is not a language tag like \"zh-CN\" or \"en\".");
                    continue;
                }

                var problems = MessageTemplates.Check(kind, text);
                foreach (var problem in problems)
                {
                    errors.Add(path, problem);
                }

                // Line breaks and tabs are how a template lays out its text; other controls and invisible characters could spoof it.
                if (CustomerText.FindForbidden(text, allowLineBreaks: true) is { } forbidden)
                {
                    errors.Add(path, $"Templates must not contain control (other than line breaks and tab), bidi-override, zero-width or non-characters: {forbidden}.");
                }

                if (!texts.TryAdd(Locales.Normalize(locale), text))
                {
                    errors.Add(path, $"Another template for '{Locales.Normalize(locale)}' differs only in letter case.");
                }
            }

            result[kind] = texts;
        }

        return result;
    }

    [GeneratedRegex(@"^[a-z0-9][a-z0-9-]{2,62}\z", RegexOptions.CultureInvariant)]
    private static partial Regex ShopIdShape();

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9_+-]*(?:/[A-Za-z0-9_+-]+)*\z", RegexOptions.CultureInvariant)]
    private static partial Regex TimeZoneIdShape();
}
