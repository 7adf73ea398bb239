using Automation.Core;
using Automation.Core.Cases;
using Automation.Core.Orders;
using Automation.Core.Reviews;
using Automation.Core.Shops;
using Automation.Functions.Features.Cases;
using Automation.Functions.Features.FollowUps;
using Automation.Functions.Features.Orders;
using Automation.Functions.Features.Reviews;

namespace Automation.Functions.Features.Events;

/// <summary>A canonical event, checked: exactly one of its kinds is set.</summary>
internal sealed record CheckedEvent(string Id, string Type)
{
    public OrderEvent? Order { get; init; }

    public CustomerMessageEvent? CustomerMessage { get; init; }

    public ReviewEvent? Review { get; init; }

    public CaseEvent? Case { get; init; }
}

internal enum CanonicalOutcome
{
    Accepted,
    Duplicate,

    /// <summary>The event makes no sense against what is stored (a case transition the kind has not): <see cref="CanonicalResult.Errors"/> say why.</summary>
    Refused,
}

internal sealed record CanonicalResult(CanonicalOutcome Outcome, IReadOnlyDictionary<string, string[]>? Errors = null);

/// <summary>
/// The one way in for events, whoever sent them: the shop's canonical webhook, or a platform adapter's mapping of a
/// platform's own webhook. <see cref="Check"/> is pure (every problem by field path, nothing stored), so a caller
/// with several events checks them all before it applies any; <see cref="ApplyAsync"/> routes a checked event to the
/// ingestion of its kind, which applies it atomically and idempotently by event id.
/// </summary>
internal sealed class CanonicalEvents(
    OrderEventIngestion orders,
    CustomerMessageIngestion customerMessages,
    ReviewIngestion reviews,
    CaseIngestion cases)
{
    public static ValidationResult<CheckedEvent> Check(OrderEventInput? input)
    {
        switch (input?.Type)
        {
            case OrderEventTypes.CustomerMessage:
                var message = OrderEventValidator.ValidateCustomerMessage(input);
                return message.IsValid
                    ? ValidationResult.Success(new CheckedEvent(message.Value.Id, input.Type) { CustomerMessage = message.Value })
                    : ValidationResult.Failure<CheckedEvent>(message.Errors);
            case OrderEventTypes.ReviewPosted:
                var review = ReviewEventValidator.Validate(input);
                return review.IsValid
                    ? ValidationResult.Success(new CheckedEvent(review.Value.Id, input.Type) { Review = review.Value })
                    : ValidationResult.Failure<CheckedEvent>(review.Errors);
            case CaseEventTypes.Opened or CaseEventTypes.Updated or CaseEventTypes.Closed:
                var caseEvent = CaseEventValidator.Validate(input.ToCaseEvent());
                return caseEvent.IsValid
                    ? ValidationResult.Success(new CheckedEvent(caseEvent.Value.Id, input.Type) { Case = caseEvent.Value })
                    : ValidationResult.Failure<CheckedEvent>(caseEvent.Errors);
        }

        var order = OrderEventValidator.Validate(input);
        return order.IsValid
            ? ValidationResult.Success(new CheckedEvent(order.Value.Id, order.Value.Type) { Order = order.Value })
            : ValidationResult.Failure<CheckedEvent>(order.Errors);
    }

    /// <summary>Applies a checked event. Throws <see cref="OrderConcurrencyException"/> when the order stays busy: nothing was stored, a retry applies it.</summary>
    public async Task<CanonicalResult> ApplyAsync(ShopSettings shop, CheckedEvent checkedEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(checkedEvent);
        if (checkedEvent.Case is { } caseEvent)
        {
            var applied = await cases.ApplyAsync(shop, caseEvent, cancellationToken);
            return applied.Errors is { } refused
                ? new CanonicalResult(CanonicalOutcome.Refused, refused)
                : Result(applied.Outcome);
        }

        return Result(checkedEvent switch
        {
            { Order: { } order } => await orders.ApplyAsync(shop, order, cancellationToken),
            { CustomerMessage: { } message } => await customerMessages.ApplyAsync(shop, message, cancellationToken),
            { Review: { } review } => await reviews.ApplyAsync(shop, review, cancellationToken),
            _ => throw new ArgumentException("A checked event carries one kind of event.", nameof(checkedEvent)),
        });
    }

    private static CanonicalResult Result(IngestionOutcome outcome) =>
        new(outcome == IngestionOutcome.Duplicate ? CanonicalOutcome.Duplicate : CanonicalOutcome.Accepted);
}
