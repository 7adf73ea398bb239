using Automation.Core.Messaging;
using Automation.Core.Orders;

namespace Automation.Core.Tests.Messaging;

public class MessageIdsTests
{
    [Fact]
    public void For_SameInputs_GivesTheSameId()
    {
        Assert.Equal("demo-shop:A1001:payment_reminder:2", MessageIds.For("demo-shop", "A1001", MessageKinds.PaymentReminder, 2));
        Assert.Equal(MessageIds.For("demo-shop", "A1001", "payment_reminder", 1), MessageIds.For("demo-shop", "A1001", "payment_reminder", 1));
    }

    [Fact]
    public void For_DifferentStepsOrOrders_GiveDifferentIds()
    {
        var ids = new[]
        {
            MessageIds.For("demo-shop", "A1001", "payment_reminder", 1),
            MessageIds.For("demo-shop", "A1001", "payment_reminder", 2),
            MessageIds.For("demo-shop", "A1002", "payment_reminder", 1),
            MessageIds.For("demo-shop2", "A1001", "payment_reminder", 1),
        };

        Assert.Equal(ids.Length, ids.Distinct().Count());
    }

    [Fact]
    public void For_OrderIdWithColons_StaysUnambiguous()
    {
        // Order ids may contain ':'; shop ids and kinds cannot, so the first and the last two parts are unambiguous.
        Assert.Equal("abc:x:1:payment_reminder:1", MessageIds.For("abc", "x:1", MessageKinds.PaymentReminder, 1));
        Assert.Throws<ArgumentException>(() => MessageIds.For("abc:x", "1", MessageKinds.PaymentReminder, 1));
        Assert.Throws<ArgumentException>(() => MessageIds.For("abc", "x", "payment:reminder", 1));
    }

    [Theory]
    [InlineData("", "A1001", "payment_reminder", 1)]
    [InlineData("demo-shop", "", "payment_reminder", 1)]
    [InlineData("demo-shop", "A1001", "", 1)]
    [InlineData("demo-shop", "A1001", "payment_reminder", 0)]
    public void For_MissingPart_Throws(string shopId, string orderId, string kind, int step)
    {
        Assert.ThrowsAny<ArgumentException>(() => MessageIds.For(shopId, orderId, kind, step));
    }

    [Theory]
    [InlineData(OrderStatus.Paid, "order_paid")]
    [InlineData(OrderStatus.Shipped, "order_shipped")]
    [InlineData(OrderStatus.Delivered, "order_delivered")]
    [InlineData(OrderStatus.Completed, "order_completed")]
    [InlineData(OrderStatus.Cancelled, "order_cancelled")]
    [InlineData(OrderStatus.Closed, "order_closed")]
    public void SkipReasonsForStatus_EachStatus_HasStableCode(OrderStatus status, string expected)
    {
        Assert.Equal(expected, SkipReasons.ForStatus(status));
    }

    [Fact]
    public void PlannedMessage_DueOrSkipped_HasExactlyOneOfDueAtAndReason()
    {
        var due = PlannedMessage.Due(MessageKinds.PaymentReminder, 1, DateTimeOffset.UnixEpoch);
        var skipped = PlannedMessage.Skipped(MessageKinds.PaymentReminder, 2, SkipReasons.StepOverCap);

        Assert.Equal((DateTimeOffset.UnixEpoch, (string?)null, false), (due.DueAt!.Value, due.SkipReason, due.IsSkipped));
        Assert.Equal(((DateTimeOffset?)null, SkipReasons.StepOverCap, true), (skipped.DueAt, skipped.SkipReason, skipped.IsSkipped));
    }
}
