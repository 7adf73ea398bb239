using Automation.Core.Reviews;

namespace Automation.Core.Tests.Reviews;

public class ReviewReadingsTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);
    private static readonly PersonalFacts Buyer = new(Name: "李雷", Phone: "13800138000", OrderId: "A1001");

    private static ValidationResult<ReviewReadingRequest> Validate(string? category, string review, params TaughtPhraseInput?[] phrases) =>
        ReviewReadings.Validate(category, phrases.Length == 0 ? null : phrases, review, Buyer, categoryRequired: false);

    private static TaughtPhraseInput Phrase(string? text, string? reading) => new() { Text = text, Reading = reading };

    [Fact]
    public void Validate_KnownCategoryAndPhrasesOfTheReview_AreNormalizedAsTheClassifierMatches()
    {
        var result = Validate("mixed", "洗了一次 ONE WASH 就缩", Phrase(" One Wash ", "complaint"), Phrase("就缩", "complaint"));

        Assert.True(result.IsValid);
        Assert.Equal(ReviewCategory.Mixed, result.Value.Category);
        Assert.Equal([new TaughtPhrase("one wash", TaughtReading.Complaint), new TaughtPhrase("就缩", TaughtReading.Complaint)], result.Value.Phrases);
    }

    [Theory]
    [InlineData("glowing", "category")]
    [InlineData("Positive", "category")]
    public void Validate_UnknownCategory_NamesCategory(string category, string field)
    {
        var result = Validate(category, "不掉色");

        Assert.Equal([field], result.Errors.Keys);
    }

    [Fact]
    public void Validate_ChangeOfReadingWithoutCategory_NamesCategory()
    {
        var result = ReviewReadings.Validate(null, null, "不掉色", Buyer, categoryRequired: true);

        Assert.Equal(["category"], result.Errors.Keys);
    }

    [Theory]
    [InlineData("不掉色", "nice", "phrases[0].reading")]
    [InlineData("不掉色", null, "phrases[0].reading")]
    [InlineData(null, "praise", "phrases[0].text")]
    [InlineData("色", "praise", "phrases[0].text")] // one character is too blunt
    [InlineData("!!", "praise", "phrases[0].text")]
    [InlineData("缩水", "complaint", "phrases[0].text")] // not in the review
    [InlineData("13800138000", "neutral", "phrases[0].text")] // personal data
    [InlineData("李雷", "neutral", "phrases[0].text")]
    [InlineData("不\u202E掉色", "praise", "phrases[0].text")]
    public void Validate_BadPhrase_NamesItsField(string? text, string? reading, string field)
    {
        var result = Validate(null, "不掉色，李雷 13800138000 很满意!!", Phrase(text, reading));

        Assert.Equal([field], result.Errors.Keys);
    }

    [Fact]
    public void Validate_PhraseLongerThanTheLimit_NamesItsText()
    {
        var review = new string('好', TaughtPhrases.MaxPhraseLength + 1);

        var result = Validate(null, review, Phrase(review, "praise"));

        Assert.Equal(["phrases[0].text"], result.Errors.Keys);
    }

    [Fact]
    public void Validate_TooManyPhrasesOrOneNamedTwiceOrANull_AreRefused()
    {
        var many = Enumerable.Range(0, ReviewReadings.MaxNamedPhrases + 1).Select(_ => Phrase("不掉色", "praise")).ToArray();

        Assert.Equal(["phrases"], Validate(null, "不掉色", many).Errors.Keys);
        Assert.Equal(["phrases[1].text"], Validate(null, "不掉色", Phrase("不掉色", "praise"), Phrase("不掉色 ", "neutral")).Errors.Keys);
        Assert.Equal(["phrases[0]"], Validate(null, "不掉色", [null]).Errors.Keys);
    }

    [Fact]
    public void ForApproval_DraftOfANegativeReadingApprovedAsItIs_RecordsNoDecision()
    {
        var negative = ReviewClassifier.Classify(1, "质量太差了");

        Assert.Null(ReviewReadings.ForApproval(negative, new ReviewReadingRequest(null, []), "ops", At));
    }

    [Fact]
    public void ForApproval_PositiveReadingApprovedAsItIs_IsApprovedAsPositive_AndTeachesItsNegatedComplaintAsPraise()
    {
        var reading = ReviewClassifier.Classify(5, "很满意，就是不掉色");

        var correction = ReviewReadings.ForApproval(reading, new ReviewReadingRequest(null, []), "zhang.san", At);

        Assert.NotNull(correction);
        Assert.Equal((ReviewCategory.Positive, ReviewCategory.Positive, false, "zhang.san"), (correction.Category, correction.ReadAs, correction.Reclassified, correction.By));
        Assert.Contains(new TaughtPhrase("不掉色", TaughtReading.Praise), correction.Phrases);
    }

    [Fact]
    public void ForReading_ThankedComplaintWithNamedPhrase_IsReclassified_AndTeachesTheNamedPhraseOnly()
    {
        var reading = ReviewClassifier.Classify(5, "一洗就缩，很满意");
        Assert.Equal(ReviewCategory.Positive, reading.Category);

        var correction = ReviewReadings.ForReading(reading, new ReviewReadingRequest(ReviewCategory.Mixed, [new TaughtPhrase("一洗就缩", TaughtReading.Complaint)]), "ops", At);

        Assert.True(correction.Reclassified);
        Assert.Equal((ReviewCategory.Mixed, ReviewCategory.Positive), (correction.Category, correction.ReadAs));
        Assert.Equal([new TaughtPhrase("一洗就缩", TaughtReading.Complaint)], correction.Phrases);
    }

    [Fact]
    public void ForReading_ComplaintNamedWithoutPhrases_TeachesNothing()
    {
        var reading = ReviewClassifier.Classify(5, "一洗就缩，很满意");

        var correction = ReviewReadings.ForReading(reading, new ReviewReadingRequest(ReviewCategory.Mixed, []), "ops", At);

        Assert.Empty(correction.Phrases);
    }
}

public class TaughtPhraseListTests
{
    private static readonly DateTimeOffset Monday = new(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);

    private static TaughtPhraseEntry Entry(string text, TaughtReading reading, string by = "ops") => new(text, reading, by, Monday, "rv-0");

    [Fact]
    public void Merge_NewPhrasesAreAdded_AndTheLastWordOnAPhraseWins()
    {
        var current = new[] { Entry("不掉色", TaughtReading.Neutral), Entry("做旧", TaughtReading.Praise) };

        var merge = TaughtPhraseList.Merge(current, [new TaughtPhrase("不掉色", TaughtReading.Praise), new TaughtPhrase("一洗就缩", TaughtReading.Complaint)], "zhang.san", Monday.AddDays(1), "rv-9");

        Assert.Equal((1, 1, false, true), (merge.Added, merge.Changed, merge.Full, merge.ChangesList));
        Assert.Equal(new TaughtPhraseEntry("不掉色", TaughtReading.Praise, "zhang.san", Monday.AddDays(1), "rv-9"), merge.Entries[0]);
        Assert.Equal(["不掉色", "做旧", "一洗就缩"], merge.Entries.Select(e => e.Text));
    }

    [Fact]
    public void Merge_TheSameCorrectionAgain_ChangesNothing()
    {
        var current = new[] { Entry("不掉色", TaughtReading.Praise) };

        var merge = TaughtPhraseList.Merge(current, [new TaughtPhrase("不掉色", TaughtReading.Praise)], "li.si", Monday.AddDays(2), "rv-3");

        Assert.False(merge.ChangesList);
        Assert.Equal(current, merge.Entries);
    }

    [Fact]
    public void Merge_PastTheCap_MergesNothing_ButAChangeOfAPhraseAlreadyTaughtStillFits()
    {
        var full = Enumerable.Range(0, TaughtPhrases.MaxPhrases).Select(i => Entry("词" + i, TaughtReading.Neutral)).ToList();

        var refused = TaughtPhraseList.Merge(full, [new TaughtPhrase("新词", TaughtReading.Praise), new TaughtPhrase("词1", TaughtReading.Praise)], "ops", Monday, "rv-1");
        var changed = TaughtPhraseList.Merge(full, [new TaughtPhrase("词1", TaughtReading.Praise)], "ops", Monday, "rv-1");

        Assert.True(refused.Full);
        Assert.Same(full, refused.Entries);
        Assert.Equal((false, 1), (changed.Full, changed.Changed));
    }

    [Fact]
    public void Remove_MatchesAsTheClassifierDoes_AndToTaughtFeedsTheClassifier()
    {
        var current = new[] { Entry("one wash", TaughtReading.Complaint), Entry("不掉色", TaughtReading.Praise) };

        var (kept, removed) = TaughtPhraseList.Remove(current, " ONE WASH ");
        var (_, absent) = TaughtPhraseList.Remove(current, "缩水");

        Assert.True(removed);
        Assert.False(absent);
        Assert.Equal(["不掉色"], kept.Select(e => e.Text));
        var reading = ReviewClassifier.Classify(5, "洗了几次都不掉色", TaughtPhraseList.ToTaught(kept));
        Assert.Contains(reading.Evidence, e => e.Signal == ReviewSignals.Taught && e.Text == "不掉色");
        Assert.True(TaughtPhraseList.ToTaught([]).IsEmpty);
    }
}
