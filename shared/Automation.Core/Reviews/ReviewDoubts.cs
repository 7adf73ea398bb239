namespace Automation.Core.Reviews;

/// <summary>
/// The stable codes in <see cref="ReviewClassification.Doubts"/>: why a positive reading is not clear praise. Stored and
/// shown to agents with the held reply; add codes rather than renaming.
/// </summary>
public static class ReviewDoubts
{
    /// <summary>A contrast word (但是, 就是, "but", "though"): what follows it may be a drawback no word named.</summary>
    public const string Contrast = "contrast";

    /// <summary>A clause the reading found nothing in: it may complain in words no lexicon holds ("Ordered a medium, got an XXL").</summary>
    public const string UnreadText = "unread_text";

    /// <summary>A negation the reading did not account for ("不是很", "not exactly"): praise may be denied in a way it missed.</summary>
    public const string Negation = "negation";

    /// <summary>A complaint that weighs little beside the praise ("物流有点慢，其他都很好"): a happy review with a small drawback.</summary>
    public const string MinorComplaint = "minor_complaint";

    /// <summary>A complaint word that was negated, feared or accepted: read as no complaint, but close to one.</summary>
    public const string SoftenedComplaint = "softened_complaint";

    /// <summary>Lukewarm words ("还行", "okay") next to the praise.</summary>
    public const string Lukewarm = "lukewarm";

    /// <summary>A question to the shop ("怎么用？"): it wants an answer, not thanks.</summary>
    public const string Question = "question";

    /// <summary>Text with no praise in it at all (a good rating over words that do not praise).</summary>
    public const string NoPraise = "no_praise";

    /// <summary>A sarcasm marker ("呵呵", "thanks a lot"), even with no complaint found beside it.</summary>
    public const string Sarcasm = "sarcasm";

    /// <summary>The reading's confidence is under what clear praise needs.</summary>
    public const string LowConfidence = "low_confidence";
}
