using System.Collections.Frozen;
using Automation.Core.Reviews;

namespace Automation.Core.Tests.Reviews;

public class ReviewRepliesTests
{
    private const string ShopId = "demo-shop";

    private static readonly PersonalFacts Buyer = new("李雷", "13800138000", "lilei@example.com", null, "4398127654321098");

    public static TheoryData<string, ReviewCategory> LocalesAndCategories()
    {
        var data = new TheoryData<string, ReviewCategory>();
        foreach (var locale in new[] { "en", "zh-CN" })
        {
            foreach (var category in Enum.GetValues<ReviewCategory>())
            {
                data.Add(locale, category);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(LocalesAndCategories))]
    public void BuiltIn_EachLocaleAndCategory_HasAtLeastFourValidVariants(string locale, ReviewCategory category)
    {
        var variants = ReviewReplies.BuiltIn[locale][category];

        Assert.True(variants.Count >= 4);
        Assert.Equal(variants.Count, variants.Distinct(StringComparer.Ordinal).Count());
        Assert.All(variants, v => Assert.Empty(ReviewReplies.CheckTemplate(category, v)));

        // Every review gets a reply even with nothing known: at least two variants need no placeholder.
        Assert.True(variants.Count(v => !v.Contains('{', StringComparison.Ordinal)) >= 2);
    }

    [Fact]
    public void ChooseVariant_SameShopAndReview_IsTheSameEveryTime()
    {
        var first = ReviewReplies.ChooseVariant(ShopId, "r-1", 5);

        Assert.All(Enumerable.Range(0, 10), _ => Assert.Equal(first, ReviewReplies.ChooseVariant(ShopId, "r-1", 5)));
    }

    [Fact]
    public void ChooseVariant_KnownInputs_GiveTheValuesPinnedHere()
    {
        // Pinned so that a change of hash (which would re-word every stored draft on re-processing) is a visible decision.
        int[] actual = [ReviewReplies.ChooseVariant("demo-shop", "r-1", 5), ReviewReplies.ChooseVariant("demo-shop", "r-2", 5), ReviewReplies.ChooseVariant("other-shop", "r-1", 5)];

        Assert.Equal([1, 0, 1], actual);
    }

    [Fact]
    public void ChooseVariant_ManyReviews_SpreadsOverEveryVariant()
    {
        var counts = Enumerable.Range(0, 500)
            .GroupBy(i => ReviewReplies.ChooseVariant(ShopId, $"review-{i}", 5))
            .ToDictionary(g => g.Key, g => g.Count());

        Assert.Equal(5, counts.Count);
        Assert.All(counts.Values, c => Assert.InRange(c, 60, 140));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void ChooseVariant_NoVariants_Throws(int count)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ReviewReplies.ChooseVariant(ShopId, "r", count));
    }

    [Fact]
    public void Compose_SameReviewTwice_GivesTheSameReply()
    {
        var request = Request("r-42", Positive(), item: "Classic Hoodie");

        Assert.Equal(Compose(request), Compose(request));
    }

    [Theory]
    [MemberData(nameof(LocalesAndCategories))]
    public void Compose_ManyReviews_UseSeveralVariants(string locale, ReviewCategory category)
    {
        var texts = Enumerable.Range(0, 60)
            .Select(i => Compose(Request($"r-{i}", new ReviewClassification(category, ReviewCause.ProductQuality, false, []), locale: locale, item: "Hoodie")).Text)
            .Distinct(StringComparer.Ordinal)
            .Count();

        Assert.True(texts >= 4, $"{texts} distinct replies");
    }

    [Theory]
    [MemberData(nameof(LocalesAndCategories))]
    public void Compose_NothingKnown_StillReadsWell(string locale, ReviewCategory category)
    {
        foreach (var i in Enumerable.Range(0, 40))
        {
            var reply = Compose(Request($"r-{i}", new ReviewClassification(category, null, false, []), locale: locale, item: null, shopName: ""));

            Assert.NotNull(reply.Text);
            Assert.DoesNotContain("{", reply.Text, StringComparison.Ordinal);
            Assert.DoesNotContain("  ", reply.Text, StringComparison.Ordinal);
            Assert.DoesNotContain("这款，", reply.Text, StringComparison.Ordinal);
            Assert.DoesNotContain("your ,", reply.Text, StringComparison.Ordinal);
            Assert.DoesNotContain("{", ReviewReplies.BuiltIn[locale][category][reply.Variant], StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("en", ReviewCause.Logistics, "the delivery")]
    [InlineData("en", ReviewCause.ProductQuality, "the quality")]
    [InlineData("en", ReviewCause.NotAsDescribed, "the item not matching its description")]
    [InlineData("en", ReviewCause.SizeFit, "the sizing")]
    [InlineData("en", ReviewCause.ServiceAttitude, "our service")]
    [InlineData("en", ReviewCause.Price, "the price")]
    [InlineData("zh-CN", ReviewCause.Logistics, "物流配送")]
    [InlineData("zh-CN", ReviewCause.SizeFit, "尺码")]
    [InlineData("zh-CN", ReviewCause.NotAsDescribed, "商品与描述不符")]
    public void Compose_CauseKnown_MentionsItWhereTheVariantDoes(string locale, ReviewCause cause, string phrase)
    {
        var replies = Enumerable.Range(0, 40)
            .Select(i => Compose(Request($"r-{i}", new ReviewClassification(ReviewCategory.Negative, cause, false, []), locale: locale)))
            .ToList();

        var withCause = replies.Where(r => ReviewReplies.BuiltIn[locale][ReviewCategory.Negative][r.Variant].Contains("{cause}", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(withCause);
        Assert.All(withCause, r => Assert.Contains(phrase, r.Text, StringComparison.Ordinal));
    }

    [Fact]
    public void Compose_ShopVariantsNeedingTheCause_UseIt()
    {
        var settings = Settings("en", ReviewCategory.Mixed, "Sorry about {cause} with your {item}; we'll contact you privately.");

        var reply = ReviewReplies.Compose(
            Request("r-1", new ReviewClassification(ReviewCategory.Mixed, ReviewCause.SizeFit, false, []), locale: "en", item: "Classic Hoodie"),
            settings);

        Assert.Equal("Sorry about the sizing with your Classic Hoodie; we'll contact you privately.", reply.Text);
        Assert.True(reply.IsShopOverride);
    }

    [Theory]
    [InlineData(ReviewCause.Other)]
    [InlineData(null)]
    public void Compose_CauseOtherOrUnknown_PassesOverVariantsNamingIt(ReviewCause? cause)
    {
        foreach (var i in Enumerable.Range(0, 30))
        {
            var reply = Compose(Request($"r-{i}", new ReviewClassification(ReviewCategory.Negative, cause, false, []), locale: "en"));

            Assert.DoesNotContain("{cause}", ReviewReplies.BuiltIn["en"][ReviewCategory.Negative][reply.Variant], StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Compose_ShopVariantsAllNeedTheItem_ItemUnknown_FallsBackToBuiltIn()
    {
        var settings = Settings("en", ReviewCategory.Positive, "Enjoy your {item}!");

        var known = ReviewReplies.Compose(Request("r-1", Positive(), locale: "en", item: "Hoodie"), settings);
        var unknown = ReviewReplies.Compose(Request("r-1", Positive(), locale: "en", item: null), settings);

        Assert.Equal(("Enjoy your Hoodie!", true), (known.Text, known.IsShopOverride));
        Assert.False(unknown.IsShopOverride);
        Assert.Equal("en", unknown.Locale);
    }

    [Theory]
    [InlineData("zh-CN", "en", "zh-CN")]
    [InlineData("zh-TW", "en", "zh-CN")]
    [InlineData("zh", "en", "zh-CN")]
    [InlineData("en-GB", "zh-CN", "en")]
    [InlineData("fr", "zh-CN", "zh-CN")]
    [InlineData(null, "zh-CN", "zh-CN")]
    [InlineData("fr", "de", "en")]
    public void Compose_Locale_FollowsTheBuyerThenTheShopThenEnglish(string? locale, string shopLocale, string expected)
    {
        var reply = ReviewReplies.Compose(Request("r-1", Positive(), locale: locale, shopLocale: shopLocale), ReviewReplySettings.Default);

        Assert.Equal(expected, reply.Locale);
    }

    [Fact]
    public void Compose_ShopOverrideOnlyInEnglish_ChineseBuyerGetsBuiltInChinese()
    {
        var settings = Settings("en", ReviewCategory.Positive, "Thanks a lot!");

        var reply = ReviewReplies.Compose(Request("r-1", Positive(), locale: "zh-CN"), settings);

        Assert.Equal(("zh-CN", false), (reply.Locale, reply.IsShopOverride));
    }

    [Theory]
    [InlineData(ReviewCategory.Positive, ReviewReplyMode.Auto, true)]
    [InlineData(ReviewCategory.Neutral, ReviewReplyMode.Draft, false)]
    [InlineData(ReviewCategory.Mixed, ReviewReplyMode.Draft, false)]
    [InlineData(ReviewCategory.Negative, ReviewReplyMode.Draft, false)]
    public void Compose_DefaultModes_PostOnlyPositive(ReviewCategory category, ReviewReplyMode mode, bool canPost)
    {
        var reply = Compose(Request("r-1", new ReviewClassification(category, null, false, [])));

        Assert.Equal((mode, canPost), (reply.Mode, reply.CanPost));
    }

    [Fact]
    public void Compose_LegalActionMentioned_IsHeldWithItsDraft()
    {
        var reply = Compose(Request("r-1", new ReviewClassification(ReviewCategory.Negative, ReviewCause.ProductQuality, true, [new("12315", "legal")])));

        Assert.Equal(ReviewReplyHoldReasons.LegalActionMentioned, reply.HoldReason);
        Assert.False(reply.CanPost);
        Assert.NotNull(reply.Text);
    }

    [Fact]
    public void Compose_LegalActionOnAPositiveReview_IsNotPostedEither()
    {
        var reply = Compose(Request("r-1", new ReviewClassification(ReviewCategory.Positive, null, true, [])));

        Assert.Equal((ReviewReplyMode.Auto, false), (reply.Mode, reply.CanPost));
    }

    [Fact]
    public void Compose_ShopTemplateWithPersonalDataInTheItem_IsScrubbedOrHeld()
    {
        var settings = Settings("zh-CN", ReviewCategory.Positive, "感谢您购买{item}！");

        var reply = ReviewReplies.Compose(Request("r-1", Positive(), locale: "zh-CN", item: "李雷定制款"), settings);

        Assert.Contains(PersonalDataKind.Name, reply.Removed);
        Assert.True(reply.Text is null || !reply.Text.Contains("李雷", StringComparison.Ordinal));
    }

    [Fact]
    public void Compose_ItemTitleWithBuyersName_WouldBreakTheSentence_IsHeld()
    {
        var settings = Settings("en", ReviewCategory.Positive, "Thanks for buying the {item} from us!");

        var reply = ReviewReplies.Compose(Request("r-1", Positive(), locale: "en", item: "Hoodie for Emily Carter", facts: new PersonalFacts(Name: "Emily Carter")), settings);

        Assert.Equal(PublicReplyHoldReasons.DanglingReference, reply.HoldReason);
        Assert.Null(reply.Text);
        Assert.False(reply.CanPost);
    }

    [Fact]
    public void Compose_LongItemTitle_IsShortened()
    {
        var settings = Settings("zh-CN", ReviewCategory.Positive, "喜欢{item}就好！");

        var reply = ReviewReplies.Compose(Request("r-1", Positive(), locale: "zh-CN", item: "2025新款秋冬季女装韩版宽松显瘦百搭长袖加厚羊毛针织连衣裙中长款"), settings);

        Assert.Equal("喜欢2025新款秋冬季女装韩版宽松显瘦百搭长袖加厚羊毛针织连衣裙…就好！", reply.Text);
    }

    [Fact]
    public void Compose_ItemTitleWithInvisibleCharacters_IsCleaned()
    {
        var settings = Settings("en", ReviewCategory.Positive, "Enjoy the {item}!");

        var reply = ReviewReplies.Compose(Request("r-1", Positive(), locale: "en", item: "Hoo\u202Edie \u200B  Classic"), settings);

        Assert.Equal("Enjoy the Hoodie Classic!", reply.Text);
    }

    [Fact]
    public void CheckEdited_OpsText_GetsTheSamePrivacyCheck()
    {
        var edited = ReviewReplies.CheckEdited("李先生您好，已为您安排换货，感谢理解！", Buyer);

        Assert.Equal("您好，已为您安排换货，感谢理解！", edited.Text);
        Assert.Equal(PublicReplyHoldReasons.DanglingReference, ReviewReplies.CheckEdited("我们会打13800138000联系您", Buyer).HoldReason);
    }

    [Theory]
    [InlineData(ReviewCategory.Positive, "Hi {customerName}, thanks!", "{customerName}")]
    [InlineData(ReviewCategory.Positive, "Order {orderId} thanks", "{orderId}")]
    [InlineData(ReviewCategory.Positive, "Sorry about {cause}", "mixed and negative")]
    [InlineData(ReviewCategory.Neutral, "Sorry about {cause}", "mixed and negative")]
    [InlineData(ReviewCategory.Negative, "Call us at 13800138000", "phone")]
    [InlineData(ReviewCategory.Negative, "Write to help@shop.example", "email")]
    [InlineData(ReviewCategory.Negative, "Sorry {item", "never closed")]
    [InlineData(ReviewCategory.Negative, "", "empty")]
    [InlineData(ReviewCategory.Negative, "Sorry\u202E!", "U+202E")]
    public void CheckTemplate_BadTemplate_SaysWhy(ReviewCategory category, string text, string expected)
    {
        var problems = ReviewReplies.CheckTemplate(category, text);

        Assert.Contains(problems, p => p.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void CheckTemplate_TooLong_SaysSo()
    {
        Assert.Contains(ReviewReplies.CheckTemplate(ReviewCategory.Positive, new string('好', ReviewReplies.MaxTemplateLength + 1)), p => p.Contains("at most", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(ReviewCategory.Mixed, "Sorry about {cause} with the {item}.\nThe {shopName} team")]
    [InlineData(ReviewCategory.Positive, "Thanks! {{braces}} are fine")]
    [InlineData(ReviewCategory.Positive, "客服热线400-820-8820，随时为您服务～")]
    public void CheckTemplate_GoodTemplate_HasNoProblems(ReviewCategory category, string text)
    {
        Assert.Empty(ReviewReplies.CheckTemplate(category, text));
    }

    [Theory]
    [InlineData(ReviewCause.Other, "en")]
    [InlineData(null, "zh-CN")]
    public void CausePhrase_OtherOrNone_IsNull(ReviewCause? cause, string locale)
    {
        Assert.Null(ReviewReplies.CausePhrase(cause, locale));
    }

    private static ReviewClassification Positive() => new(ReviewCategory.Positive, null, false, []);

    private static ReviewReplyRequest Request(
        string reviewId,
        ReviewClassification classification,
        string? locale = "zh-CN",
        string shopLocale = "zh-CN",
        string? item = "羽绒服",
        string shopName = "Demo Shop",
        PersonalFacts? facts = null)
        => new(ShopId, shopName, reviewId, locale, shopLocale, item, classification, facts ?? Buyer);

    private static ReviewReply Compose(ReviewReplyRequest request) => ReviewReplies.Compose(request, ReviewReplySettings.Default);

    private static ReviewReplySettings Settings(string locale, ReviewCategory category, params string[] variants)
        => ReviewReplySettings.Default with
        {
            Templates = new Dictionary<string, IReadOnlyDictionary<ReviewCategory, IReadOnlyList<string>>>
            {
                [locale] = new Dictionary<ReviewCategory, IReadOnlyList<string>> { [category] = variants },
            }.ToFrozenDictionary(),
        };
}
