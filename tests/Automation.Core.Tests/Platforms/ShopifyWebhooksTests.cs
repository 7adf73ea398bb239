using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Automation.Core.Cases;
using Automation.Core.Orders;
using Automation.Core.Platforms;
using Automation.Core.Reminders;
using Automation.Core.Tests.Support;
using CsCheck;

namespace Automation.Core.Tests.Platforms;

/// <summary>
/// The Shopify adapter against Shopify's own sample order (read from the shared reference, never copied here) and
/// bodies built from the field lists of Shopify's REST resources. Every mapped event is checked by the canonical
/// validators and, where the behaviour depends on it, applied through the lifecycles.
/// </summary>
public class ShopifyWebhooksTests
{
    // The sample's ids are beyond 2^53: a double would round them, so they must reach the events digit for digit.
    private const string SampleOrderId = "820982911946154508";
    private const string SampleCustomerId = "115310627314723954";
    private const long LargestExactDouble = 9_007_199_254_740_992; // 2^53

    private const string OrderId = "5590760685782";
    private const string FulfillmentId = "4893761044553";
    private const string ReturnId = "945000954";
    private const string EventId = "59d6d79c-595f-4e7e-bc6f-72f5c3d0c66f";
    private const string WebhookId = "545ebdd4-b7be-4d3d-b14e-54aa78e0e0f9";
    private const string TriggeredAt = "2026-05-03T10:00:00Z";

    private static readonly DateTimeOffset Now = Zones.At("2026-05-03T12:00:00Z");

    private static readonly Lazy<string> SampleText = new(() => File.ReadAllText(SamplePath(), Encoding.UTF8));

    // ---- the sample ----

    [Fact]
    public void Map_ShopifySample_IsACancelledOrderWithItsIdsExact()
    {
        var delivery = Delivery("orders/create", SampleText.Value);
        Assert.Contains(SampleOrderId, SampleText.Value, StringComparison.Ordinal);
        Assert.True(long.Parse(SampleOrderId, CultureInfo.InvariantCulture) > LargestExactDouble);

        var mapping = ShopifyWebhooks.Map(delivery);

        var evt = Assert.Single(AssertValid(mapping));
        Assert.Equal(OrderEventTypes.Cancelled, evt.Type);
        Assert.Equal(SampleOrderId, mapping.OrderId);
        Assert.Equal(SampleOrderId, evt.Order!.Id);
        Assert.Equal(SampleOrderId, mapping.PlatformIds["order"]);
        Assert.Equal(404.95m, evt.Order.Total);
        Assert.Equal(decimal.Parse(Sample()["total_price"]!.GetValue<string>(), CultureInfo.InvariantCulture), evt.Order.Total);
        Assert.Equal("USD", evt.Order.Currency);
        Assert.Equal("2021-12-31T19:00:00-05:00", evt.Order.PlacedAt);
        Assert.Equal(SampleCustomerId, evt.Order.Customer!.Id);
        Assert.Equal("John Smith", evt.Order.Customer.Name);
        Assert.Equal("john@example.com", evt.Order.Customer.Email);
        Assert.Equal("en", evt.Order.Customer.Locale);
        Assert.Equal(
            ["SKU2006-001 Aviator sunglasses 1x89.99", "LENS-PROTECT-2YR Lens Protection Plan (2 Year) 1x19.99",
             "CASE-LEATHER-PREM Premium Leather Case 1x24.99", "SKU2006-020 Mid-century lounger 1x159.99", "SKU2006-035 Coffee table 1x119.99"],
            evt.Order.Items!.Select(i => string.Create(CultureInfo.InvariantCulture, $"{i.Sku} {i.Title} {i.Quantity}x{i.Price}")));
    }

    [Fact]
    public void Map_ShopifySample_EndsTheOrderCancelledThroughTheLifecycle()
    {
        var order = ApplyAll(null, ShopifyWebhooks.Map(Delivery("orders/create", SampleText.Value)));

        Assert.Equal(OrderStatus.Cancelled, order!.Status);
        Assert.Equal(SampleOrderId, order.OrderId);
        Assert.Equal(5, order.Items.Count);
    }

    [Fact]
    public void Map_IdJustAbove2To53_IsKeptDigitForDigit()
    {
        // 2^53 + 1 is the first whole number a double cannot hold: read through a double it would become ...992.
        var body = OpenOrder("paid");
        body["id"] = Raw("9007199254740993");
        body["customer"]!["id"] = Raw("9007199254740995");
        Assert.Contains("\"id\":9007199254740993", body.ToJsonString(), StringComparison.Ordinal);

        var evt = Assert.Single(AssertValid(ShopifyWebhooks.Map(Delivery("orders/paid", body))));

        Assert.Equal("9007199254740993", evt.Order!.Id);
        Assert.Equal("9007199254740995", evt.Order.Customer!.Id);
    }

    [Fact]
    public void Map_GraphQlIdString_GivesItsNumber()
    {
        var body = OpenOrder("paid");
        body["id"] = "gid://shopify/Order/" + SampleOrderId;

        var evt = Assert.Single(AssertValid(ShopifyWebhooks.Map(Delivery("orders/paid", body))));

        Assert.Equal(SampleOrderId, evt.Order!.Id);
    }

    // ---- financial status ----

    [Theory]
    [InlineData("pending")]
    [InlineData("authorized")]
    [InlineData("partially_paid")]
    [InlineData("expired")]
    public void Map_UnpaidFinancialStatus_IsOrderCreatedThatPlansReminders(string status)
    {
        var evt = Assert.Single(AssertValid(ShopifyWebhooks.Map(Delivery("orders/create", OpenOrder(status)))));

        Assert.Equal(OrderEventTypes.Created, evt.Type);
        var order = Apply(null, evt);
        Assert.Equal(OrderStatus.Created, order.Status);
        Assert.Equal(Zones.At("2021-12-31T19:00:00-05:00"), order.PlacedAt);
        Assert.Equal(SampleCustomerId, order.Customer!.Id);
        Assert.Equal(new Uri(Sample()["order_status_url"]!.GetValue<string>()), new Uri(order.PayUrl!));
        Assert.Contains(PaymentReminderPlanner.Plan(TestShops.Shop(), order), m => m.DueAt is not null);
    }

    [Theory]
    [InlineData("paid")]
    [InlineData("partially_refunded")]
    [InlineData("refunded")]
    public void Map_PaidFinancialStatus_IsOrderPaid(string status)
    {
        var evt = Assert.Single(AssertValid(ShopifyWebhooks.Map(Delivery("orders/updated", OpenOrder(status)))));

        Assert.Equal(OrderEventTypes.Paid, evt.Type);
        Assert.Equal(OrderStatus.Paid, Apply(null, evt).Status);
    }

    [Fact]
    public void Map_VoidedAndNotCancelled_ClosesTheOrder()
    {
        var evt = Assert.Single(AssertValid(ShopifyWebhooks.Map(Delivery("orders/updated", OpenOrder("voided")))));

        Assert.Equal(OrderEventTypes.Closed, evt.Type);
    }

    [Fact]
    public void Map_OrdersPaidWithoutFinancialStatus_IsOrderPaid()
    {
        var body = OpenOrder("paid");
        body.Remove("financial_status");

        var evt = Assert.Single(AssertValid(ShopifyWebhooks.Map(Delivery("orders/paid", body))));

        Assert.Equal(OrderEventTypes.Paid, evt.Type);
    }

    [Fact]
    public void Map_UnknownFinancialStatus_FailsAtFinancialStatus()
    {
        var mapping = ShopifyWebhooks.Map(Delivery("orders/updated", OpenOrder("half_paid_maybe")));

        Assert.False(mapping.IsValid);
        Assert.Contains("financial_status", mapping.Errors.Keys);
        Assert.Empty(mapping.Events);
    }

    [Fact]
    public void Map_MissingOrderId_FailsAtId()
    {
        var body = OpenOrder("paid");
        body.Remove("id");

        var mapping = ShopifyWebhooks.Map(Delivery("orders/updated", body));

        Assert.Equal(["id"], mapping.Errors.Keys);
        Assert.Empty(mapping.Events);
    }

    [Theory]
    [InlineData("\"abc\"")]
    [InlineData("\"\"")]
    [InlineData("\"1,000.00\"")]
    [InlineData("true")]
    [InlineData("{}")]
    public void Map_UnreadableTotal_FailsAtTotalPrice(string total)
    {
        var body = OpenOrder("paid");
        body["total_price"] = Raw(total);

        var mapping = ShopifyWebhooks.Map(Delivery("orders/updated", body));

        Assert.Equal(["total_price"], mapping.Errors.Keys);
        Assert.Empty(mapping.Events);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{\"id\": 1,")]
    [InlineData("[1, 2]")]
    [InlineData("\"text\"")]
    [InlineData("")]
    public void Map_BodyNotAJsonObject_FailsAtBody(string body)
    {
        var mapping = ShopifyWebhooks.Map(Delivery("orders/create", body));

        Assert.Equal(["body"], mapping.Errors.Keys);
        Assert.Empty(mapping.Events);
    }

    // ---- fulfillments ----

    [Fact]
    public void Map_SuccessfulFulfillmentWithTracking_IsOrderShipped()
    {
        var mapping = ShopifyWebhooks.Map(Delivery("fulfillments/create", Fulfillment()));

        var evt = Assert.Single(AssertValid(mapping));
        Assert.Equal(OrderEventTypes.Shipped, evt.Type);
        Assert.Equal(OrderId, evt.Order!.Id);
        Assert.Equal(FulfillmentId, evt.Order.Shipment!.Id);
        Assert.Equal("UPS", evt.Order.Shipment.Carrier);
        Assert.Equal("1Z001985YW99744790", evt.Order.Shipment.TrackingNumber);
        Assert.Equal("https://www.ups.com/track?tracknum=1Z001985YW99744790", evt.Order.Shipment.TrackingUrl);
        Assert.Equal(FulfillmentId, mapping.PlatformIds["fulfillment"]);
        var order = Apply(null, evt);
        Assert.Equal(OrderStatus.Shipped, order.Status);
        Assert.Equal("1Z001985YW99744790", Assert.Single(order.Shipments).TrackingNumber);
    }

    [Fact]
    public void Map_TrackingOnlyInTheLists_UsesTheFirstNumberAndUrl()
    {
        var body = Fulfillment();
        body.Remove("tracking_number");
        body.Remove("tracking_url");
        body.Remove("tracking_company");
        body["tracking_numbers"] = new JsonArray("SF1234567890", "SF0000000001");
        body["tracking_urls"] = new JsonArray("https://www.sf-express.com/track?no=SF1234567890");

        var evt = Assert.Single(AssertValid(ShopifyWebhooks.Map(Delivery("fulfillments/update", body))));

        Assert.Equal("SF1234567890", evt.Order!.Shipment!.TrackingNumber);
        Assert.Equal("https://www.sf-express.com/track?no=SF1234567890", evt.Order.Shipment.TrackingUrl);
        Assert.Equal("other", evt.Order.Shipment.Carrier);
    }

    [Theory]
    [InlineData("pending")]
    [InlineData("open")]
    [InlineData("cancelled")]
    [InlineData("error")]
    [InlineData("failure")]
    public void Map_FulfillmentNotSuccessful_ShipsNothing(string status)
    {
        var body = Fulfillment();
        body["status"] = status;

        var mapping = ShopifyWebhooks.Map(Delivery("fulfillments/update", body));

        Assert.True(mapping.IsValid);
        Assert.Empty(mapping.Events);
        Assert.NotNull(mapping.Ignored);
        Assert.Equal(OrderId, mapping.OrderId);
    }

    [Fact]
    public void Map_SuccessfulFulfillmentWithoutTracking_ShipsNothing()
    {
        var body = Fulfillment();
        body["tracking_number"] = null;
        body["tracking_numbers"] = new JsonArray();
        body["tracking_url"] = null;
        body["tracking_urls"] = new JsonArray();

        var mapping = ShopifyWebhooks.Map(Delivery("fulfillments/create", body));

        Assert.True(mapping.IsValid);
        Assert.Empty(mapping.Events);
        Assert.NotNull(mapping.Ignored);
    }

    [Fact]
    public void Map_FulfillmentDelivered_IsShippedThenDelivered()
    {
        var body = Fulfillment();
        body["shipment_status"] = "delivered";

        var events = AssertValid(ShopifyWebhooks.Map(Delivery("fulfillments/update", body)));

        Assert.Equal([OrderEventTypes.Shipped, OrderEventTypes.Delivered], events.Select(e => e.Type));
        var order = events.Aggregate((Order?)null, Apply);
        Assert.Equal(OrderStatus.Delivered, order!.Status);
    }

    [Fact]
    public void Map_CarrierScanDelivered_IsOrderDelivered()
    {
        var mapping = ShopifyWebhooks.Map(Delivery("fulfillment_events/create", CarrierScan("delivered")));

        var evt = Assert.Single(AssertValid(mapping));
        Assert.Equal(OrderEventTypes.Delivered, evt.Type);
        Assert.Equal(OrderId, evt.Order!.Id);
        Assert.Equal("2026-05-03T14:12:00-04:00", evt.OccurredAt);
        Assert.Equal(OrderStatus.Delivered, Apply(null, evt).Status);
    }

    [Theory]
    [InlineData("failure", ShipmentExceptionStatus.Delayed)]
    [InlineData("attempted_delivery", ShipmentExceptionStatus.AddressProblem)]
    public void Map_CarrierScanProblem_IsAShipmentExceptionThatValidates(string status, ShipmentExceptionStatus expected)
    {
        var evt = Assert.Single(AssertValid(ShopifyWebhooks.Map(Delivery("fulfillment_events/create", CarrierScan(status)))));

        Assert.Equal(OrderEventTypes.ShipmentException, evt.Type);
        var validated = OrderEventValidator.Validate(evt).Value!;
        Assert.Equal(FulfillmentId, validated.ShipmentException!.ShipmentId);
        Assert.Equal(expected, validated.ShipmentException.Status);
    }

    [Theory]
    [InlineData("in_transit")]
    [InlineData("out_for_delivery")]
    [InlineData("label_printed")]
    public void Map_CarrierScanWithoutNews_IsIgnored(string status)
    {
        var mapping = ShopifyWebhooks.Map(Delivery("fulfillment_events/create", CarrierScan(status)));

        Assert.True(mapping.IsValid);
        Assert.Empty(mapping.Events);
        Assert.NotNull(mapping.Ignored);
    }

    [Fact]
    public void Map_OrderWithFulfillments_AddsTheirShipments()
    {
        var body = OpenOrder("paid");
        var shipped = Fulfillment();
        shipped["order_id"] = Raw(SampleOrderId);
        var pending = Fulfillment();
        pending["id"] = Raw("4893761044554");
        pending["status"] = "pending";
        body["fulfillments"] = new JsonArray(shipped, pending);

        var events = AssertValid(ShopifyWebhooks.Map(Delivery("orders/fulfilled", body)));

        Assert.Equal([OrderEventTypes.Paid, OrderEventTypes.Shipped], events.Select(e => e.Type));
        Assert.Equal(FulfillmentId, events[1].Order!.Shipment!.Id);
        Assert.Equal(OrderStatus.Shipped, events.Aggregate((Order?)null, Apply)!.Status);
    }

    // ---- identity ----

    [Fact]
    public void Map_SameDeliveryTwice_GivesTheSameIds()
    {
        var first = ShopifyWebhooks.Map(Delivery("orders/updated", OrderWithShipment()));
        var again = ShopifyWebhooks.Map(Delivery("orders/updated", OrderWithShipment()));

        Assert.Equal(2, first.Events.Count);
        Assert.Equal(first.Events.Select(e => e.Id), again.Events.Select(e => e.Id));
        Assert.Equal(first.DeliveryKey, again.DeliveryKey);
    }

    [Fact]
    public void Map_AnotherShopifyEvent_GivesOtherEventIds()
    {
        var first = ShopifyWebhooks.Map(Delivery("orders/updated", OrderWithShipment(), eventId: EventId));
        var other = ShopifyWebhooks.Map(Delivery("orders/updated", OrderWithShipment(), eventId: "0d8a3a1e-0000-4000-8000-000000000002"));

        Assert.Empty(first.Events.Select(e => e.Id).Intersect(other.Events.Select(e => e.Id)));
    }

    [Fact]
    public void Map_SameShopifyEventOnAnotherTopic_GivesOtherEventIds()
    {
        // One merchant action (say, capturing payment) sends orders/updated and orders/paid under one event id.
        var updated = ShopifyWebhooks.Map(Delivery("orders/updated", OpenOrder("paid")));
        var paid = ShopifyWebhooks.Map(Delivery("orders/paid", OpenOrder("paid")));

        Assert.NotEqual(Assert.Single(updated.Events).Id, Assert.Single(paid.Events).Id);
    }

    [Fact]
    public void Map_WebhookId_IsTheDeliveryKey()
    {
        var first = ShopifyWebhooks.Map(Delivery("orders/updated", OpenOrder("paid"), eventId: EventId, webhookId: WebhookId));
        var retried = ShopifyWebhooks.Map(Delivery("orders/updated", OpenOrder("paid"), eventId: "another-event", webhookId: WebhookId));
        var otherDelivery = ShopifyWebhooks.Map(Delivery("orders/updated", OpenOrder("paid"), eventId: EventId, webhookId: "0190e7ab-0000-4000-8000-000000000001"));

        Assert.Equal("webhook:" + WebhookId, first.DeliveryKey);
        Assert.Equal(first.DeliveryKey, retried.DeliveryKey);
        Assert.NotEqual(first.DeliveryKey, otherDelivery.DeliveryKey);
    }

    [Fact]
    public void Map_WithoutHeaderIds_FallsBackToTheBodysHash()
    {
        var first = ShopifyWebhooks.Map(Delivery("orders/updated", OpenOrder("paid"), eventId: null, webhookId: null));
        var again = ShopifyWebhooks.Map(Delivery("orders/updated", OpenOrder("paid"), eventId: null, webhookId: null));
        var changed = OpenOrder("paid");
        changed["updated_at"] = "2022-01-02T10:00:00-05:00";
        var other = ShopifyWebhooks.Map(Delivery("orders/updated", changed, eventId: null, webhookId: null));

        var id = Assert.Single(AssertValid(first)).Id;
        Assert.Equal(id, Assert.Single(again.Events).Id);
        Assert.NotEqual(id, Assert.Single(other.Events).Id);
        Assert.Equal(first.DeliveryKey, again.DeliveryKey);
        Assert.NotEqual(first.DeliveryKey, other.DeliveryKey);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Map_BlankHeaderIds_AreTreatedAsMissing(string blank)
    {
        // A blank header must not become one identity shared by every delivery: the order's duplicate check would
        // then drop each later update of the order, and the delivery log every later delivery.
        var first = ShopifyWebhooks.Map(Delivery("orders/updated", OpenOrder("pending"), eventId: blank, webhookId: blank));
        var later = ShopifyWebhooks.Map(Delivery("orders/updated", OpenOrder("paid"), eventId: blank, webhookId: blank));

        Assert.NotEqual(Assert.Single(AssertValid(first)).Id, Assert.Single(AssertValid(later)).Id);
        Assert.NotEqual(first.DeliveryKey, later.DeliveryKey);
    }

    [Fact]
    public void Map_ArbitraryHeaderText_NeverBreaksTheIdShape()
    {
        var topics = Gen.OneOf("orders/partially_fulfilled", "orders/updated", "fulfillments/update", "fulfillment_events/create", "returns/request", "refunds/create");
        var header = Gen.OneOf<string>(
            Gen.String,
            Gen.Char["abcXYZ019-_.:/ \u00e9\u4e2d"].Array[0, 200].Select(chars => new string(chars)),
            Gen.Char['a', 'z'].Array[56, 130].Select(chars => new string(chars)), // kept whole up to 64, hashed beyond
            Gen.OneOf("", " ", "\t"));
        var nullable = Gen.Select(header, Gen.Bool, (text, keep) => keep ? text : null);
        Gen.Select(topics, nullable, nullable, nullable).Sample(d =>
        {
            var (topic, eventId, webhookId, triggeredAt) = d;
            var mapping = ShopifyWebhooks.Map(new ShopifyDelivery(topic, eventId, webhookId, triggeredAt, Encoding.UTF8.GetBytes(BodyFor(topic).ToJsonString())));

            Assert.NotEmpty(mapping.Events);
            Assert.All(mapping.Events, e => Assert.True(OrderEventValidator.IsValidId(e.Id), $"'{e.Id}' ({e.Id!.Length} characters) is not an id"));
            Assert.True(OrderEventValidator.IsValidId(mapping.DeliveryKey), $"delivery key '{mapping.DeliveryKey}' is not an id");
            AssertValid(mapping);
        }, iter: 2000);
    }

    [Theory]
    [InlineData("orders/partially_fulfilled")]
    [InlineData("fulfillment_events/create")]
    public void Map_LongHeaderIds_KeepTheEventIdWithin128Characters(string topic)
    {
        // 64 id characters were kept as they are: with the topic and an attempted delivery the event id grew past 128.
        var longId = new string('a', 64);

        var mapping = ShopifyWebhooks.Map(Delivery(topic, BodyFor(topic), eventId: longId, webhookId: longId));

        Assert.Contains(mapping.Events, e => e.Type == OrderEventTypes.ShipmentException);
        Assert.All(AssertValid(mapping), e => Assert.True(e.Id!.Length <= 128, e.Id));
    }

    [Fact]
    public void Map_TriggeredAtWithNanoseconds_StillValidates()
    {
        // Shopify sends nine fractional digits ("2025-03-11T20:54:30.516267807Z"); a dispute has no time of its own, so
        // its event's time is the header's.
        var mapping = ShopifyWebhooks.Map(Delivery("disputes/create", Dispute("needs_response"), triggeredAt: "2026-05-03T10:00:00.516267807Z"));

        var evt = Assert.Single(AssertValid(mapping));
        Assert.Equal(Zones.At("2026-05-03T10:00:00.5162678Z"), CaseEventValidator.Validate(evt.ToCaseEvent()).Value!.OccurredAt);
    }

    [Theory]
    [InlineData("yesterday")]
    [InlineData("2026-05-03 10:00:00")]
    [InlineData("2026-05-03T10:00:00")]
    public void Map_TriggeredAtUnreadable_IsNotUsedAsATime(string triggeredAt)
    {
        var mapping = ShopifyWebhooks.Map(Delivery("disputes/create", Dispute("needs_response"), triggeredAt: triggeredAt));

        // The dispute's own opening time stands in; the header's text is not passed on to fail the event.
        Assert.Equal("2026-05-01T19:00:00-04:00", Assert.Single(AssertValid(mapping)).OccurredAt);
    }

    // ---- refunds ----

    [Fact]
    public void Map_RefundWithoutReturn_IsARefundOnlyCaseRefundedAndClosed()
    {
        var mapping = ShopifyWebhooks.Map(Delivery("refunds/create", Refund(returnId: null)));

        var events = AssertValid(mapping);
        Assert.Equal([CaseEventTypes.Updated, CaseEventTypes.Closed], events.Select(e => e.Type));
        Assert.All(events, e => Assert.Equal("shopify-refund-929361465", e.Case!.Id));
        Assert.All(events, e => Assert.Equal("refund_only", e.Case!.Kind));
        Assert.Equal(["refunded", "closed"], events.Select(e => e.Case!.Status));
        Assert.Equal(41.94m, events[0].Case!.Amount); // the failed transaction and the non-refund one are left out
        Assert.Equal("USD", events[0].Case!.Currency);
        Assert.Equal(OrderId, mapping.OrderId);

        var c = ApplyCases(null, events);
        Assert.Equal(CaseStatus.Closed, c.Status);
        Assert.NotNull(c.RefundedAt);
        Assert.Equal(41.94m, c.Amount);
    }

    [Fact]
    public void Map_RefundOfAReturn_RefundsTheReturnsCase()
    {
        var refund = Refund(returnId: ReturnId);
        refund["order_id"] = Raw(SampleOrderId);
        var mapping = ShopifyWebhooks.Map(Delivery("refunds/create", refund));

        var evt = Assert.Single(AssertValid(mapping));
        Assert.Equal(CaseEventTypes.Updated, evt.Type);
        Assert.Equal("shopify-return-" + ReturnId, evt.Case!.Id);
        Assert.Equal("return_refund", evt.Case.Kind);
        Assert.Equal("refunded", evt.Case.Status);
        Assert.Equal(ReturnId, mapping.PlatformIds["return"]);

        // The return was requested and approved in Shopify before the money went back.
        var requested = ApplyCases(null, AssertValid(ShopifyWebhooks.Map(Delivery("returns/request", Return("defective"), eventId: "e-request"))));
        var approved = ApplyCases(requested, AssertValid(ShopifyWebhooks.Map(Delivery("returns/approve", Return("defective"), eventId: "e-approve"))));
        var refunded = ApplyCases(approved, [evt]);
        Assert.Equal(CaseStatus.AwaitingReturn, approved.Status);
        Assert.Equal(CaseStatus.Refunded, refunded.Status);
        Assert.Equal(41.94m, refunded.Amount);
    }

    // ---- returns ----

    [Theory]
    [InlineData("defective", CaseReason.Quality)]
    [InlineData("not_as_described", CaseReason.NotAsDescribed)]
    [InlineData("wrong_item", CaseReason.WrongItem)]
    [InlineData("size_too_small", CaseReason.ChangedMind)]
    [InlineData("size_too_large", CaseReason.ChangedMind)]
    [InlineData("unwanted", CaseReason.ChangedMind)]
    public void Map_ReturnRequested_OpensAReturnCaseWithTheReason(string shopifyReason, CaseReason expected)
    {
        var mapping = ShopifyWebhooks.Map(Delivery("returns/request", Return(shopifyReason)));

        var evt = Assert.Single(AssertValid(mapping));
        Assert.Equal(CaseEventTypes.Opened, evt.Type);
        var facts = CaseEventValidator.Validate(evt.ToCaseEvent()).Value!.Facts;
        Assert.Equal("shopify-return-" + ReturnId, facts.CaseId);
        Assert.Equal(SampleOrderId, facts.OrderId);
        Assert.Equal(CaseKind.ReturnRefund, facts.Kind);
        Assert.Equal(CaseStatus.PendingReview, facts.Status);
        Assert.Equal(expected, facts.Reason);
        Assert.Equal("The hinge came off on day two", facts.ReasonText);
        Assert.Equal(CaseStatus.PendingReview, ApplyCases(null, [evt]).Status);
    }

    [Fact]
    public void Map_ReturnReasonUnknown_IsOtherWithShopifysWordsKept()
    {
        var body = Return("some_reason_from_a_new_api_version");
        var line = body["return_line_items"]![0]!;
        line["customer_note"] = null;

        var facts = CaseEventValidator.Validate(Assert.Single(AssertValid(ShopifyWebhooks.Map(Delivery("returns/request", body)))).ToCaseEvent()).Value!.Facts;

        Assert.Equal(CaseReason.Other, facts.Reason);
        Assert.Equal("some_reason_from_a_new_api_version", facts.ReasonText);
    }

    [Fact]
    public void Map_ReturnReasonOther_KeepsTheBuyersNote()
    {
        var body = Return("other");
        var line = body["return_line_items"]![0]!;
        line["customer_note"] = null;
        line["return_reason_note"] = "Arrived in someone else's box";

        var facts = CaseEventValidator.Validate(Assert.Single(AssertValid(ShopifyWebhooks.Map(Delivery("returns/request", body)))).ToCaseEvent()).Value!.Facts;

        Assert.Equal(CaseReason.Other, facts.Reason);
        Assert.Equal("Arrived in someone else's box", facts.ReasonText);
    }

    [Fact]
    public void Map_ReturnDeclined_RejectsTheCaseWithShopifysReason()
    {
        var body = Return("defective");
        body["status"] = "declined";
        body["decline"] = new JsonObject { ["reason"] = "final_sale", ["note"] = "Sale items cannot be returned." };

        var evt = Assert.Single(AssertValid(ShopifyWebhooks.Map(Delivery("returns/decline", body, eventId: "e-decline"))));

        Assert.Equal("rejected", evt.Case!.Status);
        Assert.Equal("final_sale: Sale items cannot be returned.", evt.Case.RejectionReason);
        var requested = ApplyCases(null, AssertValid(ShopifyWebhooks.Map(Delivery("returns/request", Return("defective")))));
        var declined = ApplyCases(requested, [evt]);
        Assert.Equal(CaseStatus.Rejected, declined.Status);
        Assert.Equal("final_sale: Sale items cannot be returned.", declined.RejectionReason);
    }

    [Fact]
    public void Map_ReturnDeclinedWithoutDetails_StillCarriesARejectionReason()
    {
        var body = Return("defective");
        body["status"] = "declined";

        var evt = Assert.Single(AssertValid(ShopifyWebhooks.Map(Delivery("returns/decline", body))));

        Assert.False(string.IsNullOrWhiteSpace(evt.Case!.RejectionReason));
    }

    [Fact]
    public void Map_ReturnWithExchangeLines_IsAnExchangeCase()
    {
        var body = Return("size_too_small");
        body["exchange_line_items"] = new JsonArray(new JsonObject
        {
            ["id"] = Raw("3107164212"),
            ["admin_graphql_api_id"] = "gid://shopify/ExchangeLineItem/3107164212",
            ["line_item"] = new JsonObject { ["id"] = Raw("487817672276298554") },
        });
        body["total_exchange_line_items"] = 1;

        var evt = Assert.Single(AssertValid(ShopifyWebhooks.Map(Delivery("returns/request", body))));

        Assert.Equal("exchange", evt.Case!.Kind);
    }

    [Theory]
    [InlineData("returns/approve", "awaiting_return", CaseEventTypes.Updated)]
    [InlineData("returns/process", "received", CaseEventTypes.Updated)]
    [InlineData("returns/close", "closed", CaseEventTypes.Closed)]
    [InlineData("returns/cancel", "closed", CaseEventTypes.Closed)]
    public void Map_LaterReturnTopics_MoveTheCase(string topic, string status, string type)
    {
        var evt = Assert.Single(AssertValid(ShopifyWebhooks.Map(Delivery(topic, Return("defective")))));

        Assert.Equal(type, evt.Type);
        Assert.Equal(status, evt.Case!.Status);
    }

    [Fact]
    public void Map_ReturnReopened_IsIgnored()
    {
        var mapping = ShopifyWebhooks.Map(Delivery("returns/reopen", Return("defective")));

        Assert.True(mapping.IsValid);
        Assert.Empty(mapping.Events);
        Assert.NotNull(mapping.Ignored);
    }

    [Fact]
    public void Map_ReturnWithoutItsOrder_FailsAtOrderId()
    {
        var body = Return("defective");
        body.Remove("order");

        var mapping = ShopifyWebhooks.Map(Delivery("returns/request", body));

        Assert.Equal(["order.id"], mapping.Errors.Keys);
    }

    // ---- disputes ----

    [Fact]
    public void Map_DisputeCreated_IsAnEscalatedCase()
    {
        var mapping = ShopifyWebhooks.Map(Delivery("disputes/create", Dispute("needs_response")));

        var evt = Assert.Single(AssertValid(mapping));
        Assert.Equal("shopify-dispute-1052608616", evt.Case!.Id);
        Assert.True(evt.Case.Escalated);
        Assert.Equal(100.00m, evt.Case.Amount);
        Assert.Equal("USD", evt.Case.Currency);
        Assert.Equal("2026-05-01T19:00:00-04:00", evt.Case.OpenedAt);
        var c = ApplyCases(null, [evt]);
        Assert.True(c.Escalated);
        Assert.Equal(CaseStatus.PendingReview, c.Status);
        Assert.Equal(CaseReason.NotReceived, c.Reason);
        Assert.Equal(OrderId, c.OrderId);
    }

    [Fact]
    public void Map_DisputeWon_ClosesTheCase()
    {
        var opened = ApplyCases(null, AssertValid(ShopifyWebhooks.Map(Delivery("disputes/create", Dispute("needs_response"), eventId: "e-1"))));
        var won = AssertValid(ShopifyWebhooks.Map(Delivery("disputes/update", Dispute("won"), eventId: "e-2")));

        Assert.Equal(CaseEventTypes.Closed, Assert.Single(won).Type);
        Assert.Equal(CaseStatus.Closed, ApplyCases(opened, won).Status);
    }

    [Fact]
    public void Map_DisputeWithoutAnOrder_IsIgnored()
    {
        var body = Dispute("needs_response");
        body["order_id"] = null;

        var mapping = ShopifyWebhooks.Map(Delivery("disputes/create", body));

        Assert.True(mapping.IsValid);
        Assert.Empty(mapping.Events);
        Assert.NotNull(mapping.Ignored);
        Assert.Equal("1052608616", mapping.PlatformIds["dispute"]);
    }

    // ---- compliance and other topics ----

    [Fact]
    public void Map_CustomerRedact_NamesTheCustomerAndOrdersExactly()
    {
        var body = new JsonObject
        {
            ["shop_id"] = Raw("954889"),
            ["shop_domain"] = "jsmith.myshopify.com",
            ["customer"] = new JsonObject { ["id"] = Raw(SampleCustomerId), ["email"] = "john@example.com", ["phone"] = "555-625-1199" },
            ["orders_to_redact"] = new JsonArray(Raw(SampleOrderId), Raw("9007199254740993"), Raw("220458")),
        };

        var mapping = ShopifyWebhooks.Map(Delivery("customers/redact", body));

        Assert.True(mapping.IsValid);
        Assert.Empty(mapping.Events);
        Assert.Equal(ComplianceKind.CustomerRedact, mapping.Compliance!.Kind);
        Assert.Equal(SampleCustomerId, mapping.Compliance.CustomerId);
        Assert.Equal([SampleOrderId, "9007199254740993", "220458"], mapping.Compliance.OrderIds);
    }

    [Fact]
    public void Map_CustomerDataRequest_KeepsTheRequestId()
    {
        var body = new JsonObject
        {
            ["shop_id"] = Raw("954889"),
            ["shop_domain"] = "jsmith.myshopify.com",
            ["orders_requested"] = new JsonArray(Raw(SampleOrderId), Raw("280263")),
            ["customer"] = new JsonObject { ["id"] = Raw(SampleCustomerId), ["email"] = "john@example.com", ["phone"] = "555-625-1199" },
            ["data_request"] = new JsonObject { ["id"] = Raw("9999") },
        };

        var request = ShopifyWebhooks.Map(Delivery("customers/data_request", body)).Compliance!;

        Assert.Equal(ComplianceKind.CustomerDataRequest, request.Kind);
        Assert.Equal(SampleCustomerId, request.CustomerId);
        Assert.Equal([SampleOrderId, "280263"], request.OrderIds);
        Assert.Equal("9999", request.RequestId);
    }

    [Fact]
    public void Map_ShopRedact_IsARequestWithoutACustomer()
    {
        var body = new JsonObject { ["shop_id"] = Raw("954889"), ["shop_domain"] = "jsmith.myshopify.com" };

        var request = ShopifyWebhooks.Map(Delivery("shop/redact", body)).Compliance!;

        Assert.Equal(ComplianceKind.ShopRedact, request.Kind);
        Assert.Null(request.CustomerId);
        Assert.Empty(request.OrderIds);
    }

    [Fact]
    public void Map_CustomerRedactWithoutCustomer_FailsAtCustomerId()
    {
        var body = new JsonObject { ["shop_id"] = Raw("954889"), ["orders_to_redact"] = new JsonArray(Raw("220458")) };

        Assert.Equal(["customer.id"], ShopifyWebhooks.Map(Delivery("customers/redact", body)).Errors.Keys);
    }

    [Theory]
    [InlineData("products/update", "{\"id\": 632910392}")]
    [InlineData("app/uninstalled", "not json at all")]
    [InlineData("orders/delete", "[]")]
    [InlineData("", "")]
    public void Map_TopicNotActedOn_IsIgnoredNeverAnError(string topic, string body)
    {
        var mapping = ShopifyWebhooks.Map(Delivery(topic, body));

        Assert.True(mapping.IsValid);
        Assert.Empty(mapping.Events);
        Assert.Null(mapping.Compliance);
        Assert.NotNull(mapping.Ignored);
    }

    // ---- stale and repeated order updates ----

    [Fact]
    public void Map_OrderUpdateDeliveredTwice_AppliesTheSameIdsAndChangesNothingMore()
    {
        var first = ShopifyWebhooks.Map(Delivery("orders/updated", OrderWithShipment()));
        var repeat = ShopifyWebhooks.Map(Delivery("orders/updated", OrderWithShipment()));
        var once = ApplyAll(null, first)!;

        Assert.Equal(first.Events.Select(e => e.Id), repeat.Events.Select(e => e.Id));
        Assert.Equal(once.Status, ApplyAll(once, repeat)!.Status);
        Assert.Single(ApplyAll(once, repeat)!.Shipments);
    }

    [Fact]
    public void Map_OlderOrderUpdateAfterANewerOne_NeverMovesTheStatusBack()
    {
        var newer = OrderWithShipment();
        newer["updated_at"] = "2022-01-03T09:00:00-05:00";
        var older = OpenOrder("pending");
        older["updated_at"] = "2022-01-01T09:00:00-05:00";

        var afterNewer = ApplyAll(null, ShopifyWebhooks.Map(Delivery("orders/updated", newer, eventId: "e-newer", webhookId: "w-newer")))!;
        var afterOlder = ApplyAll(afterNewer, ShopifyWebhooks.Map(Delivery("orders/updated", older, eventId: "e-older", webhookId: "w-older")))!;

        Assert.Equal(OrderStatus.Shipped, afterNewer.Status);
        Assert.Equal(OrderStatus.Shipped, afterOlder.Status);
        Assert.Single(afterOlder.Shipments);
    }

    // ---- bodies ----

    /// <summary>The shared sample as a mutable tree (its numbers keep their exact text).</summary>
    private static JsonObject Sample() => JsonNode.Parse(SampleText.Value)!.AsObject();

    /// <summary>The sample, not cancelled, with <paramref name="financialStatus"/>.</summary>
    private static JsonObject OpenOrder(string financialStatus)
    {
        var order = Sample();
        order["cancelled_at"] = null;
        order["cancel_reason"] = null;
        order["financial_status"] = financialStatus;
        return order;
    }

    private static JsonObject OrderWithShipment()
    {
        var order = OpenOrder("paid");
        var fulfillment = Fulfillment();
        fulfillment["order_id"] = Raw(SampleOrderId);
        order["fulfillment_status"] = "fulfilled";
        order["fulfillments"] = new JsonArray(fulfillment);
        return order;
    }

    /// <summary>A REST Fulfillment (fulfillments/create and /update): shipped by UPS with one tracking number.</summary>
    private static JsonObject Fulfillment() => new()
    {
        ["id"] = Raw(FulfillmentId),
        ["admin_graphql_api_id"] = "gid://shopify/Fulfillment/" + FulfillmentId,
        ["order_id"] = Raw(OrderId),
        ["status"] = "success",
        ["created_at"] = "2026-05-02T09:00:00-04:00",
        ["updated_at"] = "2026-05-02T09:05:00-04:00",
        ["service"] = "manual",
        ["location_id"] = Raw("24826418"),
        ["shipment_status"] = null,
        ["tracking_company"] = "UPS",
        ["tracking_number"] = "1Z001985YW99744790",
        ["tracking_numbers"] = new JsonArray("1Z001985YW99744790"),
        ["tracking_url"] = "https://www.ups.com/track?tracknum=1Z001985YW99744790",
        ["tracking_urls"] = new JsonArray("https://www.ups.com/track?tracknum=1Z001985YW99744790"),
        ["name"] = "#1001.1",
        ["line_items"] = new JsonArray(new JsonObject { ["id"] = Raw("466157049"), ["title"] = "IPod Nano - 8gb", ["quantity"] = 1, ["price"] = "199.00" }),
    };

    /// <summary>A REST FulfillmentEvent (fulfillment_events/create): one carrier scan.</summary>
    private static JsonObject CarrierScan(string status) => new()
    {
        ["id"] = Raw("944956395"),
        ["admin_graphql_api_id"] = "gid://shopify/FulfillmentEvent/944956395",
        ["fulfillment_id"] = Raw(FulfillmentId),
        ["order_id"] = Raw(OrderId),
        ["shop_id"] = Raw("548380009"),
        ["status"] = status,
        ["message"] = "Scanned by the carrier",
        ["happened_at"] = "2026-05-03T14:12:00-04:00",
        ["created_at"] = "2026-05-03T14:13:00-04:00",
        ["updated_at"] = "2026-05-03T14:13:00-04:00",
        ["estimated_delivery_at"] = null,
        ["city"] = "Louisville",
        ["province"] = "Kentucky",
        ["country"] = "United States",
        ["zip"] = "40003",
        ["address1"] = null,
        ["latitude"] = null,
        ["longitude"] = null,
    };

    /// <summary>A REST Refund (refunds/create): one successful refund, one failed attempt and a non-refund transaction.</summary>
    private static JsonObject Refund(string? returnId) => new()
    {
        ["id"] = Raw("929361465"),
        ["admin_graphql_api_id"] = "gid://shopify/Refund/929361465",
        ["order_id"] = Raw(OrderId),
        ["created_at"] = "2026-05-04T11:00:00-04:00",
        ["processed_at"] = "2026-05-04T11:00:00-04:00",
        ["note"] = "Refunded by the shop",
        ["restock"] = true,
        ["user_id"] = Raw("548380009"),
        ["return"] = returnId is null ? null : new JsonObject { ["id"] = Raw(returnId), ["admin_graphql_api_id"] = "gid://shopify/Return/" + returnId },
        ["refund_line_items"] = new JsonArray(new JsonObject { ["id"] = Raw("1001"), ["line_item_id"] = Raw("466157049"), ["quantity"] = 1, ["subtotal"] = 41.94, ["restock_type"] = "return" }),
        ["transactions"] = new JsonArray(
            Transaction("refund", "success", "41.94"),
            Transaction("refund", "failure", "41.94"),
            Transaction("capture", "success", "10.00")),
        ["order_adjustments"] = new JsonArray(),
    };

    private static JsonObject Transaction(string kind, string status, string amount) => new()
    {
        ["id"] = Raw("179259969"),
        ["order_id"] = Raw(OrderId),
        ["kind"] = kind,
        ["gateway"] = "bogus",
        ["status"] = status,
        ["amount"] = amount,
        ["currency"] = "USD",
        ["created_at"] = "2026-05-04T11:00:00-04:00",
        ["test"] = true,
    };

    /// <summary>A return webhook body (returns/*): one line returned for <paramref name="reason"/>, no exchange.</summary>
    private static JsonObject Return(string reason) => new()
    {
        ["id"] = Raw(ReturnId),
        ["admin_graphql_api_id"] = "gid://shopify/Return/" + ReturnId,
        ["status"] = "requested",
        ["name"] = "#9999-R1",
        ["order"] = new JsonObject { ["id"] = Raw(SampleOrderId), ["admin_graphql_api_id"] = "gid://shopify/Order/" + SampleOrderId },
        ["total_return_line_items"] = 1,
        ["return_line_items"] = new JsonArray(new JsonObject
        {
            ["id"] = Raw("677614678"),
            ["admin_graphql_api_id"] = "gid://shopify/ReturnLineItem/677614678",
            ["fulfillment_line_item"] = new JsonObject { ["id"] = Raw("938374453"), ["line_item"] = new JsonObject { ["id"] = Raw("487817672276298554") } },
            ["quantity"] = 1,
            ["return_reason"] = reason,
            ["return_reason_note"] = "",
            ["customer_note"] = "The hinge came off on day two",
        }),
        ["return_shipping_fees"] = new JsonArray(),
        ["exchange_line_items"] = new JsonArray(),
        ["total_exchange_line_items"] = 0,
    };

    /// <summary>A REST Dispute (disputes/create and /update): a chargeback for goods not received.</summary>
    private static JsonObject Dispute(string status) => new()
    {
        ["id"] = Raw("1052608616"),
        ["order_id"] = Raw(OrderId),
        ["type"] = "chargeback",
        ["amount"] = "100.00",
        ["currency"] = "USD",
        ["reason"] = "product_not_received",
        ["network_reason_code"] = "4855",
        ["status"] = status,
        ["evidence_due_by"] = "2026-05-15T19:00:00-04:00",
        ["evidence_sent_on"] = null,
        ["finalized_on"] = null,
        ["initiated_at"] = "2026-05-01T19:00:00-04:00",
    };

    /// <summary>A body of <paramref name="topic"/> whose events use the longest id pieces the adapter makes.</summary>
    private static JsonObject BodyFor(string topic) => topic switch
    {
        "orders/updated" => OrderWithShipment(),
        "orders/partially_fulfilled" => WithAttemptedDelivery(OrderWithShipment()),
        "fulfillments/update" => WithDelivered(Fulfillment()),
        "fulfillment_events/create" => CarrierScan("attempted_delivery"),
        "returns/request" => Return("defective"),
        _ => Refund(returnId: null),
    };

    private static JsonObject WithAttemptedDelivery(JsonObject order)
    {
        order["fulfillments"]![0]!["shipment_status"] = "attempted_delivery";
        return order;
    }

    private static JsonObject WithDelivered(JsonObject fulfillment)
    {
        fulfillment["shipment_status"] = "delivered";
        return fulfillment;
    }

    /// <summary>A JSON value from its exact text: a 64-bit id stays a number and is never rounded through a double.</summary>
    private static JsonNode Raw(string json) => JsonNode.Parse(json)!;

    private static ShopifyDelivery Delivery(string topic, JsonNode body, string? eventId = EventId, string? webhookId = WebhookId, string? triggeredAt = TriggeredAt)
        => Delivery(topic, body.ToJsonString(), eventId, webhookId, triggeredAt);

    private static ShopifyDelivery Delivery(string topic, string body, string? eventId = EventId, string? webhookId = WebhookId, string? triggeredAt = TriggeredAt)
        => new(topic, eventId, webhookId, triggeredAt, Encoding.UTF8.GetBytes(body));

    // ---- checks and application ----

    /// <summary>The mapping's events, after checking the mapping and every event with the canonical validators.</summary>
    private static IReadOnlyList<OrderEventInput> AssertValid(PlatformMapping mapping)
    {
        Assert.True(mapping.IsValid, "mapping errors: " + string.Join("; ", mapping.Errors.Select(e => $"{e.Key}: {string.Join(' ', e.Value)}")));
        foreach (var evt in mapping.Events)
        {
            var errors = CaseEventTypes.IsCaseEvent(evt.Type)
                ? CaseEventValidator.Validate(evt.ToCaseEvent()).Errors
                : OrderEventValidator.Validate(evt).Errors;
            Assert.True(errors.Count == 0, $"{evt.Type} {evt.Id}: " + string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(' ', e.Value)}")));
        }

        return mapping.Events;
    }

    private static Order Apply(Order? current, OrderEventInput input)
        => OrderLifecycle.Apply(TestOrders.ShopId, current, OrderEventValidator.Validate(input).Value!).Order;

    private static Order? ApplyAll(Order? current, PlatformMapping mapping) => AssertValid(mapping).Aggregate(current, Apply);

    private static Case ApplyCases(Case? current, IEnumerable<OrderEventInput> events)
    {
        foreach (var input in events)
        {
            var result = CaseLifecycle.Apply(TestOrders.ShopId, current, CaseEventValidator.Validate(input.ToCaseEvent()).Value!, ServiceTargets.Default, Now);
            Assert.True(result.IsValid, string.Join("; ", result.Errors.Select(e => $"{e.Key}: {string.Join(' ', e.Value)}")));
            current = result.Value!.Case;
        }

        return current!;
    }

    /// <summary>Shopify's sample order, in the shared reference beside the repository (../shared), never copied into it.</summary>
    private static string SamplePath()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Automation.sln")))
            {
                return Path.Combine(folder.FullName, "..", "shared", "reference", "samples", "shopify-orders-create.json");
            }
        }

        throw new InvalidOperationException("The repository root (Automation.sln) was not found above " + AppContext.BaseDirectory);
    }
}
