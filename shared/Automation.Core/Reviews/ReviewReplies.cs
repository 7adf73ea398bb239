using System.Buffers.Binary;
using System.Collections.Frozen;
using System.Security.Cryptography;
using System.Text;
using Automation.Core.Messaging;

namespace Automation.Core.Reviews;

/// <summary>Placeholders a review-reply template may use. There is deliberately none for the buyer's name or order.</summary>
public static class ReviewReplyPlaceholders
{
    /// <summary>The reviewed item's title (cleaned, shortened to <see cref="ReviewReplies.MaxItemLength"/>).</summary>
    public const string Item = "item";

    /// <summary>The likely cause as a short localized phrase ("the delivery", "物流配送"); mixed and negative templates only.</summary>
    public const string Cause = "cause";

    public const string ShopName = "shopName";
}

/// <summary>Why a composed reply is not posted, beyond the privacy reasons in <see cref="PublicReplyHoldReasons"/>.</summary>
public static class ReviewReplyHoldReasons
{
    /// <summary>The review mentions a lawyer, a court, 12315 and the like: never auto-replied; a supervisor task.</summary>
    public const string LegalActionMentioned = "legal_action_mentioned";

    /// <summary>
    /// Read as positive, but not as clear praise: the reading's <see cref="ReviewClassification.Doubts"/> say why (a
    /// contrast word, an unread clause, a softened complaint …); under the looser gate, a contrast word only.
    /// </summary>
    public const string UncertainPositive = "uncertain_positive";
}

/// <summary>Everything a reply is composed from.</summary>
/// <param name="ShopId">With <paramref name="ReviewId"/>, picks the variant: the same review always gets the same one.</param>
/// <param name="ShopName">For <c>{shopName}</c>; variants using it are skipped when empty.</param>
/// <param name="ReviewId">The platform's review id.</param>
/// <param name="Locale">The buyer's or the review's language, if known.</param>
/// <param name="ShopLocale">The shop's language (the next choice).</param>
/// <param name="ItemTitle">The reviewed item, if known; variants using <c>{item}</c> are skipped when unknown.</param>
/// <param name="Classification">The classifier's decision.</param>
/// <param name="Facts">The buyer's personal facts, kept out of the reply.</param>
public sealed record ReviewReplyRequest(
    string ShopId,
    string ShopName,
    string ReviewId,
    string? Locale,
    string ShopLocale,
    string? ItemTitle,
    ReviewClassification Classification,
    PersonalFacts Facts);

/// <summary>
/// A composed reply. Post it only when <see cref="CanPost"/>; otherwise it is a draft (mode draft) or held
/// (<see cref="HoldReason"/>: <see cref="ReviewReplyHoldReasons"/> or <see cref="PublicReplyHoldReasons"/>).
/// <see cref="Text"/> is null only when the privacy check could not make the reply safe.
/// </summary>
/// <param name="Variant">The index of the template in the chosen set (built-in or the shop's).</param>
public sealed record ReviewReply(
    ReviewCategory Category,
    ReviewReplyMode Mode,
    string Locale,
    int Variant,
    bool IsShopOverride,
    string? Text,
    string? HoldReason,
    IReadOnlyList<PersonalDataKind> Removed)
{
    public bool CanPost => Mode == ReviewReplyMode.Auto && HoldReason is null && Text is not null;
}

/// <summary>
/// Composes public replies to reviews: per-category template sets in English and Chinese (several variants each,
/// shop-overridable per locale and category), a variant stable per review but spread across reviews, the item and the
/// cause mentioned where known, and the privacy check on the result.
/// </summary>
public static class ReviewReplies
{
    public const int MaxTemplateLength = 500;
    public const int MaxItemLength = 30;

    private static readonly FrozenSet<string> AllPlaceholders =
        new[] { ReviewReplyPlaceholders.Item, ReviewReplyPlaceholders.Cause, ReviewReplyPlaceholders.ShopName }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Built-in variants by locale and category. Each set has variants without placeholders, so every review gets a reply.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyDictionary<ReviewCategory, IReadOnlyList<string>>> BuiltIn { get; } =
        new Dictionary<string, IReadOnlyDictionary<ReviewCategory, IReadOnlyList<string>>>
        {
            ["en"] = new Dictionary<ReviewCategory, IReadOnlyList<string>>
            {
                [ReviewCategory.Positive] =
                [
                    "Thank you so much for the wonderful review! We're delighted you love your {item}, and we hope to see you again soon.",
                    "Thanks for taking the time to share this! It made our day to hear the {item} lived up to your expectations.",
                    "What a lovely review, thank you! Enjoy your purchase, and we're here whenever you need us.",
                    "We're so glad you're happy with your order! Thank you for choosing {shopName}.",
                    "Thank you for the kind words! Feedback like yours means a lot to our whole team.",
                    "A big thank-you from all of us! We hope the {item} serves you well for a long time.",
                ],
                [ReviewCategory.Neutral] =
                [
                    "Thank you for your review. If anything about your {item} could be better, we'd really like to hear it.",
                    "Thanks for sharing your thoughts! We're always working to improve, and your feedback helps.",
                    "Thank you for shopping with {shopName}. If there's anything that would make your next order better, just let us know.",
                    "We appreciate your honest review. Please reach out any time if you have questions about your {item}.",
                    "Thanks for the feedback! We hope your next experience with us earns that extra star.",
                ],
                [ReviewCategory.Mixed] =
                [
                    "Thank you for the good rating, and we're sorry about {cause}. That's not the experience we want for you; our team will contact you privately to put it right.",
                    "We're glad you gave the {item} a chance, and we're sorry about {cause}. We'll be in touch privately to make it right.",
                    "Thanks for your kind rating and your honest comments. We're sorry things weren't perfect; we'll reach out privately to help.",
                    "Thank you for your feedback! We've noted what you said about {cause} and will contact you privately to sort it out.",
                    "We appreciate the rating, and we're sorry for the trouble. Our after-sale team will contact you privately to make things right.",
                ],
                [ReviewCategory.Negative] =
                [
                    "We're very sorry about {cause}. This isn't the standard we hold ourselves to, and our team will contact you privately to resolve it.",
                    "We're sorry your {item} didn't meet your expectations. Thank you for telling us; we'll reach out privately to make it right.",
                    "We apologise for the disappointing experience. Your feedback has been passed to our team, and we'll contact you privately to help.",
                    "Thank you for letting us know about {cause}, and we're sorry. We'll get in touch privately to find a solution that works for you.",
                    "We're sorry to hear this. We take every concern seriously and will contact you privately to put things right.",
                ],
            }.ToFrozenDictionary(),
            ["zh-CN"] = new Dictionary<ReviewCategory, IReadOnlyList<string>>
            {
                [ReviewCategory.Positive] =
                [
                    "感谢亲的好评！很高兴您喜欢这款{item}，期待您再次光临～",
                    "谢谢您的认可与支持！您的满意是我们最大的动力，欢迎常来逛逛哦～",
                    "收到您的好评，小店全体都超开心！祝您使用愉快，有任何需要随时找我们～",
                    "感谢您选择{shopName}！{item}能让您满意真是太好了，期待下次再为您服务。",
                    "谢谢亲的用心评价！我们会继续努力，把更好的商品带给您～",
                ],
                [ReviewCategory.Neutral] =
                [
                    "感谢您的评价！如果{item}有哪里还可以做得更好，欢迎随时告诉我们。",
                    "谢谢亲的反馈，我们会继续改进，争取下次给您更好的体验～",
                    "感谢您光临{shopName}！有任何问题都可以联系客服，我们随时为您服务。",
                    "谢谢您的真实评价，您的建议对我们很重要，我们会认真参考。",
                ],
                [ReviewCategory.Mixed] =
                [
                    "感谢亲的好评与支持！关于{cause}的问题我们非常抱歉，客服会私下联系您，尽快为您妥善处理。",
                    "谢谢您的认可，也谢谢您指出不足。给您带来不便非常抱歉，我们会私下与您联系解决。",
                    "感谢您选购{item}！关于{cause}的问题，我们已经记录，并会私下联系您跟进处理。",
                    "谢谢亲的评价！这次没能让您完全满意，实在抱歉，售后同事会尽快私下联系您。",
                ],
                [ReviewCategory.Negative] =
                [
                    "非常抱歉，{cause}的问题给您带来了不好的体验，我们的客服会尽快私下联系您，一定给您一个满意的处理。",
                    "很抱歉{item}没有达到您的期望，感谢您的反馈，我们会私下联系您妥善解决。",
                    "给您带来不愉快的购物体验，我们深表歉意。您的反馈已转交相关同事，我们会尽快私下联系您。",
                    "感谢您指出{cause}方面的问题，真的很抱歉。我们会私下与您联系，找到让您满意的解决办法。",
                    "非常抱歉让您失望了。我们重视每一条意见，会尽快私下联系您处理。",
                ],
            }.ToFrozenDictionary(),
        }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenDictionary<ReviewCause, (string En, string Zh)> CausePhrases = new Dictionary<ReviewCause, (string, string)>
    {
        [ReviewCause.Logistics] = ("the delivery", "物流配送"),
        [ReviewCause.ProductQuality] = ("the quality", "商品质量"),
        [ReviewCause.NotAsDescribed] = ("the item not matching its description", "商品与描述不符"),
        [ReviewCause.SizeFit] = ("the sizing", "尺码"),
        [ReviewCause.ServiceAttitude] = ("our service", "客服服务"),
        [ReviewCause.Price] = ("the price", "价格"),
    }.ToFrozenDictionary();

    /// <summary>
    /// The cause as a phrase that fits "sorry about {cause}" / "关于{cause}的问题", or null for no cause or
    /// <see cref="ReviewCause.Other"/> (templates naming the cause are then passed over). Chinese for any zh locale, else English.
    /// </summary>
    public static string? CausePhrase(ReviewCause? cause, string locale)
        => cause is { } known && CausePhrases.TryGetValue(known, out var phrases)
            ? (IsChinese(locale) ? phrases.Zh : phrases.En)
            : null;

    /// <summary>Every problem with a reply template for <paramref name="category"/> (empty when fine); used when shops save templates.</summary>
    public static IReadOnlyList<string> CheckTemplate(ReviewCategory category, string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return ["The reply text must not be empty."];
        }

        var problems = new List<string>();
        if (text.Length > MaxTemplateLength)
        {
            problems.Add($"The reply text must be at most {MaxTemplateLength} characters.");
        }

        if (CustomerText.FindForbidden(text, allowLineBreaks: true) is { } forbidden)
        {
            problems.Add($"Replies are public and must not contain control (other than line breaks and tab), bidi-override, zero-width or non-characters: {forbidden}.");
        }

        var parsed = TemplateText.TryParse(text, out var error);
        if (parsed is null)
        {
            problems.Add(error!);
            return problems;
        }

        foreach (var unknown in parsed.Placeholders.Where(p => !AllPlaceholders.Contains(p)).Distinct(StringComparer.Ordinal))
        {
            problems.Add($"Unknown placeholder {{{unknown}}}; review replies can use {{item}}, {{cause}} and {{shopName}} (never the buyer's name or order).");
        }

        if (category is ReviewCategory.Positive or ReviewCategory.Neutral && parsed.Placeholders.Contains(ReviewReplyPlaceholders.Cause, StringComparer.Ordinal))
        {
            problems.Add("{cause} is only known for mixed and negative reviews.");
        }

        // A template with data in it would be held under every review: refuse it now, with the reason.
        var literal = parsed.Render(FrozenDictionary<string, string>.Empty);
        foreach (var kind in PublicReplyPrivacy.Find(literal, PersonalFacts.None).Select(f => f.Kind).Distinct())
        {
            problems.Add($"Replies are public: the text looks like it contains personal data ({PublicReplyPrivacy.Code(kind)}); put shop contacts in the shop's settings instead.");
        }

        return problems;
    }

    /// <summary>
    /// The variant index for a review: the first four bytes of SHA-256("{shopId}\n{reviewId}") modulo
    /// <paramref name="count"/>. The same on every machine and run (unlike string.GetHashCode), even across reviews.
    /// </summary>
    public static int ChooseVariant(string shopId, string reviewId, int count)
    {
        ArgumentNullException.ThrowIfNull(shopId);
        ArgumentNullException.ThrowIfNull(reviewId);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(shopId + "\n" + reviewId), hash);
        return (int)(BinaryPrimitives.ReadUInt32BigEndian(hash) % (uint)count);
    }

    /// <summary>
    /// Composes the public reply to a review. The locale is the review's, then the shop's, then English (as for
    /// messages); at each step the shop's variants for the category win over the built-in ones. Variants whose
    /// placeholders cannot be filled (no item title, no cause, no shop name) are passed over; the variant is chosen
    /// among the rest by <see cref="ChooseVariant"/>. The text then goes through <see cref="PublicReplyPrivacy.Check"/>.
    /// A review mentioning legal action is held (<see cref="ReviewReplyHoldReasons.LegalActionMentioned"/>) with its draft.
    /// </summary>
    /// <param name="shopContacts">The shop's own contacts, allowed in replies (see <see cref="PublicReplyPrivacy.Check"/>).</param>
    public static ReviewReply Compose(ReviewReplyRequest request, ReviewReplySettings settings, IReadOnlyCollection<string>? shopContacts = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(settings);
        var classification = request.Classification;
        var category = classification.Category;
        var item = ShortItem(request.ItemTitle);

        foreach (var wanted in MessageTemplates.LocaleChain(request.Locale, request.ShopLocale))
        {
            var candidates = new[] { (Sets: settings.Templates, IsShop: true), (Sets: BuiltIn, IsShop: false) };
            foreach (var (sets, isShop) in candidates)
            {
                if (MessageTemplates.Find(sets, wanted) is not { } found || !found.Value.TryGetValue(category, out var variants))
                {
                    continue;
                }

                var values = Values(request, item, category, found.Key);
                var usable = Enumerable.Range(0, variants.Count).Where(i => CanFill(variants[i], values)).ToList();
                if (usable.Count == 0)
                {
                    continue;
                }

                var index = usable[ChooseVariant(request.ShopId, request.ReviewId, usable.Count)];
                var text = TemplateText.TryParse(variants[index], out _)!.Render(values);
                var privacy = PublicReplyPrivacy.Check(text, request.Facts, shopContacts);
                var hold = classification.MentionsLegalAction ? ReviewReplyHoldReasons.LegalActionMentioned : privacy.HoldReason;
                return new ReviewReply(category, settings.ModeFor(category), found.Key, index, isShop, privacy.Text, hold, privacy.Removed);
            }
        }

        throw new InvalidOperationException($"No built-in {category} reply could be filled; the built-in English set must have variants without placeholders.");
    }

    /// <summary>The check for ops' edited reply text (<c>POST .../reply</c>): the same privacy check as composed replies.</summary>
    public static PublicReplyDecision CheckEdited(string? text, PersonalFacts facts, IReadOnlyCollection<string>? shopContacts = null)
        => PublicReplyPrivacy.Check(text, facts, shopContacts);

    private static Dictionary<string, string> Values(ReviewReplyRequest request, string? item, ReviewCategory category, string locale)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        if (item is not null)
        {
            values[ReviewReplyPlaceholders.Item] = item;
        }

        if (category is ReviewCategory.Mixed or ReviewCategory.Negative && CausePhrase(request.Classification.Cause, locale) is { } cause)
        {
            values[ReviewReplyPlaceholders.Cause] = cause;
        }

        var shopName = CustomerText.Clean(request.ShopName ?? string.Empty).Trim();
        if (shopName.Length > 0)
        {
            values[ReviewReplyPlaceholders.ShopName] = shopName;
        }

        return values;
    }

    private static bool CanFill(string template, Dictionary<string, string> values)
        => TemplateText.TryParse(template, out _) is { } parsed && parsed.Placeholders.All(values.ContainsKey);

    /// <summary>The title cleaned, with spaces collapsed, cut at <see cref="MaxItemLength"/> characters with "…"; null when empty.</summary>
    private static string? ShortItem(string? title)
    {
        if (string.IsNullOrWhiteSpace(title))
        {
            return null;
        }

        var clean = string.Join(' ', CustomerText.Clean(title).Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        if (clean.Length == 0)
        {
            return null;
        }

        if (clean.Length <= MaxItemLength)
        {
            return clean;
        }

        var cut = clean[..MaxItemLength];
        if (char.IsHighSurrogate(cut[^1]))
        {
            cut = cut[..^1];
        }

        return cut.TrimEnd() + "…";
    }

    private static bool IsChinese(string locale) => Locales.IsValid(locale) && Locales.LanguageOf(locale) == "zh";
}
