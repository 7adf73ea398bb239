using Automation.Core.Time;

namespace Automation.Core.Tests.Time;

public class DurationInputTests
{
    private static readonly TimeSpan Max = TimeSpan.FromDays(30);

    [Theory]
    [InlineData("PT30M", 30)]
    [InlineData("PT3H", 180)]
    [InlineData("P1DT1M", 1441)]
    [InlineData("PT90S", 1.5)]
    public void Parse_IsoDurations_InMinutes(string text, double minutes)
    {
        Assert.Equal(TimeSpan.FromMinutes(minutes), DurationInput.Parse(text, Max, out var error));
        Assert.Null(error);
    }

    [Theory]
    [InlineData("P1M")]
    [InlineData("P1Y")]
    [InlineData("30m")]
    [InlineData("P")]
    [InlineData("PT")]
    [InlineData("-PT1H")]
    [InlineData("P9999999D")]
    public void Parse_NotADaysToSecondsDuration_IsRefusedWithAnExample(string text)
    {
        Assert.Null(DurationInput.Parse(text, Max, out var error));
        Assert.Contains("PT30M", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ZeroAndOverTheMaximum_AreRefusedUnlessZeroIsAllowed()
    {
        Assert.Null(DurationInput.Parse("PT0S", Max, out var zero));
        Assert.Equal("The duration must be greater than zero.", zero);
        Assert.Equal(TimeSpan.Zero, DurationInput.Parse("PT0S", Max, out _, allowZero: true));
        Assert.Null(DurationInput.Parse("P31D", Max, out var over));
        Assert.Equal("The duration must be at most P30D.", over);
    }
}
