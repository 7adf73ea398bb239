using System.Text.Json;
using Automation.Core.Reviews;

namespace Automation.Core.Tests.Reviews;

public class ReviewReplySettingsValidatorTests
{
    [Fact]
    public void Validate_NoInput_GivesDefaults()
    {
        var result = ReviewReplySettingsValidator.Validate(null);

        Assert.Same(ReviewReplySettings.Default, result.Value);
        Assert.Equal(ReviewReplyMode.Auto, result.Value!.ModeFor(ReviewCategory.Positive));
        Assert.Equal(ReviewReplyMode.Draft, result.Value.ModeFor(ReviewCategory.Neutral));
        Assert.Equal(ReviewReplyMode.Draft, result.Value.ModeFor(ReviewCategory.Mixed));
        Assert.Equal(ReviewReplyMode.Draft, result.Value.ModeFor(ReviewCategory.Negative));
        Assert.Empty(result.Value.Templates);
    }

    [Fact]
    public void Validate_ExampleJson_IsValid()
    {
        const string json = """
            { "mode": { "positive": "auto", "neutral": "auto", "negative": "draft" },
              "templates": {
                "en": { "positive": ["Thanks so much!", "Enjoy your {item}! The {shopName} team"],
                        "mixed": ["Sorry about {cause}; we'll contact you privately."] },
                "zh-cn": { "negative": ["非常抱歉，我们会私下联系您。"] } } }
            """;
        var input = JsonSerializer.Deserialize<ReviewRepliesInput>(json, JsonSerializerOptions.Web);

        var result = ReviewReplySettingsValidator.Validate(input);

        Assert.True(result.IsValid, string.Join("; ", result.Errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")));
        var settings = result.Value;
        Assert.Equal(ReviewReplyMode.Auto, settings.ModeFor(ReviewCategory.Neutral));
        Assert.Equal(ReviewReplyMode.Draft, settings.ModeFor(ReviewCategory.Mixed));
        Assert.Equal(2, settings.Templates["en"][ReviewCategory.Positive].Count);
        Assert.Equal("非常抱歉，我们会私下联系您。", Assert.Single(settings.Templates["zh-CN"][ReviewCategory.Negative]));
    }

    [Fact]
    public void Validate_ManyBadFields_ReportsEveryOneByPath()
    {
        var input = new ReviewRepliesInput
        {
            Mode = new ReviewReplyModesInput { Positive = "Auto", Negative = "off" },
            Templates = new Dictionary<string, Dictionary<string, string[]>>
            {
                ["english"] = new() { ["positive"] = ["Thanks!"] },
                ["en"] = new()
                {
                    ["happy"] = ["Thanks!"],
                    ["positive"] = ["Thanks {customerName}!", "fine", "Sorry about {cause}"],
                    ["neutral"] = [],
                    ["negative"] = ["Call 13800138000"],
                },
            },
        };

        var result = ReviewReplySettingsValidator.Validate(input);

        Assert.False(result.IsValid);
        Assert.Equal(
            new[]
            {
                "reviewReplies.mode.negative", "reviewReplies.mode.positive",
                "reviewReplies.templates.en.happy", "reviewReplies.templates.en.negative[0]", "reviewReplies.templates.en.neutral",
                "reviewReplies.templates.en.positive[0]", "reviewReplies.templates.en.positive[2]", "reviewReplies.templates.english",
            },
            result.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("\"draft\"", Assert.Single(result.Errors["reviewReplies.mode.negative"]), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_TooManyVariants_IsRefused()
    {
        var input = new ReviewRepliesInput
        {
            Templates = new() { ["en"] = new() { ["positive"] = Enumerable.Range(0, ReviewReplySettingsValidator.MaxVariants + 1).Select(i => $"Thanks #{i}").ToArray() } },
        };

        Assert.True(ReviewReplySettingsValidator.Validate(input).Errors.ContainsKey("reviewReplies.templates.en.positive"));
    }

    [Fact]
    public void Validate_LocaleKeysDifferingOnlyInCase_AreRefused()
    {
        var input = new ReviewRepliesInput
        {
            Templates = new()
            {
                ["zh-CN"] = new() { ["positive"] = ["谢谢！"] },
                ["zh-cn"] = new() { ["positive"] = ["多谢！"] },
            },
        };

        Assert.False(ReviewReplySettingsValidator.Validate(input).IsValid);
    }

    [Fact]
    public void From_ValidatedSettings_ValidatesBackToTheSame()
    {
        var input = new ReviewRepliesInput
        {
            Mode = new ReviewReplyModesInput { Mixed = "auto" },
            Templates = new() { ["en"] = new() { ["negative"] = ["We're sorry; we'll contact you privately.", "Sorry about {cause}."] } },
        };
        var settings = ReviewReplySettingsValidator.Validate(input).Value!;

        var again = ReviewReplySettingsValidator.Validate(JsonSerializer.Deserialize<ReviewRepliesInput>(
            JsonSerializer.Serialize(ReviewRepliesInput.From(settings), JsonSerializerOptions.Web), JsonSerializerOptions.Web)).Value!;

        Assert.Equal(
            Enum.GetValues<ReviewCategory>().Select(settings.ModeFor),
            Enum.GetValues<ReviewCategory>().Select(again.ModeFor));
        Assert.Equal(settings.Templates["en"][ReviewCategory.Negative], again.Templates["en"][ReviewCategory.Negative]);
        Assert.Equal(ReviewReplyMode.Auto, again.ModeFor(ReviewCategory.Mixed));
    }

    [Theory]
    [InlineData(ReviewCategory.Positive, "positive")]
    [InlineData(ReviewCategory.Negative, "negative")]
    public void Name_Category_IsTheSettingsKey(ReviewCategory category, string expected)
    {
        Assert.Equal(expected, ReviewReplySettingsValidator.Name(category));
    }
}
