using Automation.Core.Orders;
using static Automation.Core.InputFields;

namespace Automation.Core.Reviews;

/// <summary>A review as its platform posted it. The text is the buyer's own words: stored for agents, never logged.</summary>
/// <param name="ItemTitle">The reviewed item, if the platform said.</param>
/// <param name="Locale">The review's language, if the platform said.</param>
public sealed record PostedReview(
    string ReviewId,
    string OrderId,
    int Rating,
    string Text,
    DateTimeOffset? PostedAt,
    string Platform,
    string? ItemTitle,
    string? Locale)
{
    public override string ToString() => $"PostedReview {{ ReviewId = {ReviewId}, OrderId = {OrderId}, Rating = {Rating}, Platform = {Platform} }}";
}

/// <summary>A verified <c>review.posted</c> event: the review and what is known of its author (to keep out of the reply).</summary>
/// <param name="Address">The buyer's address if the platform sent it: only ever used to keep it out of the reply.</param>
public sealed record ReviewEvent(string Id, DateTimeOffset? OccurredAt, PostedReview Review, Customer? Customer, string? Address)
{
    public override string ToString() => $"ReviewEvent {{ Id = {Id}, Review = {Review} }}";
}

/// <summary>Checks a <c>review.posted</c> event and reports every bad field by its JSON path.</summary>
public static class ReviewEventValidator
{
    public const int MaxReviewLength = 2000;
    public const int MaxItemLength = 200;

    public static ValidationResult<ReviewEvent> Validate(OrderEventInput? input)
    {
        var errors = new ValidationErrors();
        if (input is null)
        {
            errors.Add("body", "A JSON object with the event is required.");
            return errors.ToFailure<ReviewEvent>();
        }

        OrderEventValidator.CheckId(input.Id, "id", "The event id is required.", errors);
        var occurredAt = OptionalDate(input.OccurredAt, "occurredAt", errors);
        if (input.Order is not null)
        {
            errors.Add("order", "A review names its order in review.orderId; leave out the order object.");
        }

        var review = ValidateReview(input.Review, errors);
        var customer = OrderEventValidator.ValidateCustomer(input.Customer, required: false, errors, "customer");
        var address = OptionalText(input.Customer?.Address, "customer.address", 500, errors, clean: true);
        return errors.ToResult(() => new ReviewEvent(input.Id!, occurredAt, review!, customer, address));
    }

    private static PostedReview? ValidateReview(ReviewInput? review, ValidationErrors errors)
    {
        if (review is null)
        {
            errors.Add("review", "The review is required: {\"id\", \"orderId\", \"rating\", \"text\", \"postedAt\", \"platform\"}.");
            return null;
        }

        OrderEventValidator.CheckId(review.Id, "review.id", "The review id is required.", errors);
        OrderEventValidator.CheckId(review.OrderId, "review.orderId", "The order the review is about is required.", errors);
        OrderEventValidator.CheckId(review.Platform, "review.platform", "The platform the review was posted on is required (e.g. \"taobao\", \"shopify\").", errors);
        if (review.Rating is not { } rating)
        {
            errors.Add("review.rating", "The rating is required: a whole number of stars from 1 to 5.");
        }
        else if (rating is < 1 or > 5)
        {
            errors.Add("review.rating", $"The rating must be 1 to 5 stars, not {rating}.");
        }

        // A rating without words is common (platforms fill in a default): the text may be empty, never absurdly long.
        var text = OptionalText(review.Text, "review.text", MaxReviewLength, errors, clean: true) ?? string.Empty;
        var postedAt = OptionalDate(review.PostedAt, "review.postedAt", errors);
        var item = OptionalText(review.Item, "review.item", MaxItemLength, errors, clean: true);
        string? locale = null;
        if (review.Locale is not null)
        {
            if (Locales.IsValid(review.Locale))
            {
                locale = Locales.Normalize(review.Locale);
            }
            else
            {
                errors.Add("review.locale", $"'{review.Locale}' is not a language tag like \"zh-CN\" or \"en\".");
            }
        }

        return review.Rating is { } stars
            ? new PostedReview(review.Id ?? "", review.OrderId ?? "", stars, text, postedAt, review.Platform ?? "", item, locale)
            : null;
    }
}
