using Automation.Core.Orders;
using Automation.Core.Reviews;
using Automation.Core.Tasks;
using Automation.Core.Tests.Support;

namespace Automation.Core.Tests.Reviews;

public sealed class ReviewHandlingTests
{
    private static readonly DateTimeOffset Now = Zones.At("2026-11-28T10:00:00+08:00");

    private static ReviewEvent Review(int rating, string text, string reviewId = "rv-1", Customer? customer = null, string? address = null) => new(
        "evt-" + reviewId,
        null,
        new PostedReview(reviewId, TestOrders.OrderId, rating, text, Now, "taobao", ItemTitle: null, Locale: null),
        customer ?? TestOrders.Buyer,
        address);

    private static readonly Order Delivered = TestOrders.Unpaid(Now.AddDays(-7)) with { Status = OrderStatus.Delivered };

    [Fact]
    public void Decide_PositiveReview_IsPostedAtOnceWithNoTask()
    {
        var decision = ReviewHandling.Decide(TestShops.Shop(), Review(5, "质量很好，很满意，下次还来"), Delivered, Now);

        Assert.Equal(ReviewCategory.Positive, decision.Classification.Category);
        Assert.True(decision.PostNow);
        Assert.NotNull(decision.Reply.Text);
        Assert.Empty(decision.Tasks);
    }

    [Fact]
    public void Decide_PositiveReview_MentionsTheOrdersItemWhereTheVariantDoes()
    {
        var replies = Enumerable.Range(0, 40)
            .Select(i => ReviewHandling.Decide(TestShops.Shop(), Review(5, "很满意", "rv-" + i), Delivered, Now).Reply.Text!)
            .ToList();

        Assert.Contains(replies, text => text.Contains("Hoodie", StringComparison.Ordinal));
        Assert.True(replies.Distinct(StringComparer.Ordinal).Count() > 1, "replies vary across reviews");
    }

    [Fact]
    public void Decide_SameReviewTwice_GivesTheSameReply()
    {
        var first = ReviewHandling.Decide(TestShops.Shop(), Review(5, "很满意"), Delivered, Now);
        var second = ReviewHandling.Decide(TestShops.Shop(), Review(5, "很满意"), Delivered, Now.AddHours(3));

        Assert.Equal(first.Reply.Text, second.Reply.Text);
    }

    [Fact]
    public void Decide_NegativeQualityReview_DraftsAndOpensAFollowUpWithAReturnOffer()
    {
        var decision = ReviewHandling.Decide(TestShops.Shop(), Review(1, "质量太差了，穿一次就开线了"), Delivered, Now);

        Assert.Equal(ReviewCategory.Negative, decision.Classification.Category);
        Assert.Equal(ReviewCause.ProductQuality, decision.Classification.Cause);
        Assert.False(decision.PostNow);
        Assert.Equal(ReviewHandling.DraftMode, decision.ApprovalReason);
        Assert.Equal(
            [TaskKinds.ReviewReplyApproval, TaskKinds.ReviewFollowUp],
            decision.Tasks.Select(t => t.Kind));
        var followUp = decision.Tasks.Single(t => t.Kind == TaskKinds.ReviewFollowUp);
        Assert.Equal("review_follow_up:rv-1", followUp.TaskId);
        Assert.Equal(2, followUp.Priority);
        Assert.Equal(ReviewFollowUps.OfferReturnOrExchange, decision.FollowUp?.Code);
        Assert.Contains(followUp.Evidence, e => e.Label == "what to do" && e.Value.Contains("退货", StringComparison.Ordinal));
        Assert.Contains(followUp.Evidence, e => e.Label == "review" && e.Value == "质量太差了，穿一次就开线了");
        Assert.Contains(followUp.Evidence, e => e.Label == "likely cause" && e.Value == "product_quality");
    }

    [Fact]
    public void Decide_MixedSizeReview_AsksForAnApologyAndExplanation()
    {
        var decision = ReviewHandling.Decide(TestShops.Shop(locale: "en"), Review(4, "Nice fabric, but it runs two sizes small."), Delivered, Now);

        Assert.Equal(ReviewCategory.Mixed, decision.Classification.Category);
        Assert.Equal(ReviewFollowUps.ApologizeAndExplain, decision.FollowUp?.Code);
        Assert.Equal(3, decision.Tasks.Single(t => t.Kind == TaskKinds.ReviewFollowUp).Priority);
    }

    [Fact]
    public void Decide_LegalThreat_IsNeverPostedAndBecomesASupervisorTask()
    {
        var shop = TestShops.Shop() with { ReviewReplies = AllAuto() };

        var decision = ReviewHandling.Decide(shop, Review(1, "货不对板，再不处理我就打12315投诉"), Delivered, Now);

        Assert.True(decision.Classification.MentionsLegalAction);
        Assert.False(decision.PostNow);
        Assert.Equal(ReviewReplyHoldReasons.LegalActionMentioned, decision.ApprovalReason);
        var supervisor = decision.Tasks.Single(t => t.Kind == TaskKinds.ReviewLegalAction);
        Assert.Equal((1, "review_legal_action:rv-1"), (supervisor.Priority, supervisor.TaskId));
        Assert.Equal(Now + ReviewHandling.LegalAnswerWithin, supervisor.DueAt);
        Assert.Contains(supervisor.Evidence, e => e.Label == "legal action mentioned" && e.Value.Contains("12315", StringComparison.Ordinal));
        Assert.DoesNotContain(decision.Tasks, t => t.Kind == TaskKinds.ReviewReplyApproval);
    }

    [Fact]
    public void Decide_NegativeInAutoMode_IsPostedButStillFollowedUp()
    {
        var shop = TestShops.Shop() with { ReviewReplies = AllAuto() };

        var decision = ReviewHandling.Decide(shop, Review(1, "物流太慢了，等了半个月"), Delivered, Now);

        Assert.True(decision.PostNow);
        Assert.Equal([TaskKinds.ReviewFollowUp], decision.Tasks.Select(t => t.Kind));
        Assert.Equal(ReviewFollowUps.CheckShipment, decision.FollowUp?.Code);
    }

    [Fact]
    public void Decide_PositiveWithAContrastWord_WaitsForAPerson()
    {
        var decision = ReviewHandling.Decide(TestShops.Shop(locale: "en"), Review(5, "Love it, but"), Delivered, Now);

        Assert.Equal(ReviewCategory.Positive, decision.Classification.Category); // the drawback after "but" is not named
        Assert.False(decision.PostNow);
        Assert.Equal(ReviewReplyHoldReasons.UncertainPositive, decision.ApprovalReason);
        Assert.Equal([TaskKinds.ReviewReplyApproval], decision.Tasks.Select(t => t.Kind));
    }

    [Fact]
    public void Decide_ShopTemplateNamingTheBuyer_IsHeldNotPosted()
    {
        // A shop template can only use {item}, {cause} and {shopName}; but an item title can carry the buyer's name
        // (custom engraving): the reply must not publish it.
        var review = Review(5, "很满意") with { Review = Review(5, "很满意").Review with { ItemTitle = "李雷 engraved mug" } };

        var decision = ReviewHandling.Decide(TestShops.Shop(), review, Delivered, Now);

        Assert.DoesNotContain("李雷", decision.Reply.Text ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public void FactsOf_PrefersTheReviewsCustomerAndAddsTheOrderNumber()
    {
        var facts = ReviewHandling.FactsOf(Review(5, "好", customer: new Customer("c-9", "Han Meimei", null, null, null), address: "1 Main St"), Delivered);

        Assert.Equal(("Han Meimei", "13800000000", "lilei@example.com", "1 Main St", TestOrders.OrderId), (facts.Name, facts.Phone, facts.Email, facts.Address, facts.OrderId));
    }

    private static ReviewReplySettings AllAuto() => ReviewReplySettingsValidator.Validate(new ReviewRepliesInput
    {
        Mode = new ReviewReplyModesInput { Positive = "auto", Neutral = "auto", Mixed = "auto", Negative = "auto" },
    }).Value!;
}
