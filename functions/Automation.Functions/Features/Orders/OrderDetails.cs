using System.Text.Json;
using Automation.Core.Orders;
using Automation.Functions.Features.Cases;
using Automation.Functions.Features.Platforms;
using Automation.Storage.Stores;

namespace Automation.Functions.Features.Orders;

/// <summary>
/// An order as ops and agents see it: its state and its timeline (events applied, and every message scheduled,
/// sent, skipped or failed), its after-sale cases with their due times, and the platform deliveries that concerned it (topic, the platform's ids, and what each became). It is an authenticated view, so the customer's details are shown here; they never
/// go to logs.
/// </summary>
internal sealed record OrderDetails(
    string ShopId,
    string OrderId,
    string Status,
    DateTimeOffset? PlacedAt,
    DateTimeOffset? AutoCloseAt,
    decimal? Total,
    string? Currency,
    string? PayUrl,
    Customer? Customer,
    IReadOnlyList<OrderItem> Items,
    Shipment? Shipment,
    IReadOnlyList<Shipment> Shipments,
    DateTimeOffset? ShippedAt,
    DateTimeOffset? DeliveredAt,
    IReadOnlyList<OrderDetails.EventEntry> Events,
    IReadOnlyList<OrderDetails.MessageEntry> Messages,
    IReadOnlyList<CaseView> Cases,
    IReadOnlyList<PlatformDeliveryView> PlatformDeliveries)
{
    public static OrderDetails From(OrderHistory history, IReadOnlyList<CaseView> cases, IReadOnlyList<PlatformDeliveryRecord> deliveries)
    {
        var order = history.Order.Order;
        return new OrderDetails(
            order.ShopId,
            order.OrderId,
            order.Status.ToString().ToLowerInvariant(),
            order.PlacedAt,
            order.AutoCloseAt,
            order.Total,
            order.Currency,
            order.PayUrl,
            order.Customer,
            order.Items,
            order.Shipment,
            order.Shipments,
            order.ShippedAt,
            order.DeliveredAt,
            [.. history.Events.OrderBy(e => e.ReceivedAt).Select(e => new EventEntry(e.EventId, e.Type, e.OccurredAt, e.ReceivedAt, e.Outcome))],
            [.. history.Messages.OrderBy(m => m.Key.Kind, StringComparer.Ordinal).ThenBy(m => m.Key.Step).Select(m => new MessageEntry(
                m.Key.MessageId, m.Key.Kind, m.Key.Step, JsonNamingPolicy.SnakeCaseLower.ConvertName(m.State.ToString()), m.DueAt, m.SentAt, m.Reason,
                m.Attempts, m.LastError, m.UpdatedAt))],
            [.. cases.OrderBy(c => c.OpenedAt).ThenBy(c => c.CaseId, StringComparer.Ordinal)],
            [.. deliveries.Select(PlatformDeliveryView.From)]);
    }

    internal sealed record EventEntry(string EventId, string Type, DateTimeOffset? OccurredAt, DateTimeOffset ReceivedAt, string Outcome);

    internal sealed record MessageEntry(
        string MessageId,
        string Kind,
        int Step,
        string State,
        DateTimeOffset? DueAt,
        DateTimeOffset? SentAt,
        string? Reason,
        int Attempts,
        string? LastError,
        DateTimeOffset UpdatedAt);
}
