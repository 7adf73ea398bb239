using System.Text.Json;
using Automation.Core.Orders;
using Automation.Core.Tests.Support;

namespace Automation.Core.Tests.Orders;

public class OrderEventValidatorTests
{
    [Fact]
    public void Validate_IssueExampleBody_IsValid()
    {
        // The issue's example, with its "..." elisions filled in.
        const string json = """
            { "id": "evt-1001", "type": "order.created", "occurredAt": "2026-11-22T10:00:00Z",
              "order": { "id": "A1001", "placedAt": "2026-11-22T10:00:00Z", "autoCloseAt": null,
                         "total": 199.00, "currency": "CNY", "payUrl": "https://shop.example/pay/A1001",
                         "customer": { "id": "c-9", "name": "Li Lei", "phone": "13800000000", "email": "lilei@example.com", "locale": "zh-CN" },
                         "items": [ { "sku": "HD-M", "title": "Hoodie", "quantity": 1, "price": 199.00 } ] } }
            """;
        var input = JsonSerializer.Deserialize<OrderEventInput>(json, JsonSerializerOptions.Web);

        var result = OrderEventValidator.Validate(input);

        Assert.True(result.IsValid, string.Join("; ", result.Errors.Select(e => e.Key)));
        Assert.Empty(result.Errors);
        var evt = result.Value;
        Assert.Equal("evt-1001", evt.Id);
        Assert.Equal(OrderStatus.Created, evt.Status);
        Assert.Equal(Zones.At("2026-11-22T10:00:00Z"), evt.OccurredAt);
        Assert.Equal("A1001", evt.Facts.OrderId);
        Assert.Equal(Zones.At("2026-11-22T10:00:00Z"), evt.Facts.PlacedAt);
        Assert.Null(evt.Facts.AutoCloseAt);
        Assert.Equal(199.00m, evt.Facts.Total);
        Assert.Equal("CNY", evt.Facts.Currency);
        Assert.Equal(new Customer("c-9", "Li Lei", "13800000000", "lilei@example.com", "zh-CN"), evt.Facts.Customer);
        Assert.Equal([new OrderItem("HD-M", "Hoodie", 1, 199.00m)], evt.Facts.Items);
    }

    [Fact]
    public void Validate_ManyBadFields_ReportsEveryOneByPath()
    {
        var input = new OrderEventInput
        {
            Id = "evt 1",
            Type = OrderEventTypes.Created,
            Order = new OrderInput
            {
                Id = "A/1001",
                Total = -1m,
                Currency = "yuan",
                PayUrl = "javascript:alert(1)",
                Customer = new CustomerInput { Name = "Li Lei", Locale = "Chinese" },
                Items =
                [
                    new OrderItemInput { Title = "Hoodie", Quantity = 0, Price = 199m },
                    new OrderItemInput { Quantity = 1, Price = -5m },
                ],
            },
        };

        var result = OrderEventValidator.Validate(input);

        Assert.False(result.IsValid);
        Assert.Null(result.Value);
        Assert.Equal(
            new[]
            {
                "id", "order.currency", "order.customer.id", "order.customer.locale", "order.id", "order.items[0].quantity",
                "order.items[1].price", "order.items[1].title", "order.payUrl", "order.placedAt", "order.total",
            },
            result.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.All(result.Errors.Values, messages => Assert.All(messages, m => Assert.False(string.IsNullOrWhiteSpace(m))));
    }

    [Fact]
    public void Validate_CreatedWithoutCustomer_NamesCustomerId()
    {
        var input = TestOrders.CreatedInput();
        input.Order!.Customer = null;

        var result = OrderEventValidator.Validate(input);

        Assert.Equal(["order.customer.id"], result.Errors.Keys);
    }

    [Fact]
    public void Validate_CreatedWithoutOrder_NamesOrder()
    {
        var input = TestOrders.CreatedInput();
        input.Order = null;

        Assert.Equal(["order"], OrderEventValidator.Validate(input).Errors.Keys);
    }

    [Fact]
    public void Validate_NoBody_NamesBody()
    {
        Assert.Equal(["body"], OrderEventValidator.Validate(null).Errors.Keys);
    }

    [Theory]
    [InlineData("review.created")]
    [InlineData("case.opened")]
    [InlineData("customer.message")]
    [InlineData("order.refunded")]
    [InlineData("ORDER.CREATED")]
    public void Validate_UnsupportedType_ErrorOnTypeNamingIt(string type)
    {
        var result = OrderEventValidator.Validate(new OrderEventInput { Id = "evt-1", Type = type });

        var error = Assert.Single(result.Errors);
        Assert.Equal("type", error.Key);
        Assert.Contains($"'{type}'", Assert.Single(error.Value), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_MissingTypeAndId_NamesBoth()
    {
        var result = OrderEventValidator.Validate(new OrderEventInput { Order = new OrderInput { Id = "A1001" } });

        Assert.Equal(["id", "type"], result.Errors.Keys.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(OrderEventTypes.Paid, OrderStatus.Paid)]
    [InlineData(OrderEventTypes.Delivered, OrderStatus.Delivered)]
    [InlineData(OrderEventTypes.Completed, OrderStatus.Completed)]
    [InlineData(OrderEventTypes.Cancelled, OrderStatus.Cancelled)]
    [InlineData(OrderEventTypes.Closed, OrderStatus.Closed)]
    public void Validate_EventAfterCreated_NeedsOnlyOrderId(string type, OrderStatus expected)
    {
        var result = OrderEventValidator.Validate(TestOrders.Input(type));

        Assert.True(result.IsValid);
        Assert.Equal(expected, result.Value.Status);
        Assert.Equal(TestOrders.IdOnly(), result.Value.Facts);
    }

    [Fact]
    public void Validate_ShippedWithoutShipment_NamesShipment()
    {
        Assert.Equal(["order.shipment"], OrderEventValidator.Validate(TestOrders.Input(OrderEventTypes.Shipped)).Errors.Keys);
    }

    [Fact]
    public void Validate_ShipmentWithoutCarrierOrTracking_NamesEach()
    {
        var input = TestOrders.Input(OrderEventTypes.Shipped);
        input.Order!.Shipment = new ShipmentInput { Id = "s-1", TrackingUrl = "ftp://carrier.example/1" };

        var result = OrderEventValidator.Validate(input);

        Assert.Equal(
            ["order.shipment.carrier", "order.shipment.trackingNumber", "order.shipment.trackingUrl"],
            result.Errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Validate_ShippedWithShipment_CarriesIt()
    {
        var input = TestOrders.Input(OrderEventTypes.Shipped);
        input.Order!.Shipment = new ShipmentInput { Id = "s-1", Carrier = "SF Express", TrackingNumber = "SF123", TrackingUrl = "https://sf.example/t/SF123" };

        var result = OrderEventValidator.Validate(input);

        Assert.True(result.IsValid);
        Assert.Equal(new Shipment("s-1", "SF Express", "SF123", "https://sf.example/t/SF123"), result.Value.Facts.Shipment);
    }

    [Theory]
    [InlineData("A1001", true)]
    [InlineData("1", true)]
    [InlineData("tb.2026:11-22_0001", true)]
    [InlineData("-A1001", false)]
    [InlineData(".A1001", false)]
    [InlineData("A 1001", false)]
    [InlineData("A/1001", false)]
    [InlineData("A#1001", false)]
    [InlineData("A?1001", false)]
    [InlineData("A1001\n", false)]
    [InlineData("订单1001", false)]
    public void Validate_OrderIdShape_AcceptsOnlyKeySafeIds(string orderId, bool valid)
    {
        var result = OrderEventValidator.Validate(TestOrders.Input(OrderEventTypes.Paid, orderId));

        Assert.Equal(valid, result.IsValid);
        Assert.Equal(valid ? [] : ["order.id"], result.Errors.Keys);
    }

    [Fact]
    public void Validate_IdLength_AllowsUpTo128Characters()
    {
        var input = TestOrders.Input(OrderEventTypes.Paid, new string('a', 128));
        input.Id = new string('e', 129);

        Assert.Equal(["id"], OrderEventValidator.Validate(input).Errors.Keys);
    }

    [Fact]
    public void Validate_LowercaseCurrency_IsNormalized()
    {
        var input = TestOrders.CreatedInput();
        input.Order!.Currency = "cny";

        Assert.Equal("CNY", OrderEventValidator.Validate(input).Value!.Facts.Currency);
    }

    [Fact]
    public void Validate_CustomerLocale_IsNormalized()
    {
        var input = TestOrders.CreatedInput();
        input.Order!.Customer!.Locale = "zh-cn";

        Assert.Equal("zh-CN", OrderEventValidator.Validate(input).Value!.Facts.Customer!.Locale);
    }

    [Fact]
    public void Validate_AutoCloseNotAfterPlacement_NamesAutoCloseAt()
    {
        var input = TestOrders.CreatedInput();
        input.Order!.AutoCloseAt = input.Order.PlacedAt;

        Assert.Equal(["order.autoCloseAt"], OrderEventValidator.Validate(input).Errors.Keys);
    }

    [Theory]
    [InlineData("2026-11-29T16:00:00Z", "2026-11-29T16:00:00+00:00")]
    [InlineData("2026-11-29T16:00:00+08:00", "2026-11-29T16:00:00+08:00")]
    [InlineData("2026-11-29T16:00:00.1234567-05:30", "2026-11-29T16:00:00.1234567-05:30")]
    [InlineData("2026-11-29t16:00:00z", "2026-11-29T16:00:00+00:00")]
    [InlineData("2000-01-01T00:00:00Z", "2000-01-01T00:00:00+00:00")]
    [InlineData("2099-12-31T23:59:59Z", "2099-12-31T23:59:59+00:00")]
    public void Validate_DateWithOffsetInRange_IsParsedWithItsOffset(string text, string expected)
    {
        var input = TestOrders.CreatedInput();
        input.OccurredAt = text;
        input.Order!.PlacedAt = text;

        var evt = OrderEventValidator.Validate(input).Value!;

        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), evt.OccurredAt);
        Assert.Equal(expected, evt.Facts.PlacedAt!.Value.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("2026-11-29T16:00:00")]
    [InlineData("2026-11-29")]
    [InlineData("2026-11-29T16:00")]
    [InlineData("2026-11-29 16:00:00Z")]
    [InlineData("29/11/2026 16:00 +08:00")]
    [InlineData("2026-11-29T16:00:00+0800")]
    [InlineData("2026-11-29T16:00:00+15:00")]
    [InlineData("2026-02-30T16:00:00Z")]
    [InlineData("2026-11-29T24:00:00Z")]
    [InlineData("1764432000")]
    [InlineData("")]
    [InlineData(" 2026-11-29T16:00:00Z")]
    [InlineData("2026-11-29T16:00:00Z\n")]
    public void Validate_DateWithoutOffsetOrMalformed_NamesTheField(string text)
    {
        var input = TestOrders.CreatedInput();
        input.OccurredAt = text;
        input.Order!.PlacedAt = text;
        input.Order.AutoCloseAt = text;

        var result = OrderEventValidator.Validate(input);

        Assert.Equal(["occurredAt", "order.autoCloseAt", "order.placedAt"], result.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("offset", Assert.Single(result.Errors["order.placedAt"]), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0001-01-01T00:00:00Z")]
    [InlineData("0001-01-01T00:00:00+01:00")]
    [InlineData("1600-12-31T23:59:59Z")]
    [InlineData("1999-12-31T23:59:59Z")]
    [InlineData("2000-01-01T00:59:59+01:00")]
    [InlineData("2100-01-01T00:00:00Z")]
    [InlineData("9999-12-31T23:59:59Z")]
    [InlineData("9999-12-31T23:59:59-01:00")]
    public void Validate_DateOutsideYears2000To2099_NamesTheField(string text)
    {
        var input = TestOrders.CreatedInput();
        input.OccurredAt = text;
        input.Order!.PlacedAt = text;
        input.Order.AutoCloseAt = text;

        var result = OrderEventValidator.Validate(input);

        Assert.Equal(["occurredAt", "order.autoCloseAt", "order.placedAt"], result.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("2000", Assert.Single(result.Errors["order.placedAt"]), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_AutoCloseAtWithoutPlacedAtOnLaterEvent_IsRangeChecked()
    {
        var input = TestOrders.Input(OrderEventTypes.Paid);
        input.Order!.AutoCloseAt = "9999-12-31T23:59:59Z";

        Assert.Equal(["order.autoCloseAt"], OrderEventValidator.Validate(input).Errors.Keys);
    }

    [Fact]
    public void Validate_SpoofingCharactersInCustomerFacingText_AreRemoved()
    {
        var input = TestOrders.CreatedInput();
        input.Order!.Customer!.Name = "Li\u202E Lei\u0000";
        input.Order.Customer.Phone = "\u200B138 0000 0000";
        input.Order.Customer.Email = "li@example.com\uFEFF";
        input.Order.Items![0].Title = "Hoo\u2066die\uFFFF";
        input.Order.Items[0].Sku = "HD\u200D-M";

        var facts = OrderEventValidator.Validate(input).Value!.Facts;

        Assert.Equal("Li Lei", facts.Customer!.Name);
        Assert.Equal("138 0000 0000", facts.Customer.Phone);
        Assert.Equal("li@example.com", facts.Customer.Email);
        Assert.Equal(new OrderItem("HD-M", "Hoodie", 1, 199.00m), Assert.Single(facts.Items!));
    }

    [Fact]
    public void Validate_ShipmentTextWithSpoofingCharacters_IsCleaned()
    {
        var input = TestOrders.Input(OrderEventTypes.Shipped);
        input.Order!.Shipment = new ShipmentInput { Carrier = "S\u202EF", TrackingNumber = "SF\u0007123" };

        var shipment = OrderEventValidator.Validate(input).Value!.Facts.Shipment!;

        Assert.Equal("SF", shipment.Carrier);
        Assert.Equal("SF123", shipment.TrackingNumber);
    }

    [Fact]
    public void Validate_TitleOfOnlySpoofingCharacters_NamesTheTitleAsMissing()
    {
        var input = TestOrders.CreatedInput();
        input.Order!.Items![0].Title = "\u202E\u200B";

        Assert.Equal(["order.items[0].title"], OrderEventValidator.Validate(input).Errors.Keys);
    }

    [Fact]
    public void Validate_PayUrlWithSpoofingCharacter_NamesPayUrl()
    {
        var input = TestOrders.CreatedInput();
        input.Order!.PayUrl = "https://shop.example/pay/\u202Efdp.exe";

        Assert.Equal(["order.payUrl"], OrderEventValidator.Validate(input).Errors.Keys);
    }

    [Theory]
    [InlineData("/pay/A1001")]
    [InlineData("shop.example/pay")]
    [InlineData("ftp://shop.example/pay")]
    [InlineData("javascript:alert(1)")]
    [InlineData("https://...")]
    public void Validate_PayUrlNotAbsoluteHttp_NamesPayUrl(string payUrl)
    {
        var input = TestOrders.CreatedInput();
        input.Order!.PayUrl = payUrl;

        Assert.Equal(["order.payUrl"], OrderEventValidator.Validate(input).Errors.Keys);
    }

    [Fact]
    public void Validate_NullItem_NamesItsIndex()
    {
        var input = TestOrders.CreatedInput();
        input.Order!.Items = [input.Order.Items![0], null!];

        Assert.Equal(["order.items[1]"], OrderEventValidator.Validate(input).Errors.Keys);
    }

    [Fact]
    public void Validate_TooManyItems_NamesItems()
    {
        var input = TestOrders.CreatedInput();
        input.Order!.Items = [.. Enumerable.Repeat(input.Order.Items![0], OrderEventValidator.MaxItems + 1)];

        Assert.Equal(["order.items"], OrderEventValidator.Validate(input).Errors.Keys);
    }

    [Fact]
    public void Validate_OverlongCustomerName_NamesIt()
    {
        var input = TestOrders.CreatedInput();
        input.Order!.Customer!.Name = new string('x', 201);

        Assert.Equal(["order.customer.name"], OrderEventValidator.Validate(input).Errors.Keys);
    }

    [Fact]
    public void Validate_LaterEventWithFacts_ValidatesThoseFacts()
    {
        var input = TestOrders.Input(OrderEventTypes.Paid);
        input.Order!.Total = -3m;
        input.Order.Customer = new CustomerInput { Name = "no id" };

        Assert.Equal(["order.customer.id", "order.total"], OrderEventValidator.Validate(input).Errors.Keys.Order(StringComparer.Ordinal));
    }
}
