using Automation.Core.Reviews;
using CsCheck;

namespace Automation.Core.Tests.Reviews;

/// <summary>
/// Whatever a buyer writes, the reading answers: it never throws, quotes only what was written, and keeps its confidence
/// and doubts in their range. The texts are built from the pieces the rules look at (negators, contrasts, patterns that
/// run over a comma, emoji with modifiers, clause breaks), so their edges meet in every order.
/// </summary>
public sealed class ReviewClassifierPropertyTests
{
    private static readonly string[] Pieces =
    [
        "好", "很好", "不", "没有", "都没有", "也没", "一点都不", "没发现什么", "问题", "但是", "就是", "，", "。", "！", "？", "?", "!", ",", ".",
        "买了", "M码", "收到的是", "XXL", "还停在", "起了一层球", "性价比很高", "还可以", "一般", "呵呵", "律师", "12315", "此用户未填写评价内容",
        "ordered a", " medium", ", got an", " xxl", "not", " bad", " but", " though", "n't", " great", " too small", " love it",
        "thanks a lot", "?", "😡", "👍🏻", "❤️", "\uFE0F", "\uD83C", " ", "  ", "\n", "（", "）", "~", "…", "ＡＢＣ", "\u3000",
    ];

    [Fact]
    public void Classify_AnyMixOfTheRulesPieces_AnswersWithinItsContract()
    {
        var text = Gen.Int[0, Pieces.Length - 1].Array[0, 30].Select(picks => string.Concat(picks.Select(i => Pieces[i])));
        var taught = Gen.OneOf(Gen.Const(TaughtPhrases.None), Gen.Const(new TaughtPhrases([new("问题", TaughtReading.Neutral), new("但是", TaughtReading.Praise), new("xxl", TaughtReading.Complaint)])));
        Gen.Select(Gen.Int[1, 5], text, taught).Sample((rating, review, phrases) =>
        {
            var reading = ReviewClassifier.Classify(rating, review, phrases);

            Assert.InRange(reading.Confidence, 0, 1);
            Assert.All(reading.Evidence.Where(e => e.Signal != ReviewSignals.RatingOverridesText), e => Assert.Contains(e.Text, review, StringComparison.Ordinal));
            Assert.True(reading.Category == ReviewCategory.Positive || reading.Doubts.Count == 0, "only a positive reading carries doubts");
            Assert.Equal(reading.Category is ReviewCategory.Mixed or ReviewCategory.Negative, reading.Cause is not null);
        }, iter: 3000);
    }
}
