using Automation.Core.Reviews;

namespace Automation.Core.Tests.Reviews;

/// <summary>Reviews in traditional characters, full-width letters and mixed scripts are read with the same words, and quoted as written.</summary>
public sealed class ReviewScriptsTests
{
    [Theory]
    [InlineData("很滿意，質量不錯", ReviewCategory.Positive, "很滿意")]
    [InlineData("包裝壞了，很失望", ReviewCategory.Mixed, "壞了")]
    [InlineData("ＧＯＯＤ，質量很nice", ReviewCategory.Positive, "ＧＯＯＤ")]
    [InlineData("size偏小，建議買大一碼", ReviewCategory.Mixed, "偏小")]
    public void Classify_OtherScripts_ReadsTheSameWords_AndQuotesThemAsWritten(string text, ReviewCategory category, string quoted)
    {
        var reading = ReviewClassifier.Classify(5, text);

        Assert.Equal(category, reading.Category);
        Assert.Contains(reading.Evidence, e => e.Text == quoted);
    }
}
