namespace Automation.Core.Reviews;

/// <summary>
/// The stable codes in <see cref="ReviewEvidence.Signal"/>. Stored and shown to agents: add codes rather than renaming.
/// Each piece of evidence carries the words as the buyer wrote them (with any negator or intensifier in front, and an
/// emoji's variation selector or skin tone).
/// </summary>
public static class ReviewSignals
{
    /// <summary>Praise, e.g. "很满意", "love it", "不错".</summary>
    public const string Praise = "praise";

    /// <summary>A complaint, e.g. "太慢了", "broke", "色差".</summary>
    public const string Complaint = "complaint";

    /// <summary>Praise under a negation, counted as a complaint: "不满意", "不太好用", "wasn't great", "not worth".</summary>
    public const string NegatedPraise = "negated_praise";

    /// <summary>A complaint under a negation, counted as mild praise: "没有色差", "不贵", "no problems", "not bad".</summary>
    public const string NegatedComplaint = "negated_complaint";

    /// <summary>Lukewarm words that are neither praise nor complaint: "一般", "还行", "so-so", "nothing special".</summary>
    public const string Lukewarm = "lukewarm";

    /// <summary>A complaint the buyer only feared (担心会有色差, "worried it would run small"): not counted.</summary>
    public const string Hypothetical = "hypothetical";

    /// <summary>The buyer accepts what they complained about ("还能接受", "no big deal"): the complaints before it in the sentence are not counted.</summary>
    public const string Mitigation = "mitigation";

    /// <summary>A contrast word (但是, 就是, 可惜, "but", "however"): what follows it weighs more than what precedes it.</summary>
    public const string Contrast = "contrast";

    /// <summary>
    /// In a 4–5 star review with no complaint word, the clause a contrast word introduces, when it holds no praise and
    /// no "not tried yet": read as the buyer's drawback ("可惜附送的赠品没有了", "but the app keeps crashing"). The text
    /// is the clause.
    /// </summary>
    public const string Drawback = "drawback";

    /// <summary>A sarcasm marker next to a complaint ("thanks a lot", "好到"): the praise in the review is not counted.</summary>
    public const string Sarcasm = "sarcasm";

    /// <summary>A praising emoji (👍 😊 ❤️ 🥰 …).</summary>
    public const string EmojiPraise = "emoji_praise";

    /// <summary>A complaining emoji (😡 😤 👎 😞 💔 🙄 …).</summary>
    public const string EmojiComplaint = "emoji_complaint";

    /// <summary>A mention of legal or regulatory action (lawyer, court, sue, 律师, 起诉, 12315, 消协 …): never auto-replied.</summary>
    public const string Legal = "legal";

    /// <summary>A phrase the shop's agents taught (<see cref="TaughtPhrases"/>), read as they taught it: the praise, complaint
    /// or nothing it counted as is in the evidence beside it.</summary>
    public const string Taught = "taught";

    /// <summary>A rating of 1–2 decided the category against a text that only praises (the text is "n/5", e.g. "1/5").</summary>
    public const string RatingOverridesText = "rating_overrides_text";

    /// <summary>The prefix of the cause codes: "cause:logistics", "cause:product_quality", "cause:not_as_described",
    /// "cause:size_fit", "cause:service_attitude", "cause:price". The text is the word that named the cause (a topic such
    /// as "物流" or "customer service", or the complaint itself, such as "色差"). <see cref="ReviewCause.Other"/> has none.</summary>
    public const string CausePrefix = "cause:";

    /// <summary>The cause code of a cause, e.g. "cause:size_fit".</summary>
    public static string ForCause(ReviewCause cause) => cause switch
    {
        ReviewCause.Logistics => "cause:logistics",
        ReviewCause.ProductQuality => "cause:product_quality",
        ReviewCause.NotAsDescribed => "cause:not_as_described",
        ReviewCause.SizeFit => "cause:size_fit",
        ReviewCause.ServiceAttitude => "cause:service_attitude",
        ReviewCause.Price => "cause:price",
        _ => "cause:other",
    };
}
