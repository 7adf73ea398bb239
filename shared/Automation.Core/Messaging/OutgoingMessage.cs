using System.Text.Json.Serialization;
using Automation.Core.Orders;
using Automation.Core.Shops;

namespace Automation.Core.Messaging;

/// <summary>
/// A message to a customer exactly as POSTed (camelCase JSON) to the shop's <c>customerChannel.url</c>,
/// signed as Standard Webhooks with the channel secret, <see cref="MessageId"/> as its <c>webhook-id</c>
/// (<see cref="Security.StandardWebhookSignature"/>).
/// </summary>
public sealed record OutgoingMessage(
    string MessageId,
    string ShopId,
    string OrderId,
    string Kind,
    int Step,
    string Locale,
    string Text,
    OutgoingCustomer? Customer)
{
    /// <summary>For a reply to a review: the review it answers (the shop's channel posts it under that review).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ReviewId { get; init; }

    /// <summary>For a reply to a review: the platform the review is on.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Platform { get; init; }

    /// <summary>True for a reply posted publicly (under a review); absent for private messages to the buyer.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? Public { get; init; }

    /// <summary>The shop's name, for channels that name the sender (an email's From). Not part of the webhook's JSON.</summary>
    [JsonIgnore]
    public string? ShopName { get; init; }

    /// <summary>The subject line, for channels that have one (an email). Not part of the webhook's JSON.</summary>
    [JsonIgnore]
    public string? Subject { get; init; }

    /// <summary>
    /// The same message as an HTML fragment, rendered from the same template with every value encoded, for channels
    /// that show HTML (an email's HTML part). Not part of the webhook's JSON.
    /// </summary>
    [JsonIgnore]
    public string? Html { get; init; }

    // The text may carry the customer's name (a shop template can use {customerName}): keep both out of logs.
    public override string ToString() => $"OutgoingMessage {{ MessageId = {MessageId}, Kind = {Kind}, Step = {Step}, Locale = {Locale} }}";

    /// <summary>
    /// Composes step <paramref name="step"/> of a <paramref name="kind"/> message about an order: the deterministic id,
    /// the template chosen for the customer's locale (see <see cref="MessageTemplates.Resolve"/>), and its text.
    /// </summary>
    public static OutgoingMessage Compose(ShopSettings shop, Order order, string kind, int step)
    {
        ArgumentNullException.ThrowIfNull(shop);
        ArgumentNullException.ThrowIfNull(order);
        var template = MessageTemplates.Resolve(kind, order.Customer?.Locale, shop);
        var values = MessageValues.ForMessage(shop, order, kind, step);
        return new OutgoingMessage(
            MessageIds.For(shop.ShopId, order.OrderId, kind, step),
            shop.ShopId,
            order.OrderId,
            kind,
            step,
            template.Locale,
            template.Render(values),
            order.Customer is { } customer ? new OutgoingCustomer(customer.Id, customer.Name, customer.Phone, customer.Email) : null)
        {
            ShopName = shop.Name,
            Subject = MessageSubjects.For(kind, template.Locale, shop.Name, order.OrderId),
            Html = template.RenderHtml(values),
        };
    }

    /// <summary>A message sent exactly as prepared (an approved review reply): the deterministic id, the stored text.</summary>
    public static OutgoingMessage FromPrepared(string shopId, string orderId, string kind, int step, PreparedMessage prepared)
    {
        ArgumentNullException.ThrowIfNull(prepared);
        return new OutgoingMessage(
            MessageIds.For(shopId, orderId, kind, step),
            shopId,
            orderId,
            kind,
            step,
            prepared.Locale,
            prepared.Text,
            prepared.CustomerId is { } customerId ? new OutgoingCustomer(customerId, null, null, null) : null)
        {
            ReviewId = prepared.ReviewId,
            Platform = prepared.Platform,
            Public = prepared.ReviewId is null ? null : true,
        };
    }
}

/// <summary>Who the message is for. Personal data: goes to the shop's own channel only, never into logs.</summary>
public sealed record OutgoingCustomer(string Id, string? Name, string? Phone, string? Email)
{
    public override string ToString() => $"OutgoingCustomer {{ Id = {Id} }}";
}
