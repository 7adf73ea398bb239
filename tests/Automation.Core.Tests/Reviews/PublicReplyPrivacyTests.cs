using Automation.Core.Reviews;
using static Automation.Core.Reviews.PersonalDataKind;

namespace Automation.Core.Tests.Reviews;

public class PublicReplyPrivacyTests
{
    private static readonly PersonalFacts Zh = new(
        Name: "李雷",
        Phone: "+86 138 0013 8000",
        Email: "lilei@example.com",
        Address: "北京市朝阳区建国路88号院3号楼2单元501室",
        OrderId: "4398127654321098");

    private static readonly PersonalFacts En = new(
        Name: "Emily Carter",
        Phone: "+1 415-555-0132",
        Email: "emily.carter@mail.example",
        Address: "12 Baker Street, Apt 4B, Springfield, IL 62704",
        OrderId: "#1001");

    private static readonly PersonalFacts Uk = new(Name: "Tom O'Neill", Phone: "+44 7911 123456");

    private static readonly PersonalFacts Ouyang = new(Name: "欧阳娜娜");

    private static PersonalFacts FactsFor(string key) => key switch
    {
        "zh" => Zh,
        "en" => En,
        "uk" => Uk,
        "ouyang" => Ouyang,
        _ => PersonalFacts.None,
    };

    // ---- replies that can be made safe: the exact text posted ----

    [Theory]
    [InlineData("zh", "李先生您好，感谢您的好评，期待您再次光临！", "您好，感谢您的好评，期待您再次光临！")]
    [InlineData("zh", "李雷您好！衣服合身就好，欢迎常来～", "您好！衣服合身就好，欢迎常来～")]
    [InlineData("zh", "亲爱的李雷，感谢您的支持～", "亲爱的，感谢您的支持～")]
    [InlineData("zh", "谢谢李雷！", "谢谢！")]
    [InlineData("zh", "李 雷，您好，非常感谢！", "您好，非常感谢！")]
    [InlineData("zh", "李**您好，感谢好评", "您好，感谢好评")]
    [InlineData("zh", "李雷您好，您的订单4398127654321098已经为您补发，请留意物流。", "您好，您的订单已经为您补发，请留意物流。")]
    [InlineData("zh", "您好，问题已经处理好了（138 0013 8000），祝您生活愉快。", "您好，问题已经处理好了，祝您生活愉快。")]
    [InlineData("zh", "亲，请勿在评价里留下身份证（11010519491231002X），我们已联系平台隐藏。", "亲，请勿在评价里留下身份证，我们已联系平台隐藏。")]
    [InlineData("ouyang", "欧阳女士，感谢您的反馈。", "感谢您的反馈。")]
    [InlineData("en", "Hi Emily Carter, thank you so much for the lovely review!", "Hi, thank you so much for the lovely review!")]
    [InlineData("en", "Thank you Carter Emily for the review.", "Thank you for the review.")]
    [InlineData("en", "Hello Mrs Carter! Thanks for shopping with us.", "Hello! Thanks for shopping with us.")]
    [InlineData("en", "Thanks for your order #1001! We're glad it arrived safely.", "Thanks for your order! We're glad it arrived safely.")]
    [InlineData("en", "Please don't share your number (+1 415 555 0132) here; we have it on file.", "Please don't share your number here; we have it on file.")]
    [InlineData("en", "Hi Emily Car\u200Bter, thanks!", "Hi, thanks!")]
    [InlineData("en", "EMILY CARTER, thank you!", "thank you!")]
    public void Check_PersonalDataThatCanGo_IsRemovedAndTidied(string facts, string reply, string expected)
    {
        var decision = PublicReplyPrivacy.Check(reply, FactsFor(facts));

        Assert.Null(decision.HoldReason);
        Assert.Equal(expected, decision.Text);
        Assert.NotEmpty(decision.Removed);
    }

    // ---- replies that would break: held with a reason ----

    [Theory]
    [InlineData("zh", "尊敬的李女士，非常抱歉给您带来不便。", PublicReplyHoldReasons.DanglingGreeting)]
    [InlineData("en", "Dear Emily Carter, we're sorry about the delay.", PublicReplyHoldReasons.DanglingGreeting)]
    [InlineData("en", "Dear Ms. Carter, we're sorry about the delay.", PublicReplyHoldReasons.DanglingGreeting)]
    [InlineData("zh", "我们会致电13800138000与您确认。", PublicReplyHoldReasons.DanglingReference)]
    [InlineData("zh", "已安排重新寄到建国路88号，请注意查收。", PublicReplyHoldReasons.DanglingReference)]
    [InlineData("zh", "我们已把新的给您寄到北京市朝阳区建国路88号院3号楼2单元501室了。", PublicReplyHoldReasons.DanglingReference)]
    [InlineData("zh", "感谢李先生的支持！", PublicReplyHoldReasons.DanglingReference)]
    [InlineData("zh", "发票已发送到lilei@example.com，请查收。", PublicReplyHoldReasons.DanglingReference)]
    [InlineData("zh", "您好，已为您处理，联系电话：138-0013-8000。", PublicReplyHoldReasons.DanglingReference)]
    [InlineData("zh", "您好，我们会尽快联系您，电话１３８００１３８０００。", PublicReplyHoldReasons.DanglingReference)]
    [InlineData("en", "We'll call you at (415) 555-0132 tomorrow.", PublicReplyHoldReasons.DanglingReference)]
    [InlineData("en", "Sorry! We've emailed emily.carter@mail.example with a prepaid label.", PublicReplyHoldReasons.DanglingReference)]
    [InlineData("en", "Your replacement was shipped to 12 Baker Street, Apt 4B today.", PublicReplyHoldReasons.DanglingReference)]
    [InlineData("en", "We have refunded order 1001.", PublicReplyHoldReasons.DanglingReference)]
    [InlineData("en", "Emily Carter reported a loose seam, and we fixed it.", PublicReplyHoldReasons.DanglingReference)]
    [InlineData("en", "Sorry, Emily Carter's parcel was delayed.", PublicReplyHoldReasons.DanglingReference)]
    [InlineData("zh", "13800138000", PublicReplyHoldReasons.EmptyAfterScrub)]
    [InlineData("zh", "（13800138000）", PublicReplyHoldReasons.EmptyAfterScrub)]
    [InlineData("zh", "李雷 13800138000 北京市朝阳区建国路88号院3号楼2单元501室 谢谢", PublicReplyHoldReasons.TooMuchRemoved)]
    [InlineData("en", "Emily Carter, +1 415 555 0132, ok", PublicReplyHoldReasons.TooMuchRemoved)]
    [InlineData("en", "", PublicReplyHoldReasons.EmptyReply)]
    [InlineData("en", "  \u200B\n ", PublicReplyHoldReasons.EmptyReply)]
    public void Check_RemovalWouldBreakTheReply_HoldsWithReason(string facts, string reply, string reason)
    {
        var decision = PublicReplyPrivacy.Check(reply, FactsFor(facts));

        Assert.True(decision.IsHeld);
        Assert.Equal(reason, decision.HoldReason);
        Assert.Null(decision.Text);
    }

    [Fact]
    public void Check_NullReply_IsHeldAsEmpty()
    {
        Assert.Equal(PublicReplyHoldReasons.EmptyReply, PublicReplyPrivacy.Check(null, Zh).HoldReason);
    }

    // ---- text that must not be mangled ----

    [Theory]
    [InlineData("zh", "这款羽绒服现价¥1380，2024年11月11日前下单再减100元，SKU：HD-M-1029。")]
    [InlineData("zh", "1380元的价格确实不便宜，我们会把品质做得更好。")]
    [InlineData("zh", "您的包裹已由顺丰发出，运单号SF1234567890123，预计11-30送达。")]
    [InlineData("zh", "中通快递单号73123456789012，韵达312345678901234，请留意。")]
    [InlineData("zh", "感谢支持！本店客服热线400-820-8820，有问题随时联系。")]
    [InlineData("zh", "订单 2024-05-12 已发货，尺码表见详情页 175/92A。")]
    [InlineData("zh", "王先生您好，感谢您的好评！")]
    [InlineData("zh", "历史老师推荐的书已经补货啦，订单满199减20。")]
    [InlineData("zh", "北京市的朋友一般次日送达，朝阳区当天可达。")]
    [InlineData("en", "The Classic Hoodie is $49.99 and ships within 2-3 days; SKU HD-M-1029, tracking 1Z999AA10123456784 via UPS on 2024-05-12.")]
    [InlineData("en", "Call our support line at 800-555-0199 any time, 9:00-18:00.")]
    [InlineData("en", "Thanks, Emily! Glad you love the hoodie.")]
    [InlineData("en", "Your USPS parcel 9400111899223817468291 is on its way, order total 1380.00.")]
    [InlineData("en", "We ship from Springfield every weekday.")]
    [InlineData("en", "Size 12 runs small; we recommend ordering one size up. Model 2025-XL.")]
    [InlineData("en", "Thank you! 😊🎉")]
    public void Check_PricesDatesSkusTrackingAndShopContacts_AreLeftAlone(string facts, string reply)
    {
        var decision = PublicReplyPrivacy.Check(reply, FactsFor(facts));

        Assert.Equal(reply, decision.Text);
        Assert.Empty(decision.Removed);
    }

    [Fact]
    public void Check_ShopsOwnContacts_AreAllowed()
    {
        const string reply = "如有问题请联系客服 service@shop.example 或 021-6234 5678。";

        Assert.Equal(reply, PublicReplyPrivacy.Check(reply, Zh, allowed: ["service@shop.example", "021-62345678"]).Text);
        Assert.True(PublicReplyPrivacy.Check(reply, Zh).IsHeld);
    }

    [Fact]
    public void Check_LineBreaksInAnEditedReply_AreKept()
    {
        var decision = PublicReplyPrivacy.Check("Hi Emily Carter,\nthank you!\n\nThe team", En);

        Assert.Equal("Hi,\nthank you!\n\nThe team", decision.Text);
    }

    [Fact]
    public void Check_SameCheckForComposedAndEdited_ReportsKindsNotValues()
    {
        var decision = PublicReplyPrivacy.Check("Hi Emily Carter (emily.carter@mail.example), thanks for the kind words!", En);

        Assert.Equal("Hi, thanks for the kind words!", decision.Text);
        Assert.Equal([Name, Email], decision.Removed);
        Assert.DoesNotContain("Carter", decision.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void PersonalFacts_ToString_ShowsNoValues()
    {
        var text = Zh.ToString();

        Assert.DoesNotContain("李雷", text, StringComparison.Ordinal);
        Assert.DoesNotContain("138", text, StringComparison.Ordinal);
        Assert.Contains("Name = ***", text, StringComparison.Ordinal);
        Assert.Contains("OrderId = ***", text, StringComparison.Ordinal);
        Assert.Contains("Name = none", PersonalFacts.None.ToString(), StringComparison.Ordinal);
    }

    // ---- detection on its own: replies and reviews with data in many shapes ----

    [Theory]
    [InlineData("none", "手机13800138000", Phone, "13800138000")]
    [InlineData("none", "电话 +86 138 0013 8000 谢谢", Phone, "+86 138 0013 8000")]
    [InlineData("none", "电话0086-138-0013-8000", Phone, "0086-138-0013-8000")]
    [InlineData("none", "(+86)13800138000", Phone, "(+86)13800138000")]
    [InlineData("none", "加我 138-0013-8000", Phone, "138-0013-8000")]
    [InlineData("none", "客服说给我打138****8000", Phone, "138****8000")]
    [InlineData("none", "座机010-62345678", Phone, "010-62345678")]
    [InlineData("none", "call me on +44 7911 123456 please", Phone, "+44 7911 123456")]
    [InlineData("none", "text me (415) 555-0132!", Phone, "(415) 555-0132")]
    [InlineData("none", "my cell is 415.555.0132", Phone, "415.555.0132")]
    [InlineData("none", "mail me: jo.smith+shop@gmail.com", Email, "jo.smith+shop@gmail.com")]
    [InlineData("none", "邮箱 lilei_88@qq.com", Email, "lilei_88@qq.com")]
    [InlineData("none", "write to jo.smith [at] gmail [dot] com", Email, "jo.smith [at] gmail [dot] com")]
    [InlineData("none", "身份证44030419900307123X已提交", IdNumber, "44030419900307123X")]
    [InlineData("none", "ID 310115198511208815", IdNumber, "310115198511208815")]
    [InlineData("none", "订单号：4398127654321098", OrderNumber, "4398127654321098")]
    [InlineData("none", "order no. A20931177 was late", OrderNumber, "A20931177")]
    [InlineData("none", "寄到朝阳区建国路88号院就行", Address, "朝阳区建国路88号院")]
    [InlineData("none", "放在3号楼2单元501室门口", Address, "3号楼2单元501室")]
    [InlineData("none", "left it at 221B Baker Street, Apt 4", Address, "221B Baker Street, Apt 4")]
    [InlineData("zh", "我是李雷", Name, "李雷")]
    [InlineData("zh", "李小姐说", Name, "李小姐")]
    [InlineData("zh", "电话1 3 8 0 0 1 3 8 0 0 0", Phone, "1 3 8 0 0 1 3 8 0 0 0")]
    [InlineData("zh", "尾号8000的顾客", Phone, "尾号8000")]
    [InlineData("zh", "邮箱LILEI@EXAMPLE.COM", Email, "LILEI@EXAMPLE.COM")]
    [InlineData("zh", "收货地址是建国路88号院3号楼2单元501室", Address, "建国路88号院3号楼2单元501室")]
    [InlineData("zh", "另一个4398127654329999也合并发货", OrderNumber, "4398127654329999")]
    [InlineData("en", "emily carter here", Name, "emily carter")]
    [InlineData("en", "Carter, Emily", Name, "Carter, Emily")]
    [InlineData("en", "Ms Carter wrote", Name, "Ms Carter")]
    [InlineData("en", "order #1001 arrived", OrderNumber, "#1001")]
    [InlineData("en", "12 Baker St. apt 4b", Address, "12 Baker St. apt 4b")]
    [InlineData("en", "Springfield, IL 62704 is home", Address, "IL 62704")]
    [InlineData("uk", "We tried 07911 123456 twice.", Phone, "07911 123456")]
    [InlineData("en", "ring 14155550132 after six", Phone, "14155550132")]
    [InlineData("en", "ring 1-415-555-0132 after six", Phone, "1-415-555-0132")]
    [InlineData("zh", "回电8613800138000", Phone, "8613800138000")]
    [InlineData("uk", "Thanks Mr O'Neill", Name, "Mr O'Neill")]
    public void Find_PersonalDataInManyShapes_FindsItsExactSpan(string facts, string text, PersonalDataKind kind, string expected)
    {
        var findings = PublicReplyPrivacy.Find(text, FactsFor(facts));

        Assert.Contains(findings, f => f.Kind == kind && text.Substring(f.Start, f.Length) == expected);
    }

    [Theory]
    [InlineData("none", "身份证号44030419900307123A")]
    [InlineData("none", "ID 440304199003071231")]
    [InlineData("none", "价格¥13800元")]
    [InlineData("none", "型号13800138000X")]
    [InlineData("zh", "一件138，两件250")]
    [InlineData("en", "It's 1001 yen, or 2002 for two; #1001 in the catalogue")]
    [InlineData("zh", "高兴")]
    public void Find_LookAlikes_AreNotTakenForTheRealThing(string facts, string text)
    {
        Assert.Empty(PublicReplyPrivacy.Find(text, FactsFor(facts)));
    }
}
