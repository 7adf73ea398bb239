using Automation.Core.Orders;

namespace Automation.Core.Tests.Orders;

public class NonOrderEventValidatorTests
{
    [Fact]
    public void Validate_ShipmentException_NeedsNoOrderShipment_AndCarriesTheException()
    {
        var result = OrderEventValidator.Validate(new OrderEventInput
        {
            Id = "x-1",
            Type = OrderEventTypes.ShipmentException,
            Order = new OrderInput { Id = "A1" },
            Shipment = new ShipmentExceptionInput { Id = "s-1", Status = "returned_to_sender", Detail = "Refused at the door", At = "2026-11-29T10:00:00+08:00" },
        });

        Assert.True(result.IsValid, string.Join("; ", result.Errors.Keys));
        Assert.Equal(
            new ShipmentException("s-1", ShipmentExceptionStatus.ReturnedToSender, "Refused at the door", new DateTimeOffset(2026, 11, 29, 10, 0, 0, TimeSpan.FromHours(8))),
            result.Value.ShipmentException);
    }

    [Fact]
    public void Validate_ShipmentException_BadFields_AreEachNamed()
    {
        var result = OrderEventValidator.Validate(new OrderEventInput
        {
            Id = "x-1",
            Type = OrderEventTypes.ShipmentException,
            Order = new OrderInput { Id = "A1" },
            Shipment = new ShipmentExceptionInput { Id = "has space", Status = "Lost", At = "2026-11-29T10:00:00" },
        });

        Assert.Equal(["shipment.at", "shipment.id", "shipment.status"], result.Errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Validate_ATopLevelShipmentOnAnOrderEvent_IsRefused()
    {
        var result = OrderEventValidator.Validate(new OrderEventInput
        {
            Id = "p-1",
            Type = OrderEventTypes.Paid,
            Order = new OrderInput { Id = "A1" },
            Shipment = new ShipmentExceptionInput { Id = "s-1", Status = "lost" },
        });

        Assert.Equal(["shipment"], result.Errors.Keys);
    }

    [Fact]
    public void ValidateCustomerMessage_Valid_CleansTheText()
    {
        var result = OrderEventValidator.ValidateCustomerMessage(new OrderEventInput
        {
            Id = "m-1",
            Type = OrderEventTypes.CustomerMessage,
            Order = new OrderInput { Id = "A1" },
            Customer = new CustomerInput { Id = "c-1" },
            Message = new CustomerMessageInput { Id = "msg-1", Text = "袖口\u202E开线了", ReceivedAt = "2026-11-29T10:00:00Z" },
        });

        Assert.True(result.IsValid);
        Assert.Equal("袖口开线了", result.Value.Text);
        Assert.Equal(("A1", "c-1", "msg-1"), (result.Value.OrderId, result.Value.CustomerId, result.Value.MessageId));
    }

    [Fact]
    public void ValidateCustomerMessage_MissingParts_AreEachNamed()
    {
        var result = OrderEventValidator.ValidateCustomerMessage(new OrderEventInput { Id = "m-1", Type = OrderEventTypes.CustomerMessage });

        Assert.Equal(["customer.id", "message", "order.id"], result.Errors.Keys.Order(StringComparer.Ordinal));
    }
}
