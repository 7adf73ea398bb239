using Automation.Core.Shipping;

namespace Automation.Core.Tests.Shipping;

public class CarrierTrackingLinksTests
{
    [Theory]
    [InlineData("SF Express", "SF1234567890123", "https://www.sf-express.com/chn/sc/waybill/waybill-detail/SF1234567890123")]
    [InlineData("JD Logistics", "JDVA12345678901", "https://www.kuaidi100.com/chaxun?com=jd&nu=JDVA12345678901")]
    [InlineData("ZTO", "73123456789012", "https://www.kuaidi100.com/chaxun?com=zhongtong&nu=73123456789012")]
    [InlineData("YTO", "YT1234567890123", "https://www.kuaidi100.com/chaxun?com=yuantong&nu=YT1234567890123")]
    [InlineData("STO", "773012345678901", "https://www.kuaidi100.com/chaxun?com=shentong&nu=773012345678901")]
    [InlineData("Yunda", "312345678901234", "https://www.kuaidi100.com/chaxun?com=yunda&nu=312345678901234")]
    [InlineData("EMS", "9812345678901", "https://www.kuaidi100.com/chaxun?com=ems&nu=9812345678901")]
    [InlineData("China Post", "9812345678901", "https://www.kuaidi100.com/chaxun?com=youzhengguonei&nu=9812345678901")]
    [InlineData("UPS", "1Z999AA10123456784", "https://www.ups.com/track?tracknum=1Z999AA10123456784")]
    [InlineData("FedEx", "123456789012", "https://www.fedex.com/fedextrack/?trknbr=123456789012")]
    [InlineData("DHL", "1234567890", "https://www.dhl.com/global-en/home/tracking/tracking-express.html?submit=1&tracking-id=1234567890")]
    [InlineData("USPS", "9400111899223817468291", "https://tools.usps.com/go/TrackConfirmAction?tLabels=9400111899223817468291")]
    [InlineData("Best Express", "71234567890123", "https://www.kuaidi100.com/chaxun?com=huitongkuaidi&nu=71234567890123")]
    [InlineData("J&T Express", "JT1234567890123", "https://www.kuaidi100.com/chaxun?com=jtexpress&nu=JT1234567890123")]
    [InlineData("Deppon", "DPK123456789012", "https://www.kuaidi100.com/chaxun?com=debangkuaidi&nu=DPK123456789012")]
    [InlineData("Royal Mail", "AB123456785GB", "https://www.royalmail.com/track-your-item#/tracking-results/AB123456785GB")]
    [InlineData("Canada Post", "1234567890123456", "https://www.canadapost-postescanada.ca/track-reperage/en#/search?searchFor=1234567890123456")]
    [InlineData("Australia Post", "AB123456785AU", "https://auspost.com.au/mypost/track/#/details/AB123456785AU")]
    public void For_EachKnownCarrier_BuildsItsLink(string carrier, string number, string expected)
    {
        Assert.Equal(expected, CarrierTrackingLinks.For(carrier, number));
    }

    [Fact]
    public void BuiltIn_EveryTemplate_IsAValidOverrideToo()
    {
        // The built-in table meets the rule shops' overrides are held to (https, placeholder after the host).
        var result = CarrierLinkSettingsValidator.Validate(CarrierTrackingLinks.BuiltIn.ToDictionary());

        Assert.True(result.IsValid, string.Join("; ", result.Errors.SelectMany(e => e.Value)));
        Assert.Equal(CarrierTrackingLinks.BuiltIn.Count, result.Value.Overrides.Count);
    }

    [Theory]
    [InlineData("SF", CarrierCodes.SfExpress)]
    [InlineData("sf", CarrierCodes.SfExpress)]
    [InlineData("顺丰", CarrierCodes.SfExpress)]
    [InlineData("顺丰速运", CarrierCodes.SfExpress)]
    [InlineData("sf-express", CarrierCodes.SfExpress)]
    [InlineData(" SF  Express ", CarrierCodes.SfExpress)]
    [InlineData("SF_EXPRESS", CarrierCodes.SfExpress)]
    [InlineData("shunfeng", CarrierCodes.SfExpress)]
    [InlineData("京东快递", CarrierCodes.JdLogistics)]
    [InlineData("JD", CarrierCodes.JdLogistics)]
    [InlineData("中通快递", CarrierCodes.Zto)]
    [InlineData("zto-express", CarrierCodes.Zto)]
    [InlineData("圆通速递", CarrierCodes.Yto)]
    [InlineData("申通", CarrierCodes.Sto)]
    [InlineData("韵达快递", CarrierCodes.Yunda)]
    [InlineData("yundaex", CarrierCodes.Yunda)]
    [InlineData("china-ems", CarrierCodes.Ems)]
    [InlineData("邮政EMS", CarrierCodes.Ems)]
    [InlineData("中国邮政", CarrierCodes.ChinaPost)]
    [InlineData("ChinaPost", CarrierCodes.ChinaPost)]
    [InlineData("ups", CarrierCodes.Ups)]
    [InlineData("United Parcel Service", CarrierCodes.Ups)]
    [InlineData("Fed-Ex", CarrierCodes.FedEx)]
    [InlineData("联邦快递", CarrierCodes.FedEx)]
    [InlineData("DHL Express", CarrierCodes.Dhl)]
    [InlineData("dhl-express", CarrierCodes.Dhl)]
    [InlineData("U.S. Postal Service", CarrierCodes.Usps)]
    [InlineData("极兔速递", CarrierCodes.JtExpress)]
    [InlineData("J&T", CarrierCodes.JtExpress)]
    [InlineData("royal-mail", CarrierCodes.RoyalMail)]
    public void Normalize_CommonSpelling_GivesCanonicalCode(string name, string expected)
    {
        Assert.Equal(expected, CarrierTrackingLinks.Normalize(name));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("--")]
    [InlineData("Cainiao")]
    [InlineData("Pony Express")]
    public void Normalize_UnknownOrEmpty_GivesNull(string? name)
    {
        Assert.Null(CarrierTrackingLinks.Normalize(name));
    }

    [Theory]
    [InlineData("Cainiao", "LP00123456789012")]
    [InlineData(null, "SF1234567890123")]
    [InlineData("", "SF1234567890123")]
    public void For_UnknownCarrier_GivesNoLink(string? carrier, string number)
    {
        Assert.Null(CarrierTrackingLinks.For(carrier, number));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void For_NoTrackingNumber_GivesNoLink(string? number)
    {
        Assert.Null(CarrierTrackingLinks.For("UPS", number));
    }

    [Theory]
    [InlineData(" 1Z999AA10123456784 ", "1Z999AA10123456784")]
    [InlineData("SF 1234 5678", "SF%201234%205678")]
    [InlineData("A/B?c=1&d#e", "A%2FB%3Fc%3D1%26d%23e")]
    [InlineData("../../admin", "..%2F..%2Fadmin")]
    [InlineData("单号123", "%E5%8D%95%E5%8F%B7123")]
    [InlineData("a-b_c.d~e", "a-b_c.d~e")]
    [InlineData("100%", "100%25")]
    public void For_OddTrackingNumber_IsTrimmedAndEscaped(string number, string expectedTail)
    {
        Assert.Equal("https://www.ups.com/track?tracknum=" + expectedTail, CarrierTrackingLinks.For("UPS", number));
    }

    [Fact]
    public void For_EscapedNumberInPath_StaysInThePath()
    {
        var link = CarrierTrackingLinks.For("顺丰", "../x?y#z");

        var uri = new Uri(link!);
        Assert.Equal("www.sf-express.com", uri.Host);
        Assert.Equal(string.Empty, uri.Query);
        Assert.Equal(string.Empty, uri.Fragment);
    }

    [Fact]
    public void For_ShopOverride_WinsOverBuiltIn()
    {
        var shop = Valid(new() { ["SF"] = "https://track.shop.example/sf/{trackingNumber}?lang=zh" });

        Assert.Equal("https://track.shop.example/sf/SF1234567890123?lang=zh", CarrierTrackingLinks.For("顺丰速运", "SF1234567890123", shop));
        Assert.Equal("https://www.ups.com/track?tracknum=1Z1", CarrierTrackingLinks.For("UPS", "1Z1", shop));
    }

    [Fact]
    public void For_ShopOverrideForCarrierNotBuiltIn_IsUsedUnderAnySpellingOfItsName()
    {
        var shop = Valid(new() { ["Cainiao"] = "https://global.cainiao.example/detail?mailNo={trackingNumber}" });

        Assert.Equal("https://global.cainiao.example/detail?mailNo=LP1", CarrierTrackingLinks.For("CAINIAO", "LP1", shop));
        Assert.Equal("https://global.cainiao.example/detail?mailNo=LP1", CarrierTrackingLinks.For("cai-niao", "LP1", shop));
    }

    [Fact]
    public void For_OverrideWithPlaceholderTwice_FillsBoth()
    {
        var shop = Valid(new() { ["ups"] = "https://t.example/{trackingNumber}#{trackingNumber}" });

        Assert.Equal("https://t.example/a%20b#a%20b", CarrierTrackingLinks.For("UPS", "a b", shop));
    }

    [Fact]
    public void Validate_NoOverrides_IsTheDefault()
    {
        Assert.Same(CarrierLinkSettings.Default, CarrierLinkSettingsValidator.Validate(null).Value);
        Assert.Same(CarrierLinkSettings.Default, CarrierLinkSettingsValidator.Validate([]).Value);
    }

    [Fact]
    public void Validate_KnownAlias_IsStoredUnderCanonicalCode()
    {
        var shop = Valid(new() { ["顺丰"] = "https://t.example/{trackingNumber}" });

        Assert.Equal(["shunfeng"], shop.Overrides.Keys);
    }

    [Theory]
    [InlineData("http://t.example/{trackingNumber}", "https")]
    [InlineData("ftp://t.example/{trackingNumber}", "https")]
    [InlineData("https://user:pw@t.example/{trackingNumber}", "https")]
    [InlineData("https://t.example/track", "{trackingNumber}")]
    [InlineData("https://t.example/{trackingnumber}", "{trackingNumber}")]
    [InlineData("https://t.example/{trackingNumber}/{orderId}", "{trackingNumber}")]
    [InlineData("https://t.example/{trackingNumber", "{trackingNumber}")]
    [InlineData("https://{trackingNumber}.t.example/", "after the host")]
    [InlineData("https://t.example{trackingNumber}", "after the host")]
    [InlineData("/track/{trackingNumber}", "https")]
    [InlineData("https:// /{trackingNumber}", "absolute")]
    [InlineData("", "required")]
    [InlineData("https://t.example/\u202E{trackingNumber}", "U+202E")]
    public void Validate_BadTemplate_IsRefusedWithReason(string url, string expected)
    {
        var result = CarrierLinkSettingsValidator.Validate(new() { ["ups"] = url });

        Assert.False(result.IsValid);
        Assert.Contains(expected, Assert.Single(result.Errors["carriers.ups"]), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_TwoSpellingsOfOneCarrier_IsRefused()
    {
        var result = CarrierLinkSettingsValidator.Validate(new()
        {
            ["SF"] = "https://a.example/{trackingNumber}",
            ["顺丰"] = "https://b.example/{trackingNumber}",
        });

        Assert.False(result.IsValid);
        Assert.Contains("shunfeng", Assert.Single(result.Errors["carriers.顺丰"]), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_KeyWithoutLettersOrDigits_IsRefused()
    {
        var result = CarrierLinkSettingsValidator.Validate(new() { ["--"] = "https://a.example/{trackingNumber}" });

        Assert.True(result.Errors.ContainsKey("carriers.--"));
    }

    private static CarrierLinkSettings Valid(Dictionary<string, string> input)
    {
        var result = CarrierLinkSettingsValidator.Validate(input);
        Assert.True(result.IsValid, string.Join("; ", result.Errors.SelectMany(e => e.Value)));
        return result.Value;
    }
}
