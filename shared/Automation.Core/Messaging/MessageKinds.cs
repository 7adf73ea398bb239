namespace Automation.Core.Messaging;

/// <summary>The kinds of outgoing messages; each has its placeholders and built-in templates in <see cref="MessageTemplates"/>.</summary>
public static class MessageKinds
{
    public const string PaymentReminder = "payment_reminder";
    public const string ShippingNotice = "shipping_notice";
    public const string FollowUp = "follow_up";

    /// <summary>A public reply under a buyer's review (prepared text, see <see cref="PreparedMessage"/>).</summary>
    public const string ReviewReply = "review_reply";

    /// <summary>Not a message: the check that opens a task when a shipped order is never confirmed delivered.</summary>
    public const string DeliveryCheck = "delivery_check";
}
