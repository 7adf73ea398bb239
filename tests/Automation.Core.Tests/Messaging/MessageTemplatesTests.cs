using Automation.Core.Messaging;
using Automation.Core.Tests.Support;

namespace Automation.Core.Tests.Messaging;

public class MessageTemplatesTests
{
    private const string Kind = MessageKinds.PaymentReminder;

    [Fact]
    public void PlaceholdersFor_PaymentReminder_ListsOrderFacts()
    {
        Assert.Equal(
            new HashSet<string> { "shopName", "orderId", "amount", "currency", "itemTitle", "payUrl", "customerName", "autoCloseAt" },
            MessageTemplates.PlaceholdersFor(Kind));
    }

    [Fact]
    public void PlaceholdersFor_UnknownKind_Throws()
    {
        Assert.Throws<ArgumentException>(() => MessageTemplates.PlaceholdersFor("no_such_kind"));
    }

    [Fact]
    public void IsKnownKind_PaymentReminder_IsKnownOthersNot()
    {
        Assert.True(MessageTemplates.IsKnownKind(Kind));
        Assert.False(MessageTemplates.IsKnownKind("Payment_Reminder"));
        Assert.Contains(Kind, MessageTemplates.Kinds);
    }

    [Theory]
    [InlineData("zh-CN")]
    [InlineData("en")]
    public void DefaultsFor_PaymentReminder_AreValidAndSpecific(string locale)
    {
        var text = MessageTemplates.DefaultsFor(Kind)[locale];

        Assert.Empty(MessageTemplates.Check(Kind, text));
        foreach (var placeholder in new[] { "{orderId}", "{itemTitle}", "{amount}", "{payUrl}", "{autoCloseAt}" })
        {
            Assert.Contains(placeholder, text, StringComparison.Ordinal);
        }

        Assert.True(text.Length < 200, "Reminders are short.");
    }

    [Fact]
    public void Check_UnknownPlaceholder_NamesItAndTheKnownOnes()
    {
        var problem = Assert.Single(MessageTemplates.Check(Kind, "Order {orderNo} for {orderNo}"));

        Assert.Contains("{orderNo}", problem, StringComparison.Ordinal);
        Assert.Contains("{orderId}", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{orderId")]
    [InlineData("orderId}")]
    [InlineData("{}")]
    [InlineData("{order id}")]
    [InlineData("{{orderId}")]
    public void Check_BrokenBraces_IsAProblem(string text)
    {
        Assert.Single(MessageTemplates.Check(Kind, text));
    }

    [Theory]
    [InlineData("{{orderId}}")]
    [InlineData("{{{orderId}}}")]
    [InlineData("no placeholders")]
    public void Check_EscapedBraces_AreFine(string text)
    {
        Assert.Empty(MessageTemplates.Check(Kind, text));
    }

    [Fact]
    public void Render_EscapedBraces_WritesLiteralBraces()
    {
        var shop = TestShops.Shop().WithTemplates(Kind, ("en", "{{orderId}} is {orderId}; {{{orderId}}}"));

        var text = MessageTemplates.Render(Kind, "en", shop, Values(("orderId", "A1001")));

        Assert.Equal("{orderId} is A1001; {A1001}", text);
    }

    [Fact]
    public void Render_MissingValue_RendersNothing()
    {
        var shop = TestShops.Shop().WithTemplates(Kind, ("en", "Hi {customerName}! Order {orderId}."));

        Assert.Equal("Hi ! Order A1001.", MessageTemplates.Render(Kind, "en", shop, Values(("orderId", "A1001"))));
    }

    [Fact]
    public void Render_ValueWithBraces_IsInsertedVerbatim()
    {
        var shop = TestShops.Shop().WithTemplates(Kind, ("en", "Item: {itemTitle}"));

        Assert.Equal("Item: {payUrl}", MessageTemplates.Render(Kind, "en", shop, Values(("itemTitle", "{payUrl}"), ("payUrl", "x"))));
    }

    [Fact]
    public void Resolve_RecipientLocaleBuiltIn_UsesIt()
    {
        var template = MessageTemplates.Resolve(Kind, "zh-CN", TestShops.Shop(locale: "en"));

        Assert.Equal(("zh-CN", false), (template.Locale, template.IsShopOverride));
    }

    [Fact]
    public void Resolve_ShopOverrideForRecipientLocale_WinsOverBuiltIn()
    {
        var shop = TestShops.Shop().WithTemplates(Kind, ("zh-CN", "店铺自己的{orderId}"));

        var template = MessageTemplates.Resolve(Kind, "zh-CN", shop);

        Assert.Equal(("zh-CN", true, "店铺自己的{orderId}"), (template.Locale, template.IsShopOverride, template.Text));
    }

    [Fact]
    public void Resolve_RecipientLocaleCasing_DoesNotMatter()
    {
        var shop = TestShops.Shop().WithTemplates(Kind, ("zh-CN", "店铺自己的{orderId}"));

        Assert.True(MessageTemplates.Resolve(Kind, "ZH-cn", shop).IsShopOverride);
    }

    [Fact]
    public void Resolve_OnlySameLanguageOtherRegion_FallsBackToLanguage()
    {
        // zh-TW has no template; the Chinese one beats English.
        var template = MessageTemplates.Resolve(Kind, "zh-TW", TestShops.Shop(locale: "en"));

        Assert.Equal("zh-CN", template.Locale);
    }

    [Fact]
    public void Resolve_LanguageStep_PrefersBareLanguageTag()
    {
        var shop = TestShops.Shop().WithTemplates(Kind, ("en-AU", "AU {orderId}"), ("en", "plain {orderId}"), ("en-GB", "GB {orderId}"));

        Assert.Equal("en", MessageTemplates.Resolve(Kind, "en-US", shop).Locale);
    }

    [Fact]
    public void Resolve_LanguageStep_ShopOverrideInOtherRegionBeatsBuiltIn()
    {
        var shop = TestShops.Shop(locale: "zh-CN").WithTemplates(Kind, ("en-GB", "GB {orderId}"));

        var template = MessageTemplates.Resolve(Kind, "en-US", shop);

        Assert.Equal(("en-GB", true), (template.Locale, template.IsShopOverride));
    }

    [Fact]
    public void Resolve_RecipientLanguageUnknown_UsesShopLocale()
    {
        var template = MessageTemplates.Resolve(Kind, "fr-FR", TestShops.Shop(locale: "zh-CN"));

        Assert.Equal("zh-CN", template.Locale);
    }

    [Fact]
    public void Resolve_NoRecipientLocale_UsesShopLocale()
    {
        Assert.Equal("zh-CN", MessageTemplates.Resolve(Kind, null, TestShops.Shop(locale: "zh-CN")).Locale);
    }

    [Fact]
    public void Resolve_NeitherRecipientNorShopLanguageKnown_UsesEnglish()
    {
        var template = MessageTemplates.Resolve(Kind, "fr", TestShops.Shop(locale: "de-DE"));

        Assert.Equal(("en", false), (template.Locale, template.IsShopOverride));
    }

    [Fact]
    public void Resolve_ShopLocaleOverride_BeatsBuiltInEnglish()
    {
        var shop = TestShops.Shop(locale: "de-DE").WithTemplates(Kind, ("de", "Bestellung {orderId}"));

        Assert.Equal("de", MessageTemplates.Resolve(Kind, "fr", shop).Locale);
    }

    [Fact]
    public void Resolve_RecipientLanguageBuiltIn_BeatsShopOverrideInAnotherLanguage()
    {
        var shop = TestShops.Shop(locale: "en").WithTemplates(Kind, ("en", "Order {orderId}"));

        Assert.Equal(("zh-CN", false), (MessageTemplates.Resolve(Kind, "zh-CN", shop).Locale, MessageTemplates.Resolve(Kind, "zh-CN", shop).IsShopOverride));
    }

    [Fact]
    public void Resolve_StoredOverrideNoLongerValid_IsPassedOver()
    {
        var shop = TestShops.Shop().WithTemplates(Kind, ("zh-CN", "{removedPlaceholder}"));

        Assert.False(MessageTemplates.Resolve(Kind, "zh-CN", shop).IsShopOverride);
    }

    [Fact]
    public void Resolve_InvalidRecipientLocale_IsIgnored()
    {
        Assert.Equal("zh-CN", MessageTemplates.Resolve(Kind, "not a locale", TestShops.Shop(locale: "zh-CN")).Locale);
    }

    private static Dictionary<string, string> Values(params (string Key, string Value)[] values)
        => values.ToDictionary(v => v.Key, v => v.Value);
}
