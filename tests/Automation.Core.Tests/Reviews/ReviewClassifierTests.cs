using Automation.Core.Reviews;

namespace Automation.Core.Tests.Reviews;

public class ReviewClassifierTests
{
    [Theory]
    [InlineData(3, "不满意")]
    [InlineData(3, "不太好")]
    [InlineData(3, "不是很满意")]
    [InlineData(3, "一点也不保暖")]
    [InlineData(3, "不怎么样")]
    [InlineData(3, "没有想象中好")]
    [InlineData(3, "Not happy.")]
    [InlineData(3, "It wasn't great.")]
    [InlineData(3, "Not worth it.")]
    [InlineData(3, "Never again.")]
    [InlineData(3, "I don't think it's good.")]
    public void Classify_NegatedPraiseAtThreeStars_IsNegative(int rating, string text)
    {
        var result = ReviewClassifier.Classify(rating, text);

        Assert.Equal(ReviewCategory.Negative, result.Category);
        Assert.Contains(result.Evidence, e => e.Signal is ReviewSignals.NegatedPraise or ReviewSignals.Complaint);
    }

    [Theory]
    [InlineData(5, "没有色差，很满意", "没有色差")]
    [InlineData(5, "面料一点也不扎", "一点也不扎")]
    [InlineData(5, "一点问题都没有", "一点问题都没有")]
    [InlineData(4, "不贵，挺好用的", "不贵")]
    [InlineData(5, "No problems at all.", "No problems")]
    [InlineData(5, "Not bad at all!", "Not bad")]
    [InlineData(5, "Can't complain.", "Can't complain")]
    [InlineData(5, "Never disappointed.", "Never disappointed")]
    public void Classify_NegatedComplaint_IsNotAComplaint(int rating, string text, string quoted)
    {
        var result = ReviewClassifier.Classify(rating, text);

        Assert.Equal(ReviewCategory.Positive, result.Category);
        Assert.Contains(new ReviewEvidence(quoted, ReviewSignals.NegatedComplaint), result.Evidence);
    }

    [Theory]
    [InlineData("东西挺好的，就是物流太慢了", ReviewCause.Logistics)]
    [InlineData("衣服很好看，可惜尺码偏小", ReviewCause.SizeFit)]
    [InlineData("质量还行，但是有色差", ReviewCause.NotAsDescribed)]
    [InlineData("很好看，然而洗了一次就掉色了", ReviewCause.ProductQuality)]
    [InlineData("东西不错，不过客服回复太慢", ReviewCause.ServiceAttitude)]
    [InlineData("口感不错，价格有点贵", ReviewCause.Price)]
    [InlineData("挺好的，可惜少发了一个配件", ReviewCause.Other)]
    [InlineData("Love the dress, unfortunately it runs small.", ReviewCause.SizeFit)]
    [InlineData("Good product, however shipping took three weeks.", ReviewCause.Logistics)]
    [InlineData("Works fine but the seller was rude.", ReviewCause.ServiceAttitude)]
    [InlineData("Gorgeous! Sleeves are too long for me though.", ReviewCause.SizeFit)]
    [InlineData("Decent quality, though a bit overpriced.", ReviewCause.Price)]
    public void Classify_GoodRatingWithComplaint_IsMixedWithItsCause(string text, ReviewCause cause)
    {
        var result = ReviewClassifier.Classify(5, text);

        Assert.Equal(ReviewCategory.Mixed, result.Category);
        Assert.Equal(cause, result.Cause);
        if (cause != ReviewCause.Other)
        {
            Assert.Contains(result.Evidence, e => e.Signal == ReviewSignals.ForCause(cause));
        }
    }

    [Theory]
    [InlineData("快递员态度很差", ReviewCause.Logistics)]
    [InlineData("客服态度很差", ReviewCause.ServiceAttitude)]
    [InlineData("The delivery guy was rude.", ReviewCause.Logistics)]
    [InlineData("The seller was rude.", ReviewCause.ServiceAttitude)]
    [InlineData("客服回复太慢了", ReviewCause.ServiceAttitude)]
    [InlineData("物流太慢了", ReviewCause.Logistics)]
    public void Classify_ComplaintWithTopicInItsClause_TakesTheTopicsCause(string text, ReviewCause cause)
    {
        Assert.Equal(cause, ReviewClassifier.Classify(1, text).Cause);
    }

    [Theory]
    [InlineData(5, "Great, arrived broken. Thanks a lot.", ReviewCategory.Mixed, ReviewCause.Logistics)]
    [InlineData(5, "好评，好到用了一天就坏了", ReviewCategory.Mixed, ReviewCause.ProductQuality)]
    [InlineData(3, "Great, another broken one. Thanks a lot.", ReviewCategory.Negative, ReviewCause.ProductQuality)]
    public void Classify_Sarcasm_CountsTheComplaintAndNotThePraise(int rating, string text, ReviewCategory category, ReviewCause cause)
    {
        var result = ReviewClassifier.Classify(rating, text);

        Assert.Equal(category, result.Category);
        Assert.Equal(cause, result.Cause);
        Assert.Contains(result.Evidence, e => e.Signal == ReviewSignals.Sarcasm);
    }

    [Fact]
    public void Classify_ThanksALotWithoutComplaint_IsNotSarcasm()
    {
        var result = ReviewClassifier.Classify(5, "Thanks a lot, love it!");

        Assert.Equal(ReviewCategory.Positive, result.Category);
        Assert.DoesNotContain(result.Evidence, e => e.Signal == ReviewSignals.Sarcasm);
    }

    [Theory]
    [InlineData(5, "👍👍👍", ReviewCategory.Positive, "👍", ReviewSignals.EmojiPraise)]
    [InlineData(5, "❤️", ReviewCategory.Positive, "❤️", ReviewSignals.EmojiPraise)]
    [InlineData(4, "👍🏽", ReviewCategory.Positive, "👍🏽", ReviewSignals.EmojiPraise)]
    [InlineData(5, "🥰", ReviewCategory.Positive, "🥰", ReviewSignals.EmojiPraise)]
    [InlineData(3, "😊", ReviewCategory.Neutral, "😊", ReviewSignals.EmojiPraise)]
    [InlineData(5, "👎🏻", ReviewCategory.Mixed, "👎🏻", ReviewSignals.EmojiComplaint)]
    [InlineData(3, "😡😤", ReviewCategory.Negative, "😡", ReviewSignals.EmojiComplaint)]
    [InlineData(3, "💔", ReviewCategory.Negative, "💔", ReviewSignals.EmojiComplaint)]
    [InlineData(3, "🙄", ReviewCategory.Negative, "🙄", ReviewSignals.EmojiComplaint)]
    [InlineData(2, "😞", ReviewCategory.Negative, "😞", ReviewSignals.EmojiComplaint)]
    [InlineData(3, "😐", ReviewCategory.Neutral, "😐", ReviewSignals.Lukewarm)]
    public void Classify_EmojiOnly_ReadsTheEmojiWithItsModifiers(int rating, string text, ReviewCategory category, string quoted, string signal)
    {
        var result = ReviewClassifier.Classify(rating, text);

        Assert.Equal(category, result.Category);
        Assert.Contains(new ReviewEvidence(quoted, signal), result.Evidence);
    }

    [Fact]
    public void Classify_EmojiOnlyNegative_HasNoNamedCause()
    {
        Assert.Equal(ReviewCause.Other, ReviewClassifier.Classify(1, "😡😡😡").Cause);
    }

    [Theory]
    [InlineData("东西还行，但是物流太慢了", ReviewCategory.Negative)]
    [InlineData("快递太慢，东西倒是还行", ReviewCategory.Negative)]
    [InlineData("有色差，不过还能接受", ReviewCategory.Neutral)]
    [InlineData("Good product but delivery was painfully slow.", ReviewCategory.Negative)]
    [InlineData("Nice idea, poor execution.", ReviewCategory.Negative)]
    [InlineData("挺好的，就是不知道能用多久", ReviewCategory.Neutral)]
    [InlineData("The slight smell is no big deal, works great.", ReviewCategory.Neutral)]
    public void Classify_ThreeStarsWithContrast_WeighsWhatFollows(string text, ReviewCategory category)
    {
        var result = ReviewClassifier.Classify(3, text);

        Assert.Equal(category, result.Category);
    }

    [Fact]
    public void Classify_ComplaintsOnBothSidesOfContrast_CauseFollowsTheContrast()
    {
        // One complaint each; the one after 但是 weighs double.
        var result = ReviewClassifier.Classify(2, "有点色差，但是物流太慢了");

        Assert.Equal(ReviewCause.Logistics, result.Cause);
        Assert.Contains(new ReviewEvidence("但是", ReviewSignals.Contrast), result.Evidence);
    }

    [Theory]
    [InlineData("很喜欢，可惜送的挂钩只有一个", "送的挂钩只有一个", ReviewCause.Other)]
    [InlineData("包装不错，就是快递员把它放在楼下了", "快递员把它放在楼下了", ReviewCause.Logistics)]
    [InlineData("Lovely colour, but the sleeves keep riding up.", "the sleeves keep riding up", ReviewCause.SizeFit)]
    [InlineData("Nice set, one cup had a chip though.", "one cup had a chip", ReviewCause.Other)]
    public void Classify_GoodRatingWithUnpraisedClauseAfterContrast_IsMixedWithTheClauseAsDrawback(string text, string clause, ReviewCause cause)
    {
        var result = ReviewClassifier.Classify(5, text);

        Assert.Equal(ReviewCategory.Mixed, result.Category);
        Assert.Equal(cause, result.Cause);
        Assert.Contains(new ReviewEvidence(clause, ReviewSignals.Drawback), result.Evidence);
    }

    [Theory]
    [InlineData("东西挺好的，不过还没用，用了再来追评")]
    [InlineData("Works great, though I haven't tried the night mode.")]
    [InlineData("Arrived early, but I expected nothing less 😊")]
    [InlineData("Nice, but")]
    public void Classify_GoodRatingWithContrastButNoDrawback_IsPositive(string text)
    {
        var result = ReviewClassifier.Classify(5, text);

        Assert.Equal(ReviewCategory.Positive, result.Category);
        Assert.DoesNotContain(result.Evidence, e => e.Signal == ReviewSignals.Drawback);
    }

    [Theory]
    [InlineData("I was worried it would run small but it fits true to size.")]
    [InlineData("本来担心会有色差，收到后发现完全没有")]
    public void Classify_FearedComplaintThatDidNotHappen_IsPositive(string text)
    {
        var result = ReviewClassifier.Classify(5, text);

        Assert.Equal(ReviewCategory.Positive, result.Category);
        Assert.Contains(result.Evidence, e => e.Signal == ReviewSignals.Hypothetical);
    }

    [Theory]
    [InlineData("一般")]
    [InlineData("So-so.")]
    [InlineData("还行，凑合用")]
    public void Classify_GoodRatingWithOnlyLukewarmText_IsNeutral(string text)
    {
        Assert.Equal(ReviewCategory.Neutral, ReviewClassifier.Classify(4, text).Category);
    }

    [Theory]
    [InlineData(5, ReviewCategory.Positive)]
    [InlineData(4, ReviewCategory.Positive)]
    [InlineData(3, ReviewCategory.Neutral)]
    [InlineData(2, ReviewCategory.Negative)]
    [InlineData(1, ReviewCategory.Negative)]
    public void Classify_NoText_FollowsTheRating(int rating, ReviewCategory category)
    {
        foreach (var text in new[] { null, string.Empty, "   ", "此用户未填写评价内容" })
        {
            var result = ReviewClassifier.Classify(rating, text);

            Assert.Equal(category, result.Category);
            Assert.Equal(category == ReviewCategory.Negative ? ReviewCause.Other : null, result.Cause);
            Assert.False(result.MentionsLegalAction);
        }
    }

    [Theory]
    [InlineData("非常喜欢，很好用")]
    [InlineData("Love it!!")]
    public void Classify_LowRatingWithPraiseOnly_IsNegativeAndShowsTheConflict(string text)
    {
        var result = ReviewClassifier.Classify(1, text);

        Assert.Equal(ReviewCategory.Negative, result.Category);
        Assert.Equal(ReviewCause.Other, result.Cause);
        Assert.Contains(new ReviewEvidence("1/5", ReviewSignals.RatingOverridesText), result.Evidence);
    }

    [Theory]
    [InlineData("Contacted my lawyer.", "lawyer")]
    [InlineData("An attorney will be in touch.", "attorney")]
    [InlineData("See you in court.", "court")]
    [InlineData("I will sue you.", "sue")]
    [InlineData("Suing is my next step.", "Suing")]
    [InlineData("Expect a lawsuit.", "lawsuit")]
    [InlineData("I'm taking legal action.", "legal action")]
    [InlineData("Reporting you to consumer protection.", "consumer protection")]
    [InlineData("I'll report you to the regulator.", "report you to")]
    [InlineData("我要找律师", "律师")]
    [InlineData("我要起诉你们", "起诉")]
    [InlineData("法院见", "法院")]
    [InlineData("已经投诉到平台和工商了", "投诉到")]
    [InlineData("打了315", "315")]
    [InlineData("已打12315", "12315")]
    [InlineData("找消协", "消协")]
    [InlineData("向市场监管局举报", "市场监管")]
    [InlineData("明天去市场监督管理局", "市场监督")]
    [InlineData("我要打１２３１５", "１２３１５")]
    [InlineData("我要找lawyer", "lawyer")]
    public void Classify_LegalOrRegulatoryMention_IsFlaggedWithTheWordsAsWritten(string text, string quoted)
    {
        var result = ReviewClassifier.Classify(1, text);

        Assert.True(result.MentionsLegalAction);
        Assert.Contains(new ReviewEvidence(quoted, ReviewSignals.Legal), result.Evidence);
    }

    [Theory]
    [InlineData("花了1315元买的，做工一般")]
    [InlineData("充电宝3150mAh，容量够用")]
    [InlineData("型号A315，和描述一致")]
    [InlineData("315元买的，值")]
    [InlineData("Paid $315 and it's great.")]
    [InlineData("Paid 315 dollars, worth it.")]
    [InlineData("Weighs 3.15 kg.")]
    [InlineData("Order 20231231500 arrived fine.")]
    [InlineData("Arrived on time, nothing to report.")]
    [InlineData("Great courtesy from the seller.")]
    public void Classify_NumberOrWordThatOnlyLooksLegal_IsNotFlagged(string text)
    {
        var result = ReviewClassifier.Classify(5, text);

        Assert.False(result.MentionsLegalAction);
        Assert.DoesNotContain(result.Evidence, e => e.Signal == ReviewSignals.Legal);
    }

    [Fact]
    public void Classify_LegalMention_DoesNotChangeTheCategory()
    {
        var result = ReviewClassifier.Classify(1, "质量太差，我要去12315投诉你们");

        Assert.Equal(ReviewCategory.Negative, result.Category);
        Assert.Equal(ReviewCause.ProductQuality, result.Cause);
        Assert.True(result.MentionsLegalAction);
    }

    [Fact]
    public void Classify_Evidence_QuotesTheTextAsWrittenInOrder()
    {
        var result = ReviewClassifier.Classify(4, "GREAT Seller, BUT the Shipping was VERY slow 😡");

        Assert.Equal(ReviewCategory.Mixed, result.Category);
        Assert.Equal(ReviewCause.Logistics, result.Cause);
        ReviewEvidence[] expected =
            [
                new ReviewEvidence("GREAT Seller", ReviewSignals.Praise),
                new ReviewEvidence("BUT", ReviewSignals.Contrast),
                new ReviewEvidence("Shipping", "cause:logistics"),
                new ReviewEvidence("VERY slow", ReviewSignals.Complaint),
                new ReviewEvidence("😡", ReviewSignals.EmojiComplaint),
            ];
        Assert.Equal(expected, result.Evidence);
    }

    [Fact]
    public void Classify_FullWidthAndCurlyApostrophe_AreReadLikeTheirPlainForms()
    {
        var result = ReviewClassifier.Classify(3, "It wasn’t ｇｏｏｄ.");

        Assert.Equal(ReviewCategory.Negative, result.Category);
        Assert.Contains(new ReviewEvidence("wasn’t ｇｏｏｄ", ReviewSignals.NegatedPraise), result.Evidence);
    }

    [Fact]
    public void Classify_WordInsideAnotherWord_IsNotMatched()
    {
        // "bad" in "badge", "late" in "chocolate", "sue" in "issue" are not words of their own.
        var result = ReviewClassifier.Classify(3, "The badge and the chocolate arrived.");

        Assert.Equal(ReviewCategory.Neutral, result.Category);
        Assert.Empty(result.Evidence);
    }

    [Fact]
    public void Classify_PositiveAndNeutral_HaveNoCause()
    {
        Assert.Null(ReviewClassifier.Classify(5, "质量很好").Cause);
        Assert.Null(ReviewClassifier.Classify(3, "一般般").Cause);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(6)]
    [InlineData(-1)]
    public void Classify_RatingOutsideOneToFive_Throws(int rating)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ReviewClassifier.Classify(rating, "ok"));
    }

    [Fact]
    public void Classify_ManyThreadsAtOnce_AgreeWithOneThread()
    {
        string[] texts = ["东西挺好的，就是物流太慢了", "Great, arrived broken. Thanks a lot.", "👍🏽", "我要找律师", "不贵，挺好用的"];
        var expected = texts.Select(t => ReviewClassifier.Classify(4, t)).ToList();

        var results = new ReviewClassification[texts.Length * 200];
        Parallel.For(0, results.Length, i => results[i] = ReviewClassifier.Classify(4, texts[i % texts.Length]));

        for (var i = 0; i < results.Length; i++)
        {
            var want = expected[i % texts.Length];
            Assert.Equal(want.Category, results[i].Category);
            Assert.Equal(want.Cause, results[i].Cause);
            Assert.Equal(want.Evidence, results[i].Evidence);
        }
    }
}
