using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Automation.Core.Cases;
using Automation.Core.Orders;
using Automation.Core.Platforms;
using CsCheck;

namespace Automation.Core.Tests.Platforms;

/// <summary>
/// The WooCommerce adapter against WooCommerce's own sample order (order 727, processing, read from the shared
/// reference beside the repository) and variants of it edited as JSON: every mapped event must pass the canonical
/// validators, and applying them must give the order the status the WooCommerce status means.
/// </summary>
public class WooCommerceWebhooksTests
{
    private const string ShopId = "woo-shop";
    private const string SampleEventId = "woocommerce:727:20170322T192808Z:order";

    [Fact]
    public void Map_SampleAsSent_IsOnePaidEventWithTheOrdersExactFacts()
    {
        var mapping = WooCommerceWebhooks.Map(new WooCommerceDelivery("order.created", "12", "9b2c1d", Encoding.UTF8.GetBytes(SampleText.Value)));

        Assert.True(mapping.IsValid);
        Assert.Null(mapping.Ignored);
        Assert.Null(mapping.Note);
        Assert.Equal("order:727@20170322T192808Z", mapping.DeliveryKey);
        Assert.Equal("727", mapping.OrderId);
        Assert.Equal(new Dictionary<string, string> { ["order"] = "727", ["number"] = "727" }, mapping.PlatformIds);
        var evt = Assert.Single(mapping.Events);
        Assert.Equal(SampleEventId, evt.Id);
        Assert.Equal(OrderEventTypes.Paid, evt.Type);
        Assert.Equal("2017-03-22T19:28:08Z", evt.OccurredAt);
        var order = evt.Order!;
        Assert.Equal("727", order.Id);
        Assert.Equal("2017-03-22T19:28:02Z", order.PlacedAt);
        Assert.Equal("29.35", order.Total!.Value.ToString(CultureInfo.InvariantCulture));
        Assert.Equal("USD", order.Currency);
        Assert.Null(order.PayUrl);
        Assert.Equal("guest-727", order.Customer!.Id);
        Assert.Equal("John Doe", order.Customer.Name);
        Assert.Equal("john.doe@example.com", order.Customer.Email);
        Assert.Equal("(555) 555-5555", order.Customer.Phone);
        Assert.Null(order.Customer.Locale);
        Assert.Collection(
            order.Items!,
            item => Assert.Equal((null, "Woo Single #1", 2, 3m), (item.Sku, item.Title, item.Quantity, item.Price!.Value)),
            item => Assert.Equal(("Bar3", "Ship Your Idea – Color: Black, Size: M Test", 1, 12m), (item.Sku, item.Title, item.Quantity, item.Price!.Value)));
        Assert.Equal(OrderStatus.Paid, Apply(mapping)!.Status);
    }

    [Fact]
    public void Map_DatesWithoutOffset_AreReadFromTheGmtFieldsAsUtc()
    {
        var body = Sample();
        // The site-time fields say three hours earlier (the site is at UTC-3): they must never be read.
        body["date_created"] = "2026-11-22T07:00:00";
        body["date_created_gmt"] = "2026-11-22T10:00:00";
        body["date_modified_gmt"] = "2026-11-22T10:05:00";
        var evt = Assert.Single(Map(body).Events);

        var order = Apply(Map(body))!;
        Assert.Equal("2026-11-22T10:00:00Z", evt.Order!.PlacedAt);
        Assert.Equal("2026-11-22T10:05:00Z", evt.OccurredAt);
        Assert.Equal(new DateTimeOffset(2026, 11, 22, 10, 0, 0, TimeSpan.Zero), order.PlacedAt);
    }

    [Fact]
    public void Map_GmtDateAlreadyWithAnOffset_IsKept()
    {
        var body = Sample();
        body["date_modified_gmt"] = "2026-11-22T10:05:00+00:00";

        var mapping = Map(body);

        Assert.Equal("2026-11-22T10:05:00+00:00", Assert.Single(mapping.Events).OccurredAt);
        Assert.Equal("order:727@20261122T100500Z", mapping.DeliveryKey);
    }

    [Fact]
    public void Map_IdsAndTotalBeyondDoublePrecision_AreReadExactly()
    {
        var body = Sample();
        body["id"] = JsonNode.Parse("9007199254740993");
        body["total"] = "12345678901234567.89";

        var mapping = Map(body);

        var evt = Assert.Single(mapping.Events);
        Assert.Equal("9007199254740993", mapping.OrderId);
        Assert.Equal("9007199254740993", evt.Order!.Id);
        Assert.Equal("woocommerce:9007199254740993:20170322T192808Z:order", evt.Id);
        Assert.Equal(12345678901234567.89m, evt.Order.Total);
        Assert.Equal("guest-9007199254740993", evt.Order.Customer!.Id);
        AssertValid(mapping);
    }

    [Fact]
    public void Map_SameBodyTwice_GivesTheSameKeyAndIds()
    {
        var body = WithTracking(WithStatus(Sample(), "completed"), Tracking("1Z999", "abc123"));

        var first = Map(body);
        var second = Map(JsonNode.Parse(body.ToJsonString())!.AsObject());

        Assert.Equal(first.DeliveryKey, second.DeliveryKey);
        Assert.Equal(first.Events.Select(e => e.Id), second.Events.Select(e => e.Id));
    }

    [Fact]
    public void Map_SameStateByCreatedAndUpdated_GivesTheSameIds()
    {
        // WooCommerce builds the body when it sends it: order.created may already carry the state order.updated sends.
        var created = Map(Sample(), "order.created");
        var updated = Map(Sample(), "order.updated");

        Assert.Equal(created.DeliveryKey, updated.DeliveryKey);
        Assert.Equal(created.Events.Select(e => e.Id), updated.Events.Select(e => e.Id));
    }

    [Fact]
    public void Map_LaterModification_GivesOtherKeyAndIds()
    {
        var later = Sample();
        later["date_modified_gmt"] = "2017-03-22T19:28:09";

        var first = Map(Sample());
        var second = Map(later);

        Assert.NotEqual(first.DeliveryKey, second.DeliveryKey);
        Assert.Equal("woocommerce:727:20170322T192809Z:order", Assert.Single(second.Events).Id);
        Assert.NotEqual(Assert.Single(first.Events).Id, Assert.Single(second.Events).Id);
    }

    [Fact]
    public void Map_NoModificationTime_StillSameIdsForTheSameBody()
    {
        var body = Sample();
        body.Remove("date_modified_gmt");

        var first = Map(body);
        var second = Map(body);

        var evt = Assert.Single(first.Events);
        Assert.Null(evt.OccurredAt);
        Assert.Equal(evt.Id, Assert.Single(second.Events).Id);
        Assert.StartsWith("woocommerce:727:b", evt.Id, StringComparison.Ordinal);
        AssertValid(first);
    }

    [Theory]
    [InlineData("pending", OrderEventTypes.Created, OrderStatus.Created)]
    [InlineData("on-hold", OrderEventTypes.Created, OrderStatus.Created)]
    [InlineData("failed", OrderEventTypes.Created, OrderStatus.Created)]
    [InlineData("processing", OrderEventTypes.Paid, OrderStatus.Paid)]
    [InlineData("cancelled", OrderEventTypes.Cancelled, OrderStatus.Cancelled)]
    [InlineData("wc-processing", OrderEventTypes.Paid, OrderStatus.Paid)]
    [InlineData(" On-Hold ", OrderEventTypes.Created, OrderStatus.Created)]
    public void Map_Status_GivesOneEventOfItsType(string status, string type, OrderStatus expected)
    {
        var mapping = Map(WithStatus(Sample(), status));

        var evt = Assert.Single(mapping.Events);
        Assert.Equal(type, evt.Type);
        Assert.Null(mapping.Note);
        Assert.Equal(expected, Apply(mapping)!.Status);
    }

    [Fact]
    public void Map_UnpaidOrder_CarriesThePaymentLink()
    {
        var body = WithStatus(Sample(), "pending");
        body["payment_url"] = "https://example.com/checkout/order-pay/727/?pay_for_order=true&key=wc_order_58d2d042d1d";

        var evt = Assert.Single(Map(body).Events);

        Assert.Equal("https://example.com/checkout/order-pay/727/?pay_for_order=true&key=wc_order_58d2d042d1d", evt.Order!.PayUrl);
    }

    [Fact]
    public void Map_CompletedWithoutTracking_IsPaidWithANote()
    {
        var mapping = Map(WithStatus(Sample(), "completed"));

        Assert.Equal(OrderEventTypes.Paid, Assert.Single(mapping.Events).Type);
        Assert.Contains("without a tracking number", mapping.Note, StringComparison.Ordinal);
        Assert.Equal(OrderStatus.Paid, Apply(mapping)!.Status);
    }

    [Fact]
    public void Map_CompletedWithTrackingItems_ShipsEachParcel()
    {
        var body = WithTracking(
            WithStatus(Sample(), "completed"),
            Tracking("9400111899223197428490", "0a1b2c3d4e5f60718293a4b5c6d7e8f9", provider: "usps", shipped: JsonValue.Create(1774828800L)),
            Tracking("RR123456785GB", "ffeeddccbbaa99887766554433221100", custom: "Royal Mail Tracked", link: "https://track.example/RR123456785GB", shipped: JsonValue.Create("1774915200")));

        var mapping = Map(body);

        Assert.Null(mapping.Note);
        Assert.Equal(
            [OrderEventTypes.Paid, OrderEventTypes.Shipped, OrderEventTypes.Shipped],
            mapping.Events.Select(e => e.Type));
        var usps = mapping.Events[1];
        Assert.Equal("woocommerce:727:20170322T192808Z:shipped.0a1b2c3d4e5f60718293a4b5c6d7e8f9", usps.Id);
        Assert.Equal("2026-03-30T00:00:00Z", usps.OccurredAt);
        Assert.Equal(("0a1b2c3d4e5f60718293a4b5c6d7e8f9", "usps", "9400111899223197428490", (string?)null),
            (usps.Order!.Shipment!.Id, usps.Order.Shipment.Carrier, usps.Order.Shipment.TrackingNumber, usps.Order.Shipment.TrackingUrl));
        var royalMail = mapping.Events[2];
        Assert.Equal("2026-03-31T00:00:00Z", royalMail.OccurredAt);
        Assert.Equal(("Royal Mail Tracked", "RR123456785GB", "https://track.example/RR123456785GB"),
            (royalMail.Order!.Shipment!.Carrier, royalMail.Order.Shipment.TrackingNumber, royalMail.Order.Shipment.TrackingUrl));

        var order = Apply(mapping)!;
        Assert.Equal(OrderStatus.Shipped, order.Status);
        Assert.Equal(["9400111899223197428490", "RR123456785GB"], order.Shipments.Select(s => s.TrackingNumber));
        Assert.Equal(new DateTimeOffset(2026, 3, 30, 0, 0, 0, TimeSpan.Zero), order.ShippedAt);
    }

    [Fact]
    public void Map_TrackingItemsWithoutNumberOrDate_SkipsTheFirstAndTimesTheOtherByTheModification()
    {
        var body = WithTracking(
            WithStatus(Sample(), "completed"),
            Tracking("  ", "aaaa", provider: "usps"),
            Tracking("JD0001", tracking: null, shipped: JsonValue.Create("not a time")));

        var mapping = Map(body);

        var shipped = Assert.Single(mapping.Events, e => e.Type == OrderEventTypes.Shipped);
        Assert.Equal("woocommerce:727:20170322T192808Z:shipped.JD0001", shipped.Id);
        Assert.Equal("2017-03-22T19:28:08Z", shipped.OccurredAt);
        Assert.Equal(("other", "JD0001", (string?)null), (shipped.Order!.Shipment!.Carrier, shipped.Order.Shipment.TrackingNumber, shipped.Order.Shipment.Id));
        AssertValid(mapping);
    }

    [Fact]
    public void Map_TrackingMetaKeyedByIndex_IsRead()
    {
        // A PHP array with a gap (an item was removed) is encoded as a JSON object.
        var body = WithStatus(Sample(), "completed");
        body["meta_data"]!.AsArray().Add(new JsonObject
        {
            ["id"] = 99,
            ["key"] = WooCommerceWebhooks.TrackingMetaKey,
            ["value"] = new JsonObject { ["1"] = Tracking("LX123", "b1") },
        });

        var mapping = Map(body);

        Assert.Equal("LX123", Assert.Single(mapping.Events, e => e.Type == OrderEventTypes.Shipped).Order!.Shipment!.TrackingNumber);
    }

    [Fact]
    public void Map_ProcessingWithTracking_StaysPaidUntilCompleted()
    {
        // The merchant may enter tracking before the parcel leaves; marking it completed is what sends it (and our notice).
        var mapping = Map(WithTracking(Sample(), Tracking("1Z999", "abc")));

        Assert.Equal(OrderEventTypes.Paid, Assert.Single(mapping.Events).Type);
    }

    [Theory]
    [InlineData("shipped")]
    [InlineData("partial-shipped")]
    public void Map_ExtensionShippedStatus_ShipsLikeCompleted(string status)
    {
        var mapping = Map(WithTracking(WithStatus(Sample(), status), Tracking("1Z999", "abc")));

        Assert.Equal([OrderEventTypes.Paid, OrderEventTypes.Shipped], mapping.Events.Select(e => e.Type));
        Assert.Equal(OrderStatus.Shipped, Apply(mapping)!.Status);
    }

    [Fact]
    public void Map_ExtensionDeliveredStatus_ShipsThenDelivers()
    {
        var mapping = Map(WithTracking(WithStatus(Sample(), "delivered"), Tracking("1Z999", "abc")));

        Assert.Equal([OrderEventTypes.Paid, OrderEventTypes.Shipped, OrderEventTypes.Delivered], mapping.Events.Select(e => e.Type));
        Assert.Equal("woocommerce:727:20170322T192808Z:delivered", mapping.Events[2].Id);
        var order = Apply(mapping)!;
        Assert.Equal(OrderStatus.Delivered, order.Status);
        Assert.Equal(new DateTimeOffset(2017, 3, 22, 19, 28, 8, TimeSpan.Zero), order.DeliveredAt);
    }

    [Theory]
    [InlineData(true, null, OrderEventTypes.Created)]
    [InlineData(false, null, OrderEventTypes.Paid)]
    [InlineData(null, "2017-03-22T19:28:08", OrderEventTypes.Paid)]
    [InlineData(null, null, OrderEventTypes.Created)]
    public void Map_UnknownStatus_ReadsThePaymentFacts(bool? needsPayment, string? datePaid, string expected)
    {
        var body = WithStatus(Sample(), "ready-for-pickup");
        if (needsPayment is { } needs)
        {
            body["needs_payment"] = needs;
        }

        body["date_paid"] = null;
        body["date_paid_gmt"] = datePaid;

        var mapping = Map(body);

        Assert.True(mapping.IsValid);
        Assert.Equal(expected, Assert.Single(mapping.Events).Type);
        AssertValid(mapping);
    }

    [Fact]
    public void Map_UnknownStatusWithoutAnyPaymentFact_IsPaid()
    {
        // No reminder goes to a buyer the shop may already have been paid by (cash on pickup, a pre-order).
        var body = WithStatus(Sample(), "awaiting-shipment");
        body.Remove("date_paid");
        body.Remove("date_paid_gmt");

        Assert.Equal(OrderEventTypes.Paid, Assert.Single(Map(body).Events).Type);
    }

    [Fact]
    public void Map_Refunded_IsPaidWithARefundCaseRefundedThenClosed()
    {
        var body = WithStatus(Sample(), "refunded");
        body["refunds"] = new JsonArray(
            new JsonObject { ["id"] = 730, ["reason"] = "Damaged in transit", ["total"] = "-10.00" },
            new JsonObject { ["id"] = 731, ["reason"] = "", ["total"] = "-19.35" });

        var mapping = Map(body);

        Assert.Equal([OrderEventTypes.Paid, CaseEventTypes.Updated, CaseEventTypes.Closed], mapping.Events.Select(e => e.Type));
        Assert.Equal(["woocommerce:727:20170322T192808Z:refunded", "woocommerce:727:20170322T192808Z:closed"], mapping.Events.Skip(1).Select(e => e.Id));
        var refunded = mapping.Events[1].Case!;
        Assert.Equal(("woocommerce-refund-727", "727", "refund_only", "refunded"), (refunded.Id, refunded.OrderId, refunded.Kind, refunded.Status));
        Assert.Equal("29.35", refunded.Amount!.Value.ToString(CultureInfo.InvariantCulture));
        Assert.Equal("USD", refunded.Currency);
        Assert.Equal("Damaged in transit", refunded.ReasonText);

        Assert.Equal(OrderStatus.Paid, Apply(mapping)!.Status);
        var @case = ApplyCase(mapping)!;
        Assert.Equal(CaseStatus.Closed, @case.Status);
        Assert.Equal(29.35m, @case.Amount);
        Assert.NotNull(@case.RefundedAt);
    }

    [Fact]
    public void Map_RefundedWithoutRefundRecords_GuessesNoAmount()
    {
        var mapping = Map(WithStatus(Sample(), "refunded"));

        var refunded = mapping.Events[1].Case!;
        Assert.Null(refunded.Amount);
        Assert.Null(refunded.Currency);
        AssertValid(mapping);
    }

    [Theory]
    [InlineData("checkout-draft")]
    [InlineData("draft")]
    [InlineData("auto-draft")]
    [InlineData("trash")]
    public void Map_NotPlacedOrder_IsIgnoredWithTheReason(string status)
    {
        var mapping = Map(WithStatus(Sample(), status));

        Assert.True(mapping.IsValid);
        Assert.Empty(mapping.Events);
        Assert.Contains(status, mapping.Ignored, StringComparison.Ordinal);
        Assert.Equal("727", mapping.OrderId);
    }

    [Fact]
    public void Map_OrderDeleted_IsIgnored()
    {
        var mapping = Map(new JsonObject { ["id"] = 727 }, "order.deleted");

        Assert.True(mapping.IsValid);
        Assert.Empty(mapping.Events);
        Assert.NotNull(mapping.Ignored);
        Assert.Equal("727", mapping.OrderId);
    }

    [Theory]
    [InlineData("product.updated")]
    [InlineData("customer.created")]
    [InlineData("coupon.deleted")]
    [InlineData("action.woocommerce_payment_complete")]
    public void Map_OtherTopic_IsIgnored(string topic)
    {
        var mapping = Map(Sample(), topic);

        Assert.True(mapping.IsValid);
        Assert.Empty(mapping.Events);
        Assert.Contains(topic, mapping.Ignored, StringComparison.Ordinal);
    }

    [Fact]
    public void Map_MissingIdAndStatus_NamesBoth()
    {
        var body = Sample();
        body.Remove("id");
        body.Remove("status");

        var mapping = Map(body);

        Assert.False(mapping.IsValid);
        Assert.Equal(["id", "status"], mapping.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.Empty(mapping.Events);
    }

    [Theory]
    [InlineData("total", "\"29,35\"")]
    [InlineData("total", "true")]
    [InlineData("status", "5")]
    [InlineData("id", "\"\"")]
    [InlineData("id", "-1")]
    [InlineData("date_modified_gmt", "\"yesterday\"")]
    [InlineData("date_created_gmt", "\"1999-12-31T23:59:59\"")]
    [InlineData("currency", "\"US$\"")]
    public void Map_UnreadableField_IsNamed(string field, string json)
    {
        var body = Sample();
        body[field] = JsonNode.Parse(json);

        var mapping = Map(body);

        Assert.Equal([field], mapping.Errors.Keys);
        Assert.Empty(mapping.Events);
    }

    [Theory]
    [InlineData("date_created_gmt")]
    [InlineData("total")]
    [InlineData("currency")]
    public void Map_UnpaidOrderMissingWhatRemindersNeed_NamesTheField(string field)
    {
        var body = WithStatus(Sample(), "pending");
        body.Remove(field);

        Assert.Equal([field], Map(body).Errors.Keys);
    }

    [Fact]
    public void Map_PaidOrderWithoutTotal_IsStillMapped()
    {
        var body = Sample();
        body.Remove("total");

        var mapping = Map(body);

        Assert.Null(Assert.Single(mapping.Events).Order!.Total);
        AssertValid(mapping);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    [InlineData("")]
    public void Map_BodyNotAJsonObject_IsNamedBody(string text)
    {
        var mapping = WooCommerceWebhooks.Map(new WooCommerceDelivery("order.updated", "1", "d", Encoding.UTF8.GetBytes(text)));

        Assert.Equal(["body"], mapping.Errors.Keys);
        Assert.StartsWith("body:", mapping.DeliveryKey, StringComparison.Ordinal);
    }

    [Fact]
    public void Map_RegisteredCustomer_UsesTheirId()
    {
        var body = Sample();
        body["customer_id"] = 42;

        Assert.Equal("42", Assert.Single(Map(body).Events).Order!.Customer!.Id);
    }

    [Theory]
    [InlineData("wpml_language", "de", "de")]
    [InlineData("_locale", "de_DE", "de-DE")]
    [InlineData("wpml_language", "Deutsch!", null)]
    public void Map_LanguageMeta_GivesTheLocaleWhenItIsOne(string key, string value, string? expected)
    {
        var body = Sample();
        body["meta_data"]!.AsArray().Add(new JsonObject { ["id"] = 5, ["key"] = key, ["value"] = value });

        var mapping = Map(body);

        Assert.Equal(expected, Assert.Single(mapping.Events).Order!.Customer!.Locale);
        AssertValid(mapping);
    }

    [Fact]
    public void Map_FreeTextBeyondTheBounds_IsCutOrLeftOutButNeverRefused()
    {
        var body = WithStatus(Sample(), "pending");
        body["billing"]!["first_name"] = new string('A', 300);
        body["billing"]!["phone"] = "+1 555 555 5555 ext. 1234 (ask for the back office)";
        body["payment_url"] = "javascript:alert(1)";
        body["line_items"]![0]!["name"] = new string('x', 800);
        body["line_items"]![1]!["name"] = "\u202E  ";

        var mapping = Map(body);

        var order = Assert.Single(mapping.Events).Order!;
        Assert.Equal(200, order.Customer!.Name!.Length);
        Assert.Null(order.Customer.Phone);
        Assert.Null(order.PayUrl);
        Assert.Equal(OrderEventValidator.MaxTextLength, order.Items![0].Title!.Length);
        Assert.Equal("item", order.Items[1].Title);
        AssertValid(mapping);
    }

    [Fact]
    public void Map_FloatUnitPrice_IsRoundedToTheLinesPrecision()
    {
        var body = Sample();
        var line = body["line_items"]![0]!;
        line["quantity"] = 3;
        line["total"] = "10.00";
        line["price"] = JsonNode.Parse("3.3333333333333335");

        Assert.Equal(3.33m, Assert.Single(Map(body).Events).Order!.Items![0].Price);
    }

    [Theory]
    [InlineData("webhook_id=1", null, true)]
    [InlineData("webhook_id=123456", "application/x-www-form-urlencoded", true)]
    [InlineData("webhook_id=123456", "application/x-www-form-urlencoded; charset=UTF-8", true)]
    [InlineData("webhook_id=7", "text/plain", true)]
    [InlineData("webhook_id=7", "application/json", false)]
    [InlineData("webhook_id=", null, false)]
    [InlineData("webhook_id=12a", null, false)]
    [InlineData("webhook_id=12\n", null, false)]
    [InlineData(" webhook_id=12", null, false)]
    [InlineData("webhook_id=123456789012345678901", null, false)]
    [InlineData("{\"id\":727}", "application/json", false)]
    [InlineData("", null, false)]
    public void IsPing_ExactlyWebhookIdDigits(string body, string? contentType, bool expected)
    {
        Assert.Equal(expected, WooCommerceWebhooks.IsPing(Encoding.UTF8.GetBytes(body), contentType));
    }

    [Fact]
    public void IsPing_SampleOrderBody_IsNotAPing()
    {
        Assert.False(WooCommerceWebhooks.IsPing(Encoding.UTF8.GetBytes(Sample().ToJsonString()), null));
    }

    private static readonly string[] Statuses =
        ["pending", "on-hold", "failed", "processing", "completed", "cancelled", "refunded", "checkout-draft", "shipped", "delivered", "ready-for-pickup", "x-custom"];

    private static readonly Gen<JsonObject> Bodies =
        Gen.Select(Gen.Long[1, long.MaxValue], Gen.Int[0, Statuses.Length - 1], Gen.Int[0, 2_000_000_000], Gen.String, Gen.String, Gen.Int[0, 3],
            (id, status, modified, text, number, parcels) =>
            {
                var body = WithStatus(Sample(), Statuses[status]);
                body["id"] = id;
                body["date_modified_gmt"] = DateTimeOffset.FromUnixTimeSeconds(946_684_800L + modified).ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);
                body["billing"]!["first_name"] = text;
                body["billing"]!["phone"] = text;
                body["line_items"]![0]!["name"] = text;
                body["refunds"] = new JsonArray(new JsonObject { ["id"] = 1, ["reason"] = text, ["total"] = "-1.00" });
                return parcels == 0
                    ? body
                    : WithTracking(body, [.. Enumerable.Range(0, parcels).Select(i => Tracking(number + i, i % 2 == 0 ? text : null, provider: text))]);
            });

    [Fact]
    public void Map_AnyStatusIdAndFreeText_GivesEventsTheValidatorsAcceptWithStableIds()
    {
        Bodies.Sample(body =>
        {
            var mapping = Map(body);
            Assert.True(mapping.IsValid, string.Join("; ", mapping.Errors.Select(e => e.Key)));
            AssertValid(mapping);
            Assert.Equal(mapping.Events.Count, mapping.Events.Select(e => e.Id).Distinct().Count());
            Assert.Equal(mapping.Events.Select(e => e.Id), Map(JsonNode.Parse(body.ToJsonString())!.AsObject()).Events.Select(e => e.Id));
            if (mapping.Ignored is null)
            {
                Assert.NotNull(Apply(mapping));
            }
        }, iter: 300);
    }

    private static JsonObject Sample() => JsonNode.Parse(SampleText.Value)!.AsObject();

    private static readonly Lazy<string> SampleText = new(() => File.ReadAllText(SharedPath("reference", "samples", "woocommerce-order-created.json")));

    /// <summary>The shared reference folder beside the repository root (the folder holding Automation.sln).</summary>
    private static string SharedPath(params string[] parts)
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Automation.sln")))
            {
                return Path.Combine([folder.FullName, "..", "shared", .. parts]);
            }
        }

        throw new InvalidOperationException("The repository root (Automation.sln) was not found above " + AppContext.BaseDirectory);
    }

    private static PlatformMapping Map(JsonObject body, string topic = "order.updated") =>
        WooCommerceWebhooks.Map(new WooCommerceDelivery(topic, "12", "9b2c1d", Encoding.UTF8.GetBytes(body.ToJsonString())));

    private static JsonObject WithStatus(JsonObject body, string status)
    {
        body["status"] = status;
        return body;
    }

    private static JsonObject WithTracking(JsonObject body, params JsonObject[] items)
    {
        body["meta_data"]!.AsArray().Add(new JsonObject
        {
            ["id"] = 13200,
            ["key"] = WooCommerceWebhooks.TrackingMetaKey,
            ["value"] = new JsonArray([.. items]),
        });
        return body;
    }

    private static JsonObject Tracking(string number, string? tracking, string provider = "", string custom = "", string link = "", JsonNode? shipped = null) => new()
    {
        ["tracking_provider"] = provider,
        ["custom_tracking_provider"] = custom,
        ["custom_tracking_link"] = link,
        ["tracking_number"] = number,
        ["date_shipped"] = shipped,
        ["tracking_id"] = tracking,
    };

    private static void AssertValid(PlatformMapping mapping)
    {
        foreach (var evt in mapping.Events)
        {
            var errors = CaseEventTypes.IsCaseEvent(evt.Type)
                ? CaseEventValidator.Validate(evt.ToCaseEvent()).Errors
                : OrderEventValidator.Validate(evt).Errors;
            Assert.True(errors.Count == 0, $"{evt.Id} ({evt.Type}): {string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}"))}");
        }
    }

    /// <summary>The order after the mapping's order events, in order, each checked by the validator first.</summary>
    private static Order? Apply(PlatformMapping mapping)
    {
        AssertValid(mapping);
        Order? order = null;
        foreach (var evt in mapping.Events.Where(e => !CaseEventTypes.IsCaseEvent(e.Type)))
        {
            order = OrderLifecycle.Apply(ShopId, order, OrderEventValidator.Validate(evt).Value!).Order;
        }

        return order;
    }

    private static Case? ApplyCase(PlatformMapping mapping)
    {
        Case? current = null;
        var now = new DateTimeOffset(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);
        foreach (var evt in mapping.Events.Where(e => CaseEventTypes.IsCaseEvent(e.Type)))
        {
            var result = CaseLifecycle.Apply(ShopId, current, CaseEventValidator.Validate(evt.ToCaseEvent()).Value!, ServiceTargets.Default, now);
            Assert.True(result.IsValid, string.Join("; ", result.Errors.Keys));
            current = result.Value!.Case;
        }

        return current;
    }
}
