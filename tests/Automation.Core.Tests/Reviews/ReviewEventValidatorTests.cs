using Automation.Core.Orders;
using Automation.Core.Reviews;

namespace Automation.Core.Tests.Reviews;

public sealed class ReviewEventValidatorTests
{
    private static OrderEventInput Input(Action<ReviewInput>? change = null)
    {
        var review = new ReviewInput
        {
            Id = "rv-1",
            OrderId = "A1001",
            Rating = 2,
            Text = "物流太慢了",
            PostedAt = "2026-11-28T10:00:00+08:00",
            Platform = "taobao",
        };
        change?.Invoke(review);
        return new OrderEventInput
        {
            Id = "evt-rv-1",
            Type = OrderEventTypes.ReviewPosted,
            Review = review,
            Customer = new CustomerInput { Id = "c-9", Name = "李雷", Phone = "13800000000", Address = "上海市浦东新区XX路1号" },
        };
    }

    [Fact]
    public void Validate_CompleteReview_KeepsEveryField()
    {
        var result = ReviewEventValidator.Validate(Input(r => { r.Item = "Hoodie"; r.Locale = "zh-cn"; }));

        Assert.True(result.IsValid);
        var review = result.Value.Review;
        Assert.Equal(("rv-1", "A1001", 2, "物流太慢了", "taobao"), (review.ReviewId, review.OrderId, review.Rating, review.Text, review.Platform));
        Assert.Equal(("Hoodie", "zh-CN"), (review.ItemTitle, review.Locale));
        Assert.Equal("李雷", result.Value.Customer?.Name);
        Assert.Equal("上海市浦东新区XX路1号", result.Value.Address);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(6)]
    [InlineData(-1)]
    public void Validate_RatingOutOfRange_NamesRating(int rating)
    {
        var result = ReviewEventValidator.Validate(Input(r => r.Rating = rating));

        Assert.Contains("review.rating", result.Errors.Keys);
    }

    [Fact]
    public void Validate_MissingParts_NameEachField()
    {
        var result = ReviewEventValidator.Validate(Input(r => { r.Id = null; r.OrderId = "bad id"; r.Rating = null; r.Platform = null; r.PostedAt = "2026-11-28 10:00"; }));

        Assert.Equal(
            ["review.id", "review.orderId", "review.platform", "review.postedAt", "review.rating"],
            result.Errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Validate_NoReview_NamesReview()
    {
        var result = ReviewEventValidator.Validate(new OrderEventInput { Id = "e1", Type = OrderEventTypes.ReviewPosted });

        Assert.Contains("review", result.Errors.Keys);
    }

    [Fact]
    public void Validate_RatingWithoutText_IsAccepted()
    {
        var result = ReviewEventValidator.Validate(Input(r => r.Text = null));

        Assert.True(result.IsValid);
        Assert.Equal("", result.Value.Review.Text);
    }

    [Fact]
    public void Validate_OrderObject_IsRefusedForAReview()
    {
        var input = Input();
        input.Order = new OrderInput { Id = "A1001" };

        Assert.Contains("order", ReviewEventValidator.Validate(input).Errors.Keys);
    }

    [Fact]
    public void Validate_BadCustomerLocale_NamesTheTopLevelCustomerPath()
    {
        var input = Input();
        input.Customer!.Locale = "not a tag!";

        Assert.Contains("customer.locale", ReviewEventValidator.Validate(input).Errors.Keys);
    }
}
