using Automation.Core.Messaging;
using Automation.Core.Orders;
using Automation.Core.Shops;
using Automation.Core.Tests.Support;
using static Automation.Core.Tests.Support.Zones;

namespace Automation.Core.Tests.Messaging;

public class EmailMessageTests
{
    private static readonly DateTimeOffset PlacedAt = At("2026-11-22T02:00:00Z");

    private static readonly EmailCustomerChannel Channel = new(
        new SmtpServerSettings("smtp.shop.example", 587, SmtpSecurity.StartTls, null, null), "service@shop.example", "help@shop.example");

    private static EmailMessage Compose(ShopSettings shop, Order order, string kind = MessageKinds.PaymentReminder, int step = 1)
    {
        var email = EmailMessage.TryCompose(Channel, OutgoingMessage.Compose(shop, order, kind, step), out var whyNot);
        Assert.Null(whyNot);
        return email!;
    }

    [Fact]
    public void TryCompose_PaymentReminder_IsFromTheShopToTheBuyerWithTextAndHtmlOfOneTemplate()
    {
        var email = Compose(TestShops.Shop(), TestOrders.Unpaid(PlacedAt));

        Assert.Equal(new EmailParty("Demo Shop", "service@shop.example"), email.From);
        Assert.Equal("help@shop.example", email.ReplyTo);
        Assert.Equal(new EmailParty("李雷", "lilei@example.com"), email.To);
        Assert.Equal("Demo Shop：您的订单A1001还未付款", email.Subject);
        Assert.StartsWith("亲，您在Demo Shop的订单A1001（Hoodie，199.00 CNY）还没有付款哦。", email.Text, StringComparison.Ordinal);
        Assert.Contains("亲，您在Demo Shop的订单A1001（Hoodie，199.00 CNY）还没有付款哦。", email.Html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"https://shop.example/pay/A1001\">https://shop.example/pay/A1001</a>", email.Html, StringComparison.Ordinal);
        Assert.Contains("<html lang=\"zh-CN\">", email.Html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(MessageKinds.PaymentReminder, "zh-CN", "Demo Shop：您的订单A1001还未付款")]
    [InlineData(MessageKinds.PaymentReminder, "en", "Demo Shop: your order A1001 is waiting for payment")]
    [InlineData(MessageKinds.ShippingNotice, "zh-CN", "Demo Shop：您的订单A1001已发货")]
    [InlineData(MessageKinds.ShippingNotice, "en-GB", "Demo Shop: your order A1001 has shipped")]
    [InlineData(MessageKinds.FollowUp, "en", "Demo Shop: how is your order A1001?")]
    [InlineData(MessageKinds.FollowUp, "zh-TW", "Demo Shop：订单A1001用得还好吗？")]
    [InlineData(MessageKinds.PaymentReminder, "fr", "Demo Shop: your order A1001 is waiting for payment")]
    public void Subject_ByKindAndLocale_FallsBackToTheLanguageThenEnglish(string kind, string locale, string expected)
    {
        Assert.Equal(expected, MessageSubjects.For(kind, locale, "Demo Shop", "A1001"));
    }

    [Fact]
    public void TryCompose_EnglishBuyer_GetsTheEnglishSubjectAndText()
    {
        var order = TestOrders.Unpaid(PlacedAt) with { Customer = TestOrders.Buyer with { Locale = "en" } };

        var email = Compose(TestShops.Shop(), order);

        Assert.Equal("Demo Shop: your order A1001 is waiting for payment", email.Subject);
        Assert.StartsWith("Hi from Demo Shop!", email.Text, StringComparison.Ordinal);
        Assert.Contains("<html lang=\"en\">", email.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void TryCompose_MarkupInValuesAndTemplate_IsEncodedInTheHtmlAndKeptInTheText()
    {
        var shop = TestShops.Shop().WithTemplates(MessageKinds.PaymentReminder, ("zh-CN", "{customerName} & co:\n<b>{itemTitle}</b> {payUrl}"));
        var order = TestOrders.Unpaid(PlacedAt) with
        {
            Customer = TestOrders.Buyer with { Name = "<img src=x onerror=alert(1)>" },
            Items = [new OrderItem("HD-M", "Hoodie \"XL\" <script>alert('x')</script>", 1, 199.00m)],
            PayUrl = "https://shop.example/pay?o=A1001&t=\"><script>",
        };

        var email = Compose(shop, order);

        Assert.Equal("<img src=x onerror=alert(1)> & co:\n<b>Hoodie \"XL\" <script>alert('x')</script></b> https://shop.example/pay?o=A1001&t=\"><script>", email.Text);
        Assert.DoesNotContain("<script", email.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img", email.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>", email.Html, StringComparison.Ordinal);
        Assert.Contains("&lt;img src=x onerror=alert(1)&gt; &amp; co:<br>\n&lt;b&gt;Hoodie &quot;XL&quot; &lt;script&gt;", email.Html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"https://shop.example/pay?o=A1001&amp;t=&quot;&gt;&lt;script&gt;\">", email.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void TryCompose_LinkPlaceholderWithoutAWebUrl_IsPlainText()
    {
        var shop = TestShops.Shop().WithTemplates(MessageKinds.PaymentReminder, ("zh-CN", "付款：{payUrl}"));
        var order = TestOrders.Unpaid(PlacedAt) with { PayUrl = "javascript:alert(1)" };

        var email = Compose(shop, order);

        Assert.Contains("付款：javascript:alert(1)", email.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("<a ", email.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void MessageIdFor_TheSameMessage_IsTheSameEveryTime_AndDiffersBetweenMessages()
    {
        var first = EmailMessage.MessageIdFor("demo-shop:A1001:payment_reminder:1", "service@shop.example");

        Assert.Equal(first, EmailMessage.MessageIdFor("demo-shop:A1001:payment_reminder:1", "service@shop.example"));
        Assert.NotEqual(first, EmailMessage.MessageIdFor("demo-shop:A1001:payment_reminder:2", "service@shop.example"));
        Assert.NotEqual(first, EmailMessage.MessageIdFor("other-shop:A1001:payment_reminder:1", "service@shop.example"));
        Assert.Matches("^[0-9a-f]{32}@shop\\.example$", first);
    }

    [Fact]
    public void MessageIdFor_InternationalizedSenderDomain_IsAtItsAsciiForm()
    {
        Assert.EndsWith("@xn--bcher-kva.example", EmailMessage.MessageIdFor("demo-shop:A1:follow_up:1", "shop@Bücher.example"), StringComparison.Ordinal);
    }

    [Fact]
    public void TryCompose_TwoComposesOfOneMessage_CarryTheSameMessageId()
    {
        var order = TestOrders.Unpaid(PlacedAt);

        Assert.Equal(Compose(TestShops.Shop(), order).MessageId, Compose(TestShops.Shop() with { Name = "Renamed" }, order).MessageId);
    }

    [Theory]
    [InlineData(null, SkipReasons.NoCustomerEmail)]
    [InlineData("  ", SkipReasons.NoCustomerEmail)]
    [InlineData("lilei.example.com", SkipReasons.InvalidCustomerEmail)]
    [InlineData("lilei@example", SkipReasons.InvalidCustomerEmail)]
    [InlineData("Li Lei <lilei@example.com>", SkipReasons.InvalidCustomerEmail)]
    public void TryCompose_BuyerWithoutAUsableAddress_SaysWhy(string? address, string reason)
    {
        var order = TestOrders.Unpaid(PlacedAt) with { Customer = TestOrders.Buyer with { Email = address } };

        var email = EmailMessage.TryCompose(Channel, OutgoingMessage.Compose(TestShops.Shop(), order, MessageKinds.PaymentReminder, 1), out var whyNot);

        Assert.Null(email);
        Assert.Equal(reason, whyNot);
        Assert.Equal(reason, EmailAddresses.WhyNotRecipient(address));
    }

    [Fact]
    public void TryCompose_PublicReviewReply_IsNotMailed()
    {
        var reply = OutgoingMessage.FromPrepared("demo-shop", "A1001", MessageKinds.ReviewReply, 1, new PreparedMessage("Thanks!", "en", "c-9", "rv-1", "shopify"));

        Assert.Null(EmailMessage.TryCompose(Channel, reply, out var whyNot));
        Assert.Equal(EmailMessage.PublicReplyNotByEmail, whyNot);
    }

    [Fact]
    public void ToString_Email_LeavesOutTheBuyer()
    {
        var email = Compose(TestShops.Shop(), TestOrders.Unpaid(PlacedAt));

        Assert.DoesNotContain("lilei", email.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("李雷", email.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("lilei", email.To.ToString(), StringComparison.Ordinal);
    }
}
