using System.Text.Json;
using Automation.Core.Cases;
using Automation.Core.Reviews;
using Automation.Core.Shops;
using Automation.Core.Tests.Support;
using static Automation.Core.Tests.Support.Zones;

namespace Automation.Core.Tests.Shops;

public class ShopSettingsValidatorTests
{
    private const string ShopId = "demo-shop";

    [Fact]
    public void Validate_IssueExampleBody_IsValid()
    {
        const string json = """
            { "name": "Demo Shop", "timeZone": "Asia/Shanghai", "locale": "zh-CN",
              "webhookSecret": "at-least-16-characters",
              "quietHours": { "start": "21:00", "end": "09:00" },
              "paymentReminders": { "enabled": true, "firstAfter": "PT30M", "lastBeforeClose": "PT3H",
                                    "autoCloseAfter": "PT24H", "maxPerOrder": 2 },
              "customerChannel": { "url": "https://shop.example/messages", "secret": "whsec_c2hvcC1jaGFubmVsLXNlY3JldC0wMTIzNDU2Nzg5YWJj" },
              "templates": { "payment_reminder": { "zh-CN": "...{orderId}...", "en": "...{orderId}..." } } }
            """;
        var input = JsonSerializer.Deserialize<ShopSettingsInput>(json, JsonSerializerOptions.Web);

        var result = ShopSettingsValidator.Validate(ShopId, input);

        Assert.True(result.IsValid, string.Join("; ", result.Errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")));
        var shop = result.Value;
        Assert.Equal(ShopId, shop.ShopId);
        Assert.Equal("Demo Shop", shop.Name);
        Assert.Equal("Asia/Shanghai", shop.TimeZoneId);
        Assert.Equal(Shanghai, shop.TimeZone);
        Assert.Equal("zh-CN", shop.Locale);
        Assert.Equal("at-least-16-characters", shop.WebhookSecret);
        Assert.Equal(new QuietHours(T("21:00"), T("09:00")), shop.QuietHours);
        Assert.Equal(PaymentReminderSettings.Default, shop.PaymentReminders);
        Assert.Equal(new WebhookCustomerChannel(new Uri("https://shop.example/messages"), "whsec_c2hvcC1jaGFubmVsLXNlY3JldC0wMTIzNDU2Nzg5YWJj"), shop.CustomerChannel);
        Assert.Equal("...{orderId}...", shop.Templates["payment_reminder"]["zh-CN"]);
        Assert.Equal("...{orderId}...", shop.Templates["payment_reminder"]["en"]);
    }

    [Fact]
    public void Validate_ManyBadFields_ReportsEveryOneByPath()
    {
        var input = new ShopSettingsInput
        {
            Name = " ",
            TimeZone = "Mars/Olympus_Mons",
            Locale = "zh_CN",
            WebhookSecret = "short",
            QuietHours = new QuietHoursInput { Start = "25:00", End = "9:00" },
            PaymentReminders = new PaymentRemindersInput { FirstAfter = "30 minutes", LastBeforeClose = "PT0S", AutoCloseAfter = "-PT24H", MaxPerOrder = 6 },
            CustomerChannel = new CustomerChannelInput { Url = "http://shop.example/messages", Secret = "short" },
            Templates = new Dictionary<string, Dictionary<string, string>>
            {
                ["payment_reminder"] = new() { ["zh-CN"] = "订单{orderNo}", ["english"] = "Order {orderId}", ["en"] = "" },
                ["no_such_kind"] = new() { ["en"] = "hello" },
            },
        };

        var result = ShopSettingsValidator.Validate("Demo_Shop", input);

        Assert.False(result.IsValid);
        Assert.Equal(
            new[]
            {
                "customerChannel.secret", "customerChannel.url", "locale", "name",
                "paymentReminders.autoCloseAfter", "paymentReminders.firstAfter", "paymentReminders.lastBeforeClose", "paymentReminders.maxPerOrder",
                "quietHours.end", "quietHours.start", "shopId",
                "templates.no_such_kind", "templates.payment_reminder.en", "templates.payment_reminder.english", "templates.payment_reminder.zh-CN",
                "timeZone", "webhookSecret",
            },
            result.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("{orderNo}", Assert.Single(result.Errors["templates.payment_reminder.zh-CN"]), StringComparison.Ordinal);
        Assert.Contains("Mars/Olympus_Mons", Assert.Single(result.Errors["timeZone"]), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_MinimalBody_UsesDefaults()
    {
        var input = new ShopSettingsInput { Name = "Demo Shop", TimeZone = "Europe/Berlin", Locale = "en", WebhookSecret = "0123456789abcdef" };

        var shop = ShopSettingsValidator.Validate(ShopId, input).Value!;

        Assert.Null(shop.QuietHours);
        Assert.Null(shop.CustomerChannel);
        Assert.Equal(PaymentReminderSettings.Default, shop.PaymentReminders);
        Assert.Empty(shop.Templates);
    }

    [Fact]
    public void Validate_NoBody_NamesBody()
    {
        Assert.Equal(["body"], ShopSettingsValidator.Validate(ShopId, null).Errors.Keys);
    }

    [Theory]
    [InlineData("demo-shop", true)]
    [InlineData("abc", true)]
    [InlineData("1shop", true)]
    [InlineData("ab", false)]
    [InlineData("-shop", false)]
    [InlineData("Demo-Shop", false)]
    [InlineData("demo_shop", false)]
    [InlineData("demo:shop", false)]
    [InlineData("demo-shop\n", false)]
    public void Validate_ShopIdShape_AcceptsOnlyLowercaseSlugs(string shopId, bool valid)
    {
        var result = ShopSettingsValidator.Validate(shopId, TestShops.ExampleInput());

        Assert.Equal(valid ? [] : ["shopId"], result.Errors.Keys);
    }

    [Fact]
    public void Validate_ShopIdOf63Characters_IsTheLongestAccepted()
    {
        Assert.True(ShopSettingsValidator.IsValidShopId(new string('a', 63)));
        Assert.False(ShopSettingsValidator.IsValidShopId(new string('a', 64)));
    }

    [Theory]
    [InlineData("Asia/Shanghai")]
    [InlineData("America/New_York")]
    [InlineData("America/Argentina/Buenos_Aires")]
    [InlineData("Etc/GMT+5")]
    [InlineData("Etc/UTC")]
    [InlineData("UTC")]
    [InlineData("Europe/Kyiv")]
    public void Validate_KnownIanaZone_IsAccepted(string zone)
    {
        var input = TestShops.ExampleInput();
        input.TimeZone = zone;

        Assert.Equal(zone, ShopSettingsValidator.Validate(ShopId, input).Value!.TimeZoneId);
    }

    [Theory]
    [InlineData("")]
    [InlineData("Mars/Olympus_Mons")]
    [InlineData("China Standard Time")]
    [InlineData("../../../etc/passwd")]
    [InlineData("/usr/share/zoneinfo/UTC")]
    [InlineData("+08:00")]
    [InlineData("localtime")]
    [InlineData("posixrules")]
    [InlineData("Factory")]
    [InlineData("asia/shanghai")]
    [InlineData("ASIA/SHANGHAI")]
    [InlineData("Etc/gmt+5")]
    [InlineData("Etc/GMT+13")]
    [InlineData("posix/Asia/Shanghai")]
    [InlineData("right/Asia/Shanghai")]
    public void Validate_UnknownOrNonIanaZone_NamesTimeZone(string zone)
    {
        var input = TestShops.ExampleInput();
        input.TimeZone = zone;

        Assert.Equal(["timeZone"], ShopSettingsValidator.Validate(ShopId, input).Errors.Keys);
    }

    [Theory]
    [InlineData("zh-CN", "zh-CN")]
    [InlineData("zh-cn", "zh-CN")]
    [InlineData("en", "en")]
    [InlineData("EN-us", "en-US")]
    [InlineData("zh-hans-cn", "zh-Hans-CN")]
    [InlineData("es-419", "es-419")]
    public void Validate_LanguageTag_IsNormalized(string locale, string expected)
    {
        var input = TestShops.ExampleInput();
        input.Locale = locale;

        Assert.Equal(expected, ShopSettingsValidator.Validate(ShopId, input).Value!.Locale);
    }

    [Theory]
    [InlineData("")]
    [InlineData("zh_CN")]
    [InlineData("chinese")]
    [InlineData("z")]
    [InlineData("zh-")]
    [InlineData("en-US-x-private")]
    public void Validate_NotALanguageTag_NamesLocale(string locale)
    {
        var input = TestShops.ExampleInput();
        input.Locale = locale;

        Assert.Equal(["locale"], ShopSettingsValidator.Validate(ShopId, input).Errors.Keys);
    }

    [Fact]
    public void Validate_NameOver200Characters_NamesName()
    {
        var input = TestShops.ExampleInput();
        input.Name = new string('n', 201);

        Assert.Equal(["name"], ShopSettingsValidator.Validate(ShopId, input).Errors.Keys);
    }

    [Theory]
    [InlineData(15, false)]
    [InlineData(16, true)]
    [InlineData(256, true)]
    [InlineData(257, false)]
    public void Validate_WebhookSecretLength_MustBeAtLeast16(int length, bool valid)
    {
        var input = TestShops.ExampleInput();
        input.WebhookSecret = new string('s', length);

        Assert.Equal(valid ? [] : ["webhookSecret"], ShopSettingsValidator.Validate(ShopId, input).Errors.Keys);
    }

    [Theory]
    [InlineData(15, false)]
    [InlineData(16, true)]
    [InlineData(256, true)]
    [InlineData(257, false)]
    public void ValidateStored_PlainChannelSecretSavedBefore_KeepsTheOldLengthRule(int length, bool valid)
    {
        var input = TestShops.ExampleInput();
        input.CustomerChannel!.Secret = new string('s', length);

        Assert.Equal(valid ? [] : ["customerChannel.secret"], ShopSettingsValidator.ValidateStored(ShopId, input).Errors.Keys);
    }

    [Theory]
    [InlineData("channel-secret-0123456789", "Must be a Standard Webhooks secret")]
    [InlineData("whsec_not base64 at all!", "standard base64")]
    [InlineData("whsec_MDEyMzQ1Njc4OWFiY2RlZg==", "is 16 bytes")]
    public void Validate_ChannelSecretNotAStandardWebhooksSecret_NamesTheFieldWithoutTheSecret(string secret, string expected)
    {
        var input = TestShops.ExampleInput();
        input.CustomerChannel!.Secret = secret;

        var result = ShopSettingsValidator.Validate(ShopId, input);

        var message = Assert.Single(Assert.Single(result.Errors, e => e.Key == "customerChannel.secret").Value);
        Assert.Single(result.Errors);
        Assert.Contains(expected, message, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, message, StringComparison.Ordinal);
    }

    [Fact]
    public void ValidateStored_PlainChannelSecretSavedBefore_IsReadAndSignsWithIt()
    {
        var input = TestShops.ExampleInput();
        input.CustomerChannel!.Secret = "channel-secret-0123456789";

        var result = ShopSettingsValidator.ValidateStored(ShopId, input);

        Assert.True(result.IsValid, string.Join("; ", result.Errors.Keys));
        Assert.Equal("channel-secret-0123456789", Assert.IsType<WebhookCustomerChannel>(result.Value.CustomerChannel).Secret);
    }

    [Fact]
    public void Validate_PlainChannelSecretKeptFromStoredSettings_StaysAccepted()
    {
        var saved = TestShops.ExampleInput();
        saved.CustomerChannel!.Secret = "channel-secret-0123456789";
        var existing = ShopSettingsValidator.ValidateStored(ShopId, saved).Value!;
        var update = ShopSettingsInput.From(existing, includeSecrets: false);
        update.Name = "Renamed Shop";

        var result = ShopSettingsValidator.Validate(ShopId, update, existing);

        Assert.True(result.IsValid, string.Join("; ", result.Errors.Keys));
        Assert.Equal("channel-secret-0123456789", Assert.IsType<WebhookCustomerChannel>(result.Value.CustomerChannel).Secret);
    }

    [Fact]
    public void Validate_PlainChannelSecretSentAgain_IsRefusedEvenWhenStored()
    {
        var saved = TestShops.ExampleInput();
        saved.CustomerChannel!.Secret = "channel-secret-0123456789";
        var existing = ShopSettingsValidator.ValidateStored(ShopId, saved).Value!;

        Assert.Equal(["customerChannel.secret"], ShopSettingsValidator.Validate(ShopId, saved, existing).Errors.Keys);
    }

    [Theory]
    [InlineData("Demo\u202EShop")]
    [InlineData("Demo\u0000Shop")]
    [InlineData("Demo\nShop")]
    [InlineData("Demo\u200BShop")]
    [InlineData("Demo Shop\uFFFF")]
    public void Validate_ShopNameWithSpoofingCharacter_NamesName(string name)
    {
        var input = TestShops.ExampleInput();
        input.Name = name;

        var result = ShopSettingsValidator.Validate(ShopId, input);

        Assert.Equal(["name"], result.Errors.Keys);
        Assert.Contains("U+", Assert.Single(result.Errors["name"]), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Pay {orderId} \u202Enow")]
    [InlineData("Pay {orderId}\u0000")]
    [InlineData("Pay\u2066 {orderId}")]
    [InlineData("\uFEFFPay {orderId}")]
    public void Validate_TemplateWithSpoofingCharacter_NamesKindAndLocale(string text)
    {
        var input = TestShops.ExampleInput();
        input.Templates!["payment_reminder"]["en"] = text;

        Assert.Equal(["templates.payment_reminder.en"], ShopSettingsValidator.Validate(ShopId, input).Errors.Keys);
    }

    [Fact]
    public void Validate_TemplateWithLineBreaksAndTab_IsAccepted()
    {
        var input = TestShops.ExampleInput();
        input.Templates!["payment_reminder"]["en"] = "Hello,\r\n\tyour order {orderId} is not paid yet.\nThanks";

        Assert.True(ShopSettingsValidator.Validate(ShopId, input).IsValid);
    }

    [Fact]
    public void Validate_NoQuietHours_MeansNone()
    {
        var input = TestShops.ExampleInput();
        input.QuietHours = null;

        Assert.Null(ShopSettingsValidator.Validate(ShopId, input).Value!.QuietHours);
    }

    [Theory]
    [InlineData("Asia/Chongqing", "Asia/Shanghai")]
    [InlineData("PRC", "Asia/Shanghai")]
    [InlineData("US/Eastern", "America/New_York")]
    [InlineData("Asia/Calcutta", "Asia/Kolkata")]
    [InlineData("Europe/Kiev", "Europe/Kyiv")]
    [InlineData("America/Buenos_Aires", "America/Argentina/Buenos_Aires")]
    public void Validate_LinkToAnotherZone_IsRefusedNamingTheCanonicalId(string link, string canonical)
    {
        var input = TestShops.ExampleInput();
        input.TimeZone = link;

        var message = Assert.Single(ShopSettingsValidator.Validate(ShopId, input).Errors["timeZone"]);
        Assert.Contains(link, message, StringComparison.Ordinal);
        Assert.Contains(canonical, message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("00:00")]
    [InlineData("21:00")]
    public void Validate_QuietHoursStartEqualsEnd_NamesQuietHours(string time)
    {
        var input = TestShops.ExampleInput();
        input.QuietHours = new QuietHoursInput { Start = time, End = time };

        var result = ShopSettingsValidator.Validate(ShopId, input);

        Assert.Equal(["quietHours"], result.Errors.Keys);
        Assert.Contains("null", Assert.Single(result.Errors["quietHours"]), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("9:00")]
    [InlineData("24:00")]
    [InlineData("23:60")]
    [InlineData("21:00:00")]
    [InlineData("9pm")]
    [InlineData("")]
    [InlineData(null)]
    public void Validate_QuietHoursNotHhMm_NamesTheField(string? start)
    {
        var input = TestShops.ExampleInput();
        input.QuietHours = new QuietHoursInput { Start = start, End = "23:59" };

        Assert.Equal(["quietHours.start"], ShopSettingsValidator.Validate(ShopId, input).Errors.Keys);
    }

    [Theory]
    [InlineData("PT30M", 30 * 60)]
    [InlineData("PT3H", 3 * 3600)]
    [InlineData("PT1H30M", 90 * 60)]
    [InlineData("P1D", 24 * 3600)]
    [InlineData("P1DT2H", 26 * 3600)]
    [InlineData("PT90S", 90)]
    public void Validate_IsoDuration_IsParsed(string duration, int seconds)
    {
        var input = TestShops.ExampleInput();
        input.PaymentReminders!.LastBeforeClose = duration;

        Assert.Equal(TimeSpan.FromSeconds(seconds), ShopSettingsValidator.Validate(ShopId, input).Value!.PaymentReminders.LastBeforeClose);
    }

    [Theory]
    [InlineData("PT0S")]
    [InlineData("PT0M")]
    [InlineData("-PT1H")]
    [InlineData("P1M")]
    [InlineData("P1Y")]
    [InlineData("PT")]
    [InlineData("P")]
    [InlineData("30m")]
    [InlineData("00:30:00")]
    [InlineData("P31D")]
    [InlineData("PT1H\n")]
    [InlineData("")]
    public void Validate_BadDuration_NamesTheField(string duration)
    {
        var input = TestShops.ExampleInput();
        input.PaymentReminders!.LastBeforeClose = duration;

        Assert.Equal(["paymentReminders.lastBeforeClose"], ShopSettingsValidator.Validate(ShopId, input).Errors.Keys);
    }

    [Fact]
    public void Validate_FirstReminderNotBeforeAutoClose_NamesFirstAfter()
    {
        var input = TestShops.ExampleInput();
        input.PaymentReminders!.FirstAfter = "PT24H";

        Assert.Equal(["paymentReminders.firstAfter"], ShopSettingsValidator.Validate(ShopId, input).Errors.Keys);
    }

    [Theory]
    [InlineData(-1, false)]
    [InlineData(0, true)]
    [InlineData(5, true)]
    [InlineData(6, false)]
    public void Validate_MaxPerOrder_MustBeZeroToFive(int max, bool valid)
    {
        var input = TestShops.ExampleInput();
        input.PaymentReminders!.MaxPerOrder = max;

        Assert.Equal(valid ? [] : ["paymentReminders.maxPerOrder"], ShopSettingsValidator.Validate(ShopId, input).Errors.Keys);
    }

    [Fact]
    public void Validate_PartialPaymentReminders_DefaultsTheRest()
    {
        var input = TestShops.ExampleInput();
        input.PaymentReminders = new PaymentRemindersInput { MaxPerOrder = 3, AutoCloseAfter = "PT72H" };

        var reminders = ShopSettingsValidator.Validate(ShopId, input).Value!.PaymentReminders;

        Assert.Equal(PaymentReminderSettings.Default with { MaxPerOrder = 3, AutoCloseAfter = TimeSpan.FromHours(72) }, reminders);
    }

    [Fact]
    public void Validate_RemindersDisabled_IsKept()
    {
        var input = TestShops.ExampleInput();
        input.PaymentReminders = new PaymentRemindersInput { Enabled = false };

        Assert.False(ShopSettingsValidator.Validate(ShopId, input).Value!.PaymentReminders.Enabled);
    }

    [Theory]
    [InlineData("https://shop.example/messages")]
    [InlineData("https://shop.example:8443/hooks/messages?v=1")]
    [InlineData("http://localhost:7071/sink")]
    [InlineData("http://127.0.0.1:5000/sink")]
    [InlineData("http://[::1]:5000/sink")]
    public void Validate_HttpsOrLoopbackChannel_IsAccepted(string url)
    {
        var input = TestShops.ExampleInput();
        input.CustomerChannel!.Url = url;

        Assert.Equal(new Uri(url), Assert.IsType<WebhookCustomerChannel>(ShopSettingsValidator.Validate(ShopId, input).Value!.CustomerChannel).Url);
    }

    [Theory]
    [InlineData("http://shop.example/messages")]
    [InlineData("http://10.0.0.5/messages")]
    [InlineData("ftp://shop.example/messages")]
    [InlineData("/messages")]
    [InlineData("shop.example/messages")]
    [InlineData("https://user:password@shop.example/messages")]
    [InlineData("")]
    public void Validate_OtherChannelUrl_NamesUrl(string url)
    {
        var input = TestShops.ExampleInput();
        input.CustomerChannel!.Url = url;

        Assert.Equal(["customerChannel.url"], ShopSettingsValidator.Validate(ShopId, input).Errors.Keys);
    }

    [Fact]
    public void Validate_NoChannel_MeansNone()
    {
        var input = TestShops.ExampleInput();
        input.CustomerChannel = null;

        Assert.Null(ShopSettingsValidator.Validate(ShopId, input).Value!.CustomerChannel);
    }

    [Theory]
    [InlineData("订单{orderId}：{{不是占位符}}")]
    [InlineData("{shopName}{orderId}{amount}{currency}{itemTitle}{payUrl}{customerName}{autoCloseAt}")]
    [InlineData("plain text")]
    public void Validate_GoodTemplate_IsAccepted(string text)
    {
        var input = TestShops.ExampleInput();
        input.Templates!["payment_reminder"]["en"] = text;

        Assert.True(ShopSettingsValidator.Validate(ShopId, input).IsValid);
    }

    [Theory]
    [InlineData("Order {orderNo}")]
    [InlineData("Order {orderId")]
    [InlineData("Order orderId}")]
    [InlineData("Order {}")]
    [InlineData("Order { orderId }")]
    [InlineData("   ")]
    public void Validate_BadTemplate_NamesKindAndLocale(string text)
    {
        var input = TestShops.ExampleInput();
        input.Templates!["payment_reminder"]["en"] = text;

        Assert.Equal(["templates.payment_reminder.en"], ShopSettingsValidator.Validate(ShopId, input).Errors.Keys);
    }

    [Fact]
    public void Validate_TemplateLength_AllowsUpTo2000Characters()
    {
        var input = TestShops.ExampleInput();
        input.Templates!["payment_reminder"]["en"] = new string('x', 2000);
        input.Templates["payment_reminder"]["zh-CN"] = new string('x', 2001);

        Assert.Equal(["templates.payment_reminder.zh-CN"], ShopSettingsValidator.Validate(ShopId, input).Errors.Keys);
    }

    [Fact]
    public void Validate_TemplateLocales_AreNormalized()
    {
        var input = TestShops.ExampleInput();
        input.Templates = new() { ["payment_reminder"] = new() { ["zh-cn"] = "{orderId}" } };

        Assert.Equal(["zh-CN"], ShopSettingsValidator.Validate(ShopId, input).Value!.Templates["payment_reminder"].Keys);
    }

    [Fact]
    public void Validate_TemplateLocalesDifferingOnlyInCase_NamesTheDuplicate()
    {
        var input = TestShops.ExampleInput();
        input.Templates = new() { ["payment_reminder"] = new() { ["zh-CN"] = "{orderId}", ["zh-cn"] = "{orderId}!" } };

        Assert.Equal(["templates.payment_reminder.zh-cn"], ShopSettingsValidator.Validate(ShopId, input).Errors.Keys);
    }

    [Fact]
    public void Validate_SecretsOmittedWithExistingSettings_KeepsStoredSecrets()
    {
        var existing = ShopSettingsValidator.Validate(ShopId, TestShops.ExampleInput()).Value!;
        var input = ShopSettingsInput.From(existing, includeSecrets: false);
        input.Name = "Renamed Shop";

        var result = ShopSettingsValidator.Validate(ShopId, input, existing);

        Assert.True(result.IsValid);
        Assert.Equal("Renamed Shop", result.Value.Name);
        Assert.Equal(existing.WebhookSecret, result.Value.WebhookSecret);
        Assert.Equal(existing.CustomerChannel, result.Value.CustomerChannel);
    }

    [Fact]
    public void Validate_SecretsOmittedForNewShop_NamesThem()
    {
        var input = TestShops.ExampleInput();
        input.WebhookSecret = null;
        input.CustomerChannel!.Secret = null;

        Assert.Equal(["customerChannel.secret", "webhookSecret"], ShopSettingsValidator.Validate(ShopId, input).Errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void From_ValidatedSettings_RoundTripsThroughTheValidator()
    {
        var original = TestShops.ExampleInput();
        original.PaymentReminders = new PaymentRemindersInput { Enabled = false, FirstAfter = "PT45M", LastBeforeClose = "PT2H30M", AutoCloseAfter = "P2D", MaxPerOrder = 4 };
        original.ShippingNotices = new ShippingNoticesInput { Enabled = false, RespectQuietHours = true };
        original.FollowUps = new FollowUpsInput { AfterDelivery = "P2D", AfterShippedWithoutDelivery = "P7D" };
        original.ContactBudget = new ContactBudgetInput { MaxPerWindow = 3, Window = "PT12H" };
        original.Carriers = new Dictionary<string, string> { ["顺丰"] = "https://track.example/sf/{trackingNumber}" };
        original.OptOutKeywords = ["别再发了"];
        original.Slas = new ServiceTargetsInput { FirstResponse = "PT10M", Resolution = new() { ["exchange"] = "PT27H" } };
        var settings = ShopSettingsValidator.Validate(ShopId, original).Value!;

        var json = JsonSerializer.Serialize(ShopSettingsInput.From(settings), JsonSerializerOptions.Web);
        var again = ShopSettingsValidator.Validate(ShopId, JsonSerializer.Deserialize<ShopSettingsInput>(json, JsonSerializerOptions.Web)).Value!;

        Assert.Equal(settings with { Templates = again.Templates, CarrierLinks = again.CarrierLinks, ReviewReplies = again.ReviewReplies, OptOutKeywords = again.OptOutKeywords, ServiceTargets = again.ServiceTargets }, again);
        Assert.Equal(TimeSpan.FromMinutes(10), again.ServiceTargets.FirstResponse);
        Assert.Equal(TimeSpan.FromHours(27), again.ServiceTargets.ResolutionFor(CaseKind.Exchange));
        Assert.Equal(["别再发了"], again.OptOutKeywords);
        Assert.Equal(settings.Templates["payment_reminder"], again.Templates["payment_reminder"]);
        Assert.Equal(new ShippingNoticeSettings(false, true), again.ShippingNotices);
        Assert.Equal(new FollowUpSettings(true, TimeSpan.FromDays(2), TimeSpan.FromDays(7)), again.FollowUps);
        Assert.Equal(new ContactBudgetSettings(3, TimeSpan.FromHours(12)), again.ContactBudget);
        Assert.Equal("https://track.example/sf/{trackingNumber}", again.CarrierLinks.Overrides["shunfeng"]);
        Assert.Equal(JsonSerializer.Serialize(ReviewRepliesInput.From(settings.ReviewReplies)), JsonSerializer.Serialize(ReviewRepliesInput.From(again.ReviewReplies)));
    }

    [Fact]
    public void From_WithoutSecrets_LeavesThemOut()
    {
        var settings = ShopSettingsValidator.Validate(ShopId, TestShops.ExampleInput()).Value!;

        var shown = ShopSettingsInput.From(settings, includeSecrets: false);

        Assert.Null(shown.WebhookSecret);
        Assert.Null(shown.CustomerChannel!.Secret);
        Assert.Equal("https://shop.example/messages", shown.CustomerChannel.Url);
    }

    [Fact]
    public void ToString_Settings_DoesNotRevealSecrets()
    {
        var settings = ShopSettingsValidator.Validate(ShopId, TestShops.ExampleInput()).Value!;

        Assert.DoesNotContain("at-least-16-characters", settings.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(TestShops.ChannelSecret, settings.ToString(), StringComparison.Ordinal);
    }
}
