using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Xml;

using Automation.Core.Agents;
using Automation.Core.Sweep;
using Automation.Core.Cases;
using Automation.Core.Platforms;
using Automation.Core.Reviews;

namespace Automation.Core.Shops;

/// <summary>
/// The body of <c>PUT /api/shops/{shopId}</c> as received: everything optional and unchecked.
/// <see cref="ShopSettingsValidator"/> turns it into <see cref="ShopSettings"/>.
/// </summary>
public sealed class ShopSettingsInput
{
    public string? Name { get; set; }

    /// <summary>IANA time zone id, e.g. "Asia/Shanghai".</summary>
    public string? TimeZone { get; set; }

    public string? Locale { get; set; }

    public string? WebhookSecret { get; set; }

    /// <summary>Null means no quiet hours.</summary>
    public QuietHoursInput? QuietHours { get; set; }

    /// <summary>Null means the defaults; a missing field inside means that field's default.</summary>
    public PaymentRemindersInput? PaymentReminders { get; set; }

    /// <summary>Null means the defaults; a missing field inside means that field's default.</summary>
    public ShippingNoticesInput? ShippingNotices { get; set; }

    /// <summary>Null means the defaults; a missing field inside means that field's default.</summary>
    public FollowUpsInput? FollowUps { get; set; }

    /// <summary>Null means the defaults; a missing field inside means that field's default.</summary>
    public ContactBudgetInput? ContactBudget { get; set; }

    /// <summary>Carrier name or code -> tracking page with {trackingNumber}; over the built-in table.</summary>
    [SuppressMessage("Usage", "CA2227:Collection properties should be read only", Justification = "Input DTO bound by System.Text.Json.")]
    public Dictionary<string, string>? Carriers { get; set; }

    /// <summary>Words that, sent alone by a customer, opt them out; on top of the built-in ones.</summary>
    [SuppressMessage("Usage", "CA2227:Collection properties should be read only", Justification = "Input DTO bound by System.Text.Json.")]
    [SuppressMessage("Design", "CA1002:Do not expose generic lists", Justification = "Input DTO bound by System.Text.Json.")]
    public List<string>? OptOutKeywords { get; set; }

    /// <summary>Service targets for after-sale cases; null means the defaults.</summary>
    public ServiceTargetsInput? Slas { get; set; }

    /// <summary>Null means the defaults (positive reviews answered automatically, the rest drafted).</summary>
    public ReviewRepliesInput? ReviewReplies { get; set; }

    /// <summary>The shop's team and their channels; null means none.</summary>
    [SuppressMessage("Usage", "CA2227:Collection properties should be read only", Justification = "Input DTO bound by System.Text.Json.")]
    [SuppressMessage("Design", "CA1002:Do not expose generic lists", Justification = "Input DTO bound by System.Text.Json.")]
    public List<AgentInput>? Agents { get; set; }

    /// <summary>When the morning sweep runs and its work is due (<c>{"at": "09:00", "deadline": "12:00"}</c>, local); null means those.</summary>
    public MorningSweepInput? MorningSweep { get; set; }

    /// <summary>Null means messages are recorded but not delivered anywhere.</summary>
    public CustomerChannelInput? CustomerChannel { get; set; }

    /// <summary>The shop platforms (Shopify, WooCommerce) whose own webhooks the shop sends; null means none.</summary>
    public PlatformsInput? Platforms { get; set; }

    /// <summary>Message kind -> locale -> template text; overrides the built-in templates.</summary>
    [SuppressMessage("Usage", "CA2227:Collection properties should be read only", Justification = "Input DTO bound by System.Text.Json.")]
    public Dictionary<string, Dictionary<string, string>>? Templates { get; set; }

    /// <summary>
    /// The input that validates back to <paramref name="settings"/> (for storing settings as JSON),
    /// optionally without secrets (for showing them).
    /// </summary>
    public static ShopSettingsInput From(ShopSettings settings, bool includeSecrets = true)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var reminders = settings.PaymentReminders;
        return new ShopSettingsInput
        {
            Name = settings.Name,
            TimeZone = settings.TimeZoneId,
            Locale = settings.Locale,
            WebhookSecret = includeSecrets ? settings.WebhookSecret : null,
            QuietHours = settings.QuietHours is { } quiet
                ? new QuietHoursInput { Start = Format(quiet.Start), End = Format(quiet.End) }
                : null,
            PaymentReminders = new PaymentRemindersInput
            {
                Enabled = reminders.Enabled,
                FirstAfter = XmlConvert.ToString(reminders.FirstAfter),
                LastBeforeClose = XmlConvert.ToString(reminders.LastBeforeClose),
                AutoCloseAfter = XmlConvert.ToString(reminders.AutoCloseAfter),
                MaxPerOrder = reminders.MaxPerOrder,
            },
            ShippingNotices = new ShippingNoticesInput
            {
                Enabled = settings.ShippingNotices.Enabled,
                RespectQuietHours = settings.ShippingNotices.RespectQuietHours,
            },
            FollowUps = new FollowUpsInput
            {
                Enabled = settings.FollowUps.Enabled,
                AfterDelivery = XmlConvert.ToString(settings.FollowUps.AfterDelivery),
                AfterShippedWithoutDelivery = XmlConvert.ToString(settings.FollowUps.AfterShippedWithoutDelivery),
            },
            ContactBudget = new ContactBudgetInput
            {
                MaxPerWindow = settings.ContactBudget.MaxPerWindow,
                Window = XmlConvert.ToString(settings.ContactBudget.Window),
            },
            Carriers = settings.CarrierLinks.Overrides.ToDictionary(c => c.Key, c => c.Value, StringComparer.Ordinal),
            ReviewReplies = ReviewRepliesInput.From(settings.ReviewReplies),
            OptOutKeywords = [.. settings.OptOutKeywords],
            Slas = ServiceTargetsInput.From(settings.ServiceTargets),
            Agents = [.. settings.Agents.Select(agent => AgentInput.From(agent, includeSecrets))],
            MorningSweep = MorningSweepInput.From(settings.MorningSweep),
            CustomerChannel = CustomerChannelInput.For(settings.CustomerChannel, includeSecrets),
            Platforms = PlatformsInput.From(settings.Platforms, includeSecrets),
            Templates = settings.Templates.ToDictionary(
                kind => kind.Key,
                kind => kind.Value.ToDictionary(locale => locale.Key, locale => locale.Value, StringComparer.Ordinal),
                StringComparer.Ordinal),
        };

        static string Format(TimeOnly time) => time.ToString("HH:mm", CultureInfo.InvariantCulture);
    }
}

public sealed class QuietHoursInput
{
    /// <summary>"HH:mm", shop-local.</summary>
    public string? Start { get; set; }

    /// <summary>"HH:mm", shop-local; before Start means the window crosses midnight.</summary>
    public string? End { get; set; }
}

public sealed class PaymentRemindersInput
{
    public bool? Enabled { get; set; }

    /// <summary>ISO-8601 duration, e.g. "PT30M".</summary>
    public string? FirstAfter { get; set; }

    /// <summary>ISO-8601 duration, e.g. "PT3H".</summary>
    public string? LastBeforeClose { get; set; }

    /// <summary>ISO-8601 duration, e.g. "PT24H".</summary>
    public string? AutoCloseAfter { get; set; }

    public int? MaxPerOrder { get; set; }
}

public sealed class ShippingNoticesInput
{
    public bool? Enabled { get; set; }

    public bool? RespectQuietHours { get; set; }
}

public sealed class FollowUpsInput
{
    public bool? Enabled { get; set; }

    /// <summary>ISO-8601 duration, e.g. "P3D".</summary>
    public string? AfterDelivery { get; set; }

    /// <summary>ISO-8601 duration, e.g. "P10D".</summary>
    public string? AfterShippedWithoutDelivery { get; set; }
}

public sealed class ContactBudgetInput
{
    public int? MaxPerWindow { get; set; }

    /// <summary>ISO-8601 duration, e.g. "PT24H".</summary>
    public string? Window { get; set; }
}

/// <summary>
/// <c>{"type": "webhook", "url", "secret"}</c> (the type may be left out: shops stored before email existed have none) or
/// <c>{"type": "email", "smtp": {...}, "from", "replyTo"}</c>.
/// </summary>
public sealed class CustomerChannelInput
{
    /// <summary>"webhook" (also when null) or "email".</summary>
    public string? Type { get; set; }

    /// <summary>Webhook: the shop's messaging endpoint.</summary>
    public string? Url { get; set; }

    /// <summary>Webhook: signs each message.</summary>
    public string? Secret { get; set; }

    /// <summary>Email: the shop's SMTP server.</summary>
    public SmtpInput? Smtp { get; set; }

    /// <summary>Email: the sender's bare address; the display name is the shop's name.</summary>
    public string? From { get; set; }

    /// <summary>Email: where buyers' replies go, when not to <see cref="From"/>.</summary>
    public string? ReplyTo { get; set; }

    public static CustomerChannelInput? For(CustomerChannel? channel, bool includeSecrets) => channel switch
    {
        null => null,
        WebhookCustomerChannel webhook => new CustomerChannelInput
        {
            Type = CustomerChannelTypes.Webhook,
            Url = webhook.Url.OriginalString,
            Secret = includeSecrets ? webhook.Secret : null,
        },
        EmailCustomerChannel email => new CustomerChannelInput
        {
            Type = CustomerChannelTypes.Email,
            Smtp = new SmtpInput
            {
                Host = email.Smtp.Host,
                Port = email.Smtp.Port,
                Security = SmtpSecurityNames.Name(email.Smtp.Security),
                Username = email.Smtp.Username,
                Password = includeSecrets ? email.Smtp.Password : null,
            },
            From = email.From,
            ReplyTo = email.ReplyTo,
        },
        _ => throw new ArgumentOutOfRangeException(nameof(channel), channel.GetType().Name, "Unknown customer channel."),
    };
}

public sealed class SmtpInput
{
    public string? Host { get; set; }

    /// <summary>Null means the security mode's usual port (465 for tls, 587 for starttls, 25 for none).</summary>
    public int? Port { get; set; }

    /// <summary>"none", "starttls" or "tls"; null means tls on port 465 and starttls on any other.</summary>
    public string? Security { get; set; }

    /// <summary>Null means the server takes mail without signing in.</summary>
    public string? Username { get; set; }

    /// <summary>Write-only: a PUT that leaves it out keeps the stored one for the same host and username.</summary>
    public string? Password { get; set; }
}
