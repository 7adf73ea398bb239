using System.Collections.Frozen;

namespace Automation.Core.Messaging;

/// <summary>
/// The subject line of each kind of message where a channel has one (an email), in zh-CN and en. Built in, not a
/// shop template: a subject only names the shop, the order and what the message is about; the message says the rest.
/// </summary>
public static class MessageSubjects
{
    private static readonly FrozenDictionary<string, IReadOnlyDictionary<string, string>> Subjects =
        new Dictionary<string, IReadOnlyDictionary<string, string>>
        {
            [MessageKinds.PaymentReminder] = new Dictionary<string, string>
            {
                ["zh-CN"] = "{shopName}：您的订单{orderId}还未付款",
                ["en"] = "{shopName}: your order {orderId} is waiting for payment",
            },
            [MessageKinds.ShippingNotice] = new Dictionary<string, string>
            {
                ["zh-CN"] = "{shopName}：您的订单{orderId}已发货",
                ["en"] = "{shopName}: your order {orderId} has shipped",
            },
            [MessageKinds.FollowUp] = new Dictionary<string, string>
            {
                ["zh-CN"] = "{shopName}：订单{orderId}用得还好吗？",
                ["en"] = "{shopName}: how is your order {orderId}?",
            },
            [MessageKinds.ReviewReply] = new Dictionary<string, string>
            {
                ["zh-CN"] = "{shopName}回复了您的评价",
                ["en"] = "{shopName} replied to your review",
            },
        }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>
    /// The subject for a message of <paramref name="kind"/> in <paramref name="locale"/> (the message's own locale, then
    /// its language, then English); just the shop's name for a kind without one.
    /// </summary>
    public static string For(string kind, string? locale, string shopName, string orderId)
    {
        ArgumentNullException.ThrowIfNull(kind);
        if (!Subjects.TryGetValue(kind, out var byLocale))
        {
            return shopName;
        }

        var text = MessageTemplates.LocaleChain(locale, Locales.English)
            .Select(wanted => MessageTemplates.Find(byLocale, wanted))
            .First(found => found is not null)!.Value.Value;
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [MessagePlaceholders.ShopName] = shopName,
            [MessagePlaceholders.OrderId] = orderId,
        };
        return TemplateText.TryParse(text, out _)!.Render(values);
    }
}
