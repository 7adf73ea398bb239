using Automation.Core.Shops;

namespace Automation.Core.Tests.Support;

/// <summary>Builders for shop settings; vary them with <c>with</c>.</summary>
internal static class TestShops
{
    public const string WebhookSecret = "webhook-secret-0123456789";

    /// <summary>An outbound signing secret in the Standard Webhooks form (the base64 of 33 bytes).</summary>
    public const string ChannelSecret = "whsec_c2hvcC1jaGFubmVsLXNlY3JldC0wMTIzNDU2Nzg5YWJj";

    /// <summary>A Shanghai shop with default reminders, no quiet hours, no channel and no template overrides.</summary>
    public static ShopSettings Shop(
        string timeZoneId = "Asia/Shanghai",
        QuietHours? quietHours = null,
        PaymentReminderSettings? reminders = null,
        string locale = "zh-CN") => new(
            TestOrders.ShopId,
            "Demo Shop",
            timeZoneId,
            locale,
            WebhookSecret,
            quietHours,
            reminders ?? PaymentReminderSettings.Default,
            CustomerChannel: null,
            Templates: new Dictionary<string, IReadOnlyDictionary<string, string>>());

    public static ShopSettings WithTemplates(this ShopSettings shop, string kind, params (string Locale, string Text)[] templates)
        => shop with
        {
            Templates = new Dictionary<string, IReadOnlyDictionary<string, string>>
            {
                [kind] = templates.ToDictionary(t => t.Locale, t => t.Text),
            },
        };

    /// <summary>The body of the PUT example, with real values in place of "...".</summary>
    public static ShopSettingsInput ExampleInput() => new()
    {
        Name = "Demo Shop",
        TimeZone = "Asia/Shanghai",
        Locale = "zh-CN",
        WebhookSecret = "at-least-16-characters",
        QuietHours = new QuietHoursInput { Start = "21:00", End = "09:00" },
        PaymentReminders = new PaymentRemindersInput { Enabled = true, FirstAfter = "PT30M", LastBeforeClose = "PT3H", AutoCloseAfter = "PT24H", MaxPerOrder = 2 },
        CustomerChannel = new CustomerChannelInput { Url = "https://shop.example/messages", Secret = ChannelSecret },
        Templates = new Dictionary<string, Dictionary<string, string>>
        {
            ["payment_reminder"] = new()
            {
                ["zh-CN"] = "您的订单{orderId}还未付款",
                ["en"] = "Your order {orderId} is not paid yet",
            },
        },
    };
}
