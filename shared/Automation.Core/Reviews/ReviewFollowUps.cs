namespace Automation.Core.Reviews;

/// <summary>What the agent following up a mixed or negative review privately should do: a stable code and the text shown in the task.</summary>
public sealed record ReviewFollowUp(string Code, ReviewCause? Cause, string Text);

/// <summary>
/// The private follow-up for mixed and negative reviews (positive and neutral ones get none). Quality problems carry a
/// return/exchange offer; expectation mismatches (not as described, size/fit) an apology and an explanation.
/// </summary>
public static class ReviewFollowUps
{
    /// <summary>Product quality: offer a return or exchange; ask for photos.</summary>
    public const string OfferReturnOrExchange = "offer_return_or_exchange";

    /// <summary>Not as described, size/fit: apologise and explain (with an exchange for another size where it fits).</summary>
    public const string ApologizeAndExplain = "apologize_and_explain";

    /// <summary>Logistics: check the tracking, reship first if lost or damaged.</summary>
    public const string CheckShipment = "check_shipment";

    /// <summary>Service attitude: apologise; a supervisor reads the conversation.</summary>
    public const string ApologizeForService = "apologize_for_service";

    /// <summary>Price: explain the price calmly, mention current offers.</summary>
    public const string ExplainPrice = "explain_price";

    /// <summary>Other or unknown cause: contact the buyer, apologise, find the cause.</summary>
    public const string ContactAndFindCause = "contact_and_find_cause";

    /// <summary>The follow-up for a review, with its text for agents in <paramref name="locale"/> (Chinese for any zh tag, else English); null for positive and neutral reviews.</summary>
    public static ReviewFollowUp? For(ReviewClassification classification, string? locale)
    {
        ArgumentNullException.ThrowIfNull(classification);
        if (classification.Category is not (ReviewCategory.Mixed or ReviewCategory.Negative))
        {
            return null;
        }

        var zh = Locales.IsValid(locale) && Locales.LanguageOf(locale!) == "zh";
        var cause = classification.Cause;
        var (code, en, chinese) = cause switch
        {
            ReviewCause.ProductQuality => (OfferReturnOrExchange,
                "Apologise and offer a return or an exchange, whichever the buyer prefers; ask for photos of the problem (a quality claim needs them).",
                "向买家致歉，主动提供退货或换货（由买家选择）；请买家提供问题照片（质量问题需要照片）。"),
            ReviewCause.NotAsDescribed => (ApologizeAndExplain,
                "Apologise and explain how the item really is (material, colour, function) against the listing; offer a return if it still does not suit, and flag the listing for correction.",
                "向买家致歉，并说明商品实际情况（材质、颜色、功能）与描述的差别；如仍不合适可提供退货，并反馈修改商品描述。"),
            ReviewCause.SizeFit => (ApologizeAndExplain,
                "Apologise and explain the size chart and how this item fits; offer an exchange for another size.",
                "向买家致歉，说明尺码表和这款的版型；可为买家换一个尺码。"),
            ReviewCause.Logistics => (CheckShipment,
                "Apologise and check the tracking; if the parcel is lost or damaged, reship first and claim from the carrier afterwards (logistics problems: within 48 hours).",
                "向买家致歉并查询物流；如包裹丢失或损坏，先补发再向快递公司索赔（物流问题48小时内解决）。"),
            ReviewCause.ServiceAttitude => (ApologizeForService,
                "Apologise for the service the buyer received; a supervisor reads the conversation and follows up.",
                "就服务态度向买家致歉；由主管查看聊天记录并跟进。"),
            ReviewCause.Price => (ExplainPrice,
                "Thank the buyer, explain calmly what the price includes and mention any current offer; do not argue.",
                "感谢买家，耐心说明价格包含的内容，并告知当前优惠；不要争辩。"),
            _ => (ContactAndFindCause,
                "Contact the buyer, apologise and find out what went wrong; do not ask them to repeat what the review already says.",
                "联系买家致歉，了解问题原因；评价里已说明的内容不要让买家重复。"),
        };

        return new ReviewFollowUp(code, cause, zh ? chinese : en);
    }
}
