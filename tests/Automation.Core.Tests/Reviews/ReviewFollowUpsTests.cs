using Automation.Core.Reviews;

namespace Automation.Core.Tests.Reviews;

public class ReviewFollowUpsTests
{
    [Theory]
    [InlineData(ReviewCause.ProductQuality, ReviewFollowUps.OfferReturnOrExchange, "return or an exchange")]
    [InlineData(ReviewCause.NotAsDescribed, ReviewFollowUps.ApologizeAndExplain, "Apologise and explain")]
    [InlineData(ReviewCause.SizeFit, ReviewFollowUps.ApologizeAndExplain, "size chart")]
    [InlineData(ReviewCause.Logistics, ReviewFollowUps.CheckShipment, "reship first")]
    [InlineData(ReviewCause.ServiceAttitude, ReviewFollowUps.ApologizeForService, "supervisor")]
    [InlineData(ReviewCause.Price, ReviewFollowUps.ExplainPrice, "do not argue")]
    [InlineData(ReviewCause.Other, ReviewFollowUps.ContactAndFindCause, "find out")]
    [InlineData(null, ReviewFollowUps.ContactAndFindCause, "find out")]
    public void For_NegativeReview_ActionFitsTheCause(ReviewCause? cause, string code, string text)
    {
        var followUp = ReviewFollowUps.For(new ReviewClassification(ReviewCategory.Negative, cause, false, []), "en");

        Assert.NotNull(followUp);
        Assert.Equal((code, cause), (followUp.Code, followUp.Cause));
        Assert.Contains(text, followUp.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void For_MixedQualityReview_OffersReturnOrExchangeInChinese()
    {
        var followUp = ReviewFollowUps.For(new ReviewClassification(ReviewCategory.Mixed, ReviewCause.ProductQuality, false, []), "zh-CN");

        Assert.Equal(ReviewFollowUps.OfferReturnOrExchange, followUp!.Code);
        Assert.Contains("退货或换货", followUp.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ReviewCategory.Positive)]
    [InlineData(ReviewCategory.Neutral)]
    public void For_PositiveOrNeutral_HasNoFollowUp(ReviewCategory category)
    {
        Assert.Null(ReviewFollowUps.For(new ReviewClassification(category, ReviewCause.ProductQuality, false, []), "en"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("fr")]
    [InlineData("not a tag")]
    public void For_NonChineseOrUnknownLocale_IsEnglish(string? locale)
    {
        var followUp = ReviewFollowUps.For(new ReviewClassification(ReviewCategory.Negative, ReviewCause.SizeFit, false, []), locale);

        Assert.Contains("size chart", followUp!.Text, StringComparison.Ordinal);
    }
}
