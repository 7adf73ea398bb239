using Automation.Core.Reviews;

namespace Automation.Core.Tests.Reviews;

/// <summary>A shop's taught phrases: read before the built-in lexicon, and what a correction teaches.</summary>
public sealed class TaughtPhrasesTests
{
    [Fact]
    public void TaughtPraise_OutweighsTheBuiltInComplaint_AndIsShownAsTaught()
    {
        const string Review = "这款裤子掉色吗？不会，这就是我们家的卖点：洗十次也不掉色，超满意";
        var taught = new TaughtPhrases([new("洗十次也不掉色", TaughtReading.Praise)]);

        var before = ReviewClassifier.Classify(5, "洗十次也不掉色，超满意");
        var after = ReviewClassifier.Classify(5, "洗十次也不掉色，超满意", taught);

        Assert.Contains(before.Evidence, e => e.Signal == ReviewSignals.NegatedComplaint);
        Assert.Contains(after.Evidence, e => e is { Text: "洗十次也不掉色", Signal: ReviewSignals.Taught });
        Assert.Contains(after.Evidence, e => e is { Text: "洗十次也不掉色", Signal: ReviewSignals.Praise });
        Assert.NotNull(Review);
    }

    [Fact]
    public void TaughtNeutral_TakesAProductNameOutOfTheComplaints()
    {
        var taught = new TaughtPhrases([new("slow cooker", TaughtReading.Neutral)]);

        var untaught = ReviewClassifier.Classify(5, "The slow cooker is wonderful");
        var read = ReviewClassifier.Classify(5, "The slow cooker is wonderful", taught);

        Assert.Equal(ReviewCategory.Mixed, untaught.Category);
        Assert.Equal(ReviewCategory.Positive, read.Category);
        Assert.Contains(read.Evidence, e => e is { Text: "slow cooker", Signal: ReviewSignals.Taught });
    }

    [Fact]
    public void TaughtComplaint_FindsWhatNoBuiltInWordSays()
    {
        var taught = new TaughtPhrases([new("一洗就缩", TaughtReading.Complaint)]);

        var read = ReviewClassifier.Classify(5, "好看，一洗就缩", taught);

        Assert.Equal(ReviewCategory.Mixed, read.Category);
    }

    [Fact]
    public void Phrases_AreNormalized_TheLastWordWins_AndBluntOnesAreDropped()
    {
        var taught = new TaughtPhrases([new(" ＳＬＯＷ Cooker ", TaughtReading.Complaint), new("slow cooker", TaughtReading.Neutral), new("差", TaughtReading.Neutral)]);

        var phrase = Assert.Single(taught.Phrases);
        Assert.Equal(new TaughtPhrase("slow cooker", TaughtReading.Neutral), phrase);
    }

    [Fact]
    public void CorrectionToPositive_TeachesTheWordsThatReadItOtherwise()
    {
        var reading = ReviewClassifier.Classify(5, "The slow cooker is wonderful");

        var phrases = ReviewCorrections.PhrasesFrom(reading, ReviewCategory.Positive, named: null);

        Assert.Contains(new TaughtPhrase("slow", TaughtReading.Neutral), phrases);
        Assert.Empty(ReviewCorrections.PhrasesFrom(reading, ReviewCategory.Mixed, named: null));
    }

    [Fact]
    public void NamedPhrases_AreWhatIsTaught()
    {
        var reading = ReviewClassifier.Classify(5, "好看，一洗就缩");

        var phrases = ReviewCorrections.PhrasesFrom(reading, ReviewCategory.Mixed, [new(" 一洗就缩 ", TaughtReading.Complaint), new("!", TaughtReading.Praise)]);

        Assert.Equal([new TaughtPhrase("一洗就缩", TaughtReading.Complaint)], phrases);
    }
}
