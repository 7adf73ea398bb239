using System.Text.Json;
using Automation.Core.Orders;
using Automation.Core.Reviews;
using Automation.Core.Tasks;
using Automation.Core.Tests.Support;

namespace Automation.Core.Tests.Reviews;

/// <summary>The gate on public replies (<c>reviewReplies.publicReplyGate</c>) and the reading's confidence and doubts behind it.</summary>
public sealed class PublicReplyGateTests
{
    private static readonly DateTimeOffset Now = Zones.At("2026-12-06T10:00:00+08:00");

    private static readonly Order Delivered = TestOrders.Unpaid(Now.AddDays(-7)) with { Status = OrderStatus.Delivered };

    private static ReviewEvent Review(int rating, string text) => new(
        "evt-rv-1",
        null,
        new PostedReview("rv-1", TestOrders.OrderId, rating, text, Now, "taobao", ItemTitle: null, Locale: null),
        TestOrders.Buyer,
        null);

    private static Automation.Core.Shops.ShopSettings Shop(PublicReplyGate gate) =>
        TestShops.Shop() with { ReviewReplies = ReviewReplySettings.Default with { PublicReplyGate = gate } };

    [Theory]
    [InlineData("质量很好，很满意，下次还来")]
    [InlineData("Love it! Soft, warm and exactly as pictured.")]
    [InlineData("没有色差，尺码标准，很满意")]
    [InlineData("")]
    public void ClearPraise_IsAnsweredAtOnce_WithNoDoubt(string text)
    {
        var decision = ReviewHandling.Decide(Shop(PublicReplyGate.ClearPraise), Review(5, text), Delivered, Now);

        Assert.Empty(decision.Classification.Doubts);
        Assert.True(decision.PostNow);
        Assert.Equal(1.0, decision.Classification.Confidence);
    }

    [Theory]
    [InlineData("物流有点慢，其他都很好，质量很棒，非常满意", ReviewDoubts.MinorComplaint)]
    [InlineData("还行吧", ReviewDoubts.Lukewarm)]
    [InlineData("很好用，请问可以机洗吗？", ReviewDoubts.Question)]
    [InlineData("Love it, but", ReviewDoubts.Contrast)]
    [InlineData("很满意。我们家比较了好几家店才决定，老公说这次的颜色比上次那件还要深一些", ReviewDoubts.UnreadText)]
    public void AnyDoubt_HoldsTheReplyForAPerson_AndTheTaskShowsIt(string text, string doubt)
    {
        var decision = ReviewHandling.Decide(Shop(PublicReplyGate.ClearPraise), Review(5, text), Delivered, Now);

        Assert.Equal(ReviewCategory.Positive, decision.Classification.Category);
        Assert.Contains(doubt, decision.Classification.Doubts);
        Assert.False(decision.PostNow);
        Assert.Equal(ReviewReplyHoldReasons.UncertainPositive, decision.ApprovalReason);
        var task = Assert.Single(decision.Tasks, t => t.Kind == TaskKinds.ReviewReplyApproval);
        Assert.Contains(task.Evidence, e => e.Label == "doubt" && e.Value == doubt);
    }

    [Fact]
    public void LooserGate_HoldsOnlyAContrast_AsBeforeTheGate()
    {
        var minorDrawback = ReviewHandling.Decide(Shop(PublicReplyGate.Positive), Review(5, "还行吧"), Delivered, Now);
        var contrast = ReviewHandling.Decide(Shop(PublicReplyGate.Positive), Review(5, "Love it, but"), Delivered, Now);

        Assert.True(minorDrawback.PostNow);
        Assert.False(contrast.PostNow);
    }

    [Fact]
    public void Confidence_IsLowWhenLittleOfTheTextIsRead()
    {
        var mostlyUnread = ReviewClassifier.Classify(5, "很满意。我们家比较了好几家店才决定，老公说这次的颜色比上次那件还要深一些");

        Assert.InRange(mostlyUnread.Confidence, 0, 0.45);
    }

    [Fact]
    public void Setting_DefaultsToClearPraise_ReadsPositive_AndRefusesAnythingElseByPath()
    {
        Assert.Equal(PublicReplyGate.ClearPraise, ReviewReplySettings.Default.PublicReplyGate);
        Assert.Equal(PublicReplyGate.ClearPraise, ReviewReplySettingsValidator.Validate(new ReviewRepliesInput()).Value!.PublicReplyGate);

        var positive = ReviewReplySettingsValidator.Validate(JsonSerializer.Deserialize<ReviewRepliesInput>("""{ "publicReplyGate": "positive" }""", JsonSerializerOptions.Web));
        var wrong = ReviewReplySettingsValidator.Validate(new ReviewRepliesInput { PublicReplyGate = "always" });

        Assert.Equal(PublicReplyGate.Positive, positive.Value!.PublicReplyGate);
        Assert.Equal("positive", ReviewRepliesInput.From(positive.Value).PublicReplyGate);
        Assert.Contains("reviewReplies.publicReplyGate", wrong.Errors.Keys);
    }
}
