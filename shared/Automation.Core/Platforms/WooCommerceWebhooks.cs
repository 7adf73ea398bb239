using System.Globalization;
using System.Net;
using System.Text.Json;
using Automation.Core.Cases;
using Automation.Core.Messaging;
using Automation.Core.Orders;
using Automation.Core.Time;

namespace Automation.Core.Platforms;

/// <summary>
/// One WooCommerce webhook delivery as received: its <c>X-WC-Webhook-Topic</c>, <c>-ID</c> and <c>-Delivery-ID</c>
/// headers and the exact body bytes. The two ids are kept for the endpoint's logs only: neither identifies the
/// delivery (the delivery id is a hash of the webhook id and the current second).
/// </summary>
public sealed record WooCommerceDelivery(string Topic, string? WebhookId, string? DeliveryId, ReadOnlyMemory<byte> Body);

/// <summary>
/// The WooCommerce adapter: a pure mapping from a webhook's topic and body (the REST v3 order, built when the delivery
/// is sent, not when the order changed) to the canonical events the product already applies. Like Shopify, every order
/// topic carries the order's whole current state, so the body becomes the events that state implies and the lifecycle
/// keeps what is new.
/// <list type="table">
/// <listheader><term>status</term><description>events</description></listheader>
/// <item><term>pending, on-hold, failed</term><description>order.created (unpaid: payment reminders apply)</description></item>
/// <item><term>processing</term><description>order.paid</description></item>
/// <item><term>completed, shipped, partial-shipped</term><description>order.paid, then order.shipped per Shipment
/// Tracking item with a number; none: paid only, with a <see cref="PlatformMapping.Note"/></description></item>
/// <item><term>delivered</term><description>as completed, then order.delivered</description></item>
/// <item><term>cancelled</term><description>order.cancelled</description></item>
/// <item><term>refunded</term><description>order.paid, then a refund_only case refunded and closed</description></item>
/// <item><term>checkout-draft, draft, auto-draft, trash</term><description>ignored: not an order a buyer placed (yet)</description></item>
/// <item><term>any other</term><description>order.paid or order.created by <c>needs_payment</c> (else <c>date_paid</c>), never refused</description></item>
/// </list>
/// <para>
/// Identity: WooCommerce does not retry and its delivery id is not unique, but an order's state is named by its id and
/// <c>date_modified_gmt</c>. So the delivery key is <c>order:{id}@{modified}</c> and each event id
/// <c>woocommerce:{id}:{modified}:{what}</c>: the same state delivered twice, or by both <c>order.created</c> and
/// <c>order.updated</c>, is dropped by the order's own atomic duplicate check.
/// </para>
/// </summary>
public static class WooCommerceWebhooks
{
    public static IReadOnlyList<string> OrderTopics { get; } = ["order.created", "order.updated", "order.restored"];

    /// <summary>The Shipment Tracking extension's order meta (Advanced Shipment Tracking uses the same key).</summary>
    public const string TrackingMetaKey = "_wc_shipment_tracking_items";

    private static readonly HashSet<string> Unpaid = new(StringComparer.Ordinal) { "pending", "on-hold", "failed" };

    // checkout-draft is the block checkout's cart in progress; WooCommerce filters draft and auto-draft itself, but an
    // old or patched site may not, and trash is what order.deleted means.
    private static readonly HashSet<string> NotPlaced = new(StringComparer.Ordinal) { "checkout-draft", "draft", "auto-draft", "trash" };

    // completed is WooCommerce's "shipped"; shipped, partial-shipped and delivered are tracking extensions' statuses.
    private static readonly HashSet<string> Shipping = new(StringComparer.Ordinal) { "completed", "shipped", "partial-shipped", "delivered" };

    public static PlatformMapping Map(WooCommerceDelivery delivery)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        var topic = delivery.Topic.Trim().ToLowerInvariant();
        var bodyKey = "body:" + PlatformJson.BodyHash(topic, delivery.Body.Span);

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(delivery.Body);
        }
        catch (JsonException)
        {
            return Failed(topic, bodyKey, "body", "The body is not JSON.");
        }

        using (document)
        {
            var body = document.RootElement;
            if (body.ValueKind != JsonValueKind.Object)
            {
                return Failed(topic, bodyKey, "body", "The body is not a JSON object.");
            }

            if (OrderTopics.Contains(topic))
            {
                return MapOrder(body, topic, bodyKey);
            }

            if (topic == "order.deleted" && body.Id("id") is { } deletedId)
            {
                // Trashed, or deleted for good: a trashed order can come back (order.restored), so its record stays as it was.
                return new PlatformMapping
                {
                    Topic = topic,
                    DeliveryKey = bodyKey,
                    OrderId = deletedId,
                    PlatformIds = new Dictionary<string, string>(StringComparer.Ordinal) { ["order"] = deletedId },
                    Ignored = $"Order {deletedId} was moved to the trash or deleted in WooCommerce; its record here stays as it was.",
                };
            }

            return new PlatformMapping { Topic = topic, DeliveryKey = bodyKey, Ignored = $"Topic '{topic}' is not one the product acts on." };
        }
    }

    /// <summary>
    /// Whether a body is the ping WooCommerce sends when a webhook is created or activated: exactly
    /// <c>webhook_id=&lt;digits&gt;</c>, form-style and unsigned, to be answered with exactly 200. A JSON content type
    /// means a real delivery, never a ping.
    /// </summary>
    public static bool IsPing(ReadOnlySpan<byte> body, string? contentType)
    {
        if (contentType is not null && contentType.Contains("json", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var prefix = "webhook_id="u8;
        if (!body.StartsWith(prefix))
        {
            return false;
        }

        var digits = body[prefix.Length..];
        foreach (var b in digits)
        {
            if (b is < (byte)'0' or > (byte)'9')
            {
                return false;
            }
        }

        // Webhook ids are database ids: at most 20 digits.
        return digits.Length is > 0 and <= 20;
    }

    private static PlatformMapping MapOrder(JsonElement order, string topic, string bodyKey)
    {
        var errors = new ValidationErrors();
        var orderId = RequireId(order, "id", errors);
        var status = Status(order, errors);
        var modified = GmtTime(order, "date_modified_gmt", errors);
        if (errors.Any)
        {
            return Failed(topic, bodyKey, errors);
        }

        // A body without its modification time (never seen from WooCommerce itself) still maps the same every time.
        var stamp = modified is { } m ? m.Compact : bodyKey["body:".Length..];
        var context = new Context(topic, orderId!, stamp, $"order:{PlatformJson.IdPart(orderId!)}@{stamp}", modified?.Text, order.Id("number"));
        if (NotPlaced.Contains(status!))
        {
            return context.Ignore($"Order {orderId} is '{status}': not an order the buyer placed, or one in the trash.");
        }

        var total = order.Money("total", out var totalValid);
        if (!totalValid)
        {
            errors.Add("total", "The total is not a decimal amount like \"29.35\".");
        }
        else if (total < 0)
        {
            errors.Add("total", "The total must not be negative.");
        }

        var currency = order.Text("currency")?.Trim();
        if (currency is not null && (currency.Length != 3 || !currency.All(char.IsAsciiLetter)))
        {
            errors.Add("currency", $"'{currency}' is not a 3-letter currency code like \"USD\".");
        }

        var placed = GmtTime(order, "date_created_gmt", errors);
        var type = status switch
        {
            _ when Unpaid.Contains(status!) => OrderEventTypes.Created,
            "cancelled" => OrderEventTypes.Cancelled,
            "processing" or "refunded" => OrderEventTypes.Paid,
            _ when Shipping.Contains(status!) => OrderEventTypes.Paid,
            _ => PaidOrUnpaid(order),
        };

        // An unpaid order starts payment reminders, which need the whole order.
        if (type == OrderEventTypes.Created)
        {
            RequireForUnpaid(order, "date_created_gmt", placed is not null, errors);
            RequireForUnpaid(order, "total", total is not null, errors);
            RequireForUnpaid(order, "currency", currency is not null, errors);
        }

        if (errors.Any)
        {
            return Failed(topic, context.DeliveryKey, errors);
        }

        var events = new List<OrderEventInput>
        {
            new()
            {
                Id = context.EventId("order"),
                Type = type,
                OccurredAt = context.OccurredAt,
                Order = new OrderInput
                {
                    Id = orderId,
                    PlacedAt = placed?.Text,
                    Total = total,
                    Currency = currency,
                    PayUrl = Url(order.Text("payment_url")),
                    Customer = Customer(order, orderId!),
                    Items = Items(order),
                },
            },
        };

        string? note = null;
        if (Shipping.Contains(status!))
        {
            var shipped = Shipments(order, context).ToList();
            events.AddRange(shipped);
            if (shipped.Count == 0)
            {
                note = $"Order {orderId} is '{status}' without a tracking number (Shipment Tracking): recorded as paid; no shipping notice is sent until one is added.";
            }
        }

        if (status == "delivered")
        {
            events.Add(new OrderEventInput
            {
                Id = context.EventId("delivered"),
                Type = OrderEventTypes.Delivered,
                OccurredAt = context.OccurredAt,
                Order = new OrderInput { Id = orderId },
            });
        }

        if (status == "refunded")
        {
            events.AddRange(Refund(order, context, currency));
        }

        return context.Mapped(events, note);
    }

    /// <summary>
    /// A status nobody told us about (an extension's) is read from WooCommerce's own payment facts, never refused:
    /// <c>needs_payment</c> is WooCommerce's answer for this order; an API version without it leaves <c>date_paid</c>.
    /// When both are silent the order counts as paid: a wrong "paid" only skips payment reminders, a wrong "unpaid" would
    /// send them to a buyer who paid (or pays on delivery or pickup).
    /// </summary>
    private static string PaidOrUnpaid(JsonElement order) => order.Property("needs_payment")?.ValueKind switch
    {
        JsonValueKind.True => OrderEventTypes.Created,
        JsonValueKind.False => OrderEventTypes.Paid,
        _ when order.Text("date_paid_gmt") is not null || order.Text("date_paid") is not null => OrderEventTypes.Paid,

        // date_paid is null until the order is paid.
        _ when order.TryGetProperty("date_paid_gmt", out _) || order.TryGetProperty("date_paid", out _) => OrderEventTypes.Created,
        _ => OrderEventTypes.Paid,
    };

    /// <summary>One order.shipped per Shipment Tracking item with a tracking number (several parcels are several items).</summary>
    private static IEnumerable<OrderEventInput> Shipments(JsonElement order, Context context)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in TrackingItems(order))
        {
            if (Clean(Scalar(item, "tracking_number"), 128) is not { } number)
            {
                continue;
            }

            var trackingId = Clean(Scalar(item, "tracking_id"), 128);
            var eventId = context.EventId("shipped." + PlatformJson.IdPart(trackingId ?? number));
            if (!seen.Add(eventId))
            {
                continue;
            }

            yield return new OrderEventInput
            {
                Id = eventId,
                Type = OrderEventTypes.Shipped,
                OccurredAt = UnixTime(item, "date_shipped") ?? context.OccurredAt,
                Order = new OrderInput
                {
                    Id = context.OrderId,
                    Shipment = new ShipmentInput
                    {
                        Id = trackingId,
                        // The slug of a predefined provider ("usps") or the shop's own name for it; neither: the carrier
                        // table cannot help, but the tracking link (when given) still can.
                        Carrier = Clean(item.Text("tracking_provider"), 100) ?? Clean(item.Text("custom_tracking_provider"), 100) ?? "other",
                        TrackingNumber = number,
                        TrackingUrl = Url(item.Text("custom_tracking_link")),
                    },
                },
            };
        }
    }

    /// <summary>
    /// The tracking meta's value is the PHP array the extension stored: a JSON array, or an object keyed by index when
    /// an item was removed from the middle.
    /// </summary>
    private static IEnumerable<JsonElement> TrackingItems(JsonElement order) =>
        order.Array("meta_data")
            .Where(meta => meta.Text("key") == TrackingMetaKey)
            .SelectMany(meta => meta.Property("value") switch
            {
                { ValueKind: JsonValueKind.Array } list => list.EnumerateArray().ToList(),
                { ValueKind: JsonValueKind.Object } single when single.Property("tracking_number") is not null => [single],
                { ValueKind: JsonValueKind.Object } byIndex => byIndex.EnumerateObject().Select(p => p.Value).ToList(),
                _ => [],
            })
            .Where(item => item.ValueKind == JsonValueKind.Object);

    /// <summary>
    /// A refunded order (fully, by WooCommerce's definition) is a refund-only case, refunded and closed at once, so the
    /// report counts the money that went back; as in the Shopify adapter. The amount is what <c>refunds[]</c> lists
    /// (negative totals in the REST body); without it none is guessed.
    /// </summary>
    private static IEnumerable<OrderEventInput> Refund(JsonElement order, Context context, string? currency)
    {
        var amount = 0m;
        var reasons = new List<string>();
        foreach (var refund in order.Array("refunds"))
        {
            if (refund.Money("total", out _) is { } part)
            {
                amount += Math.Abs(part);
            }

            if (refund.Text("reason") is { } reason && !reasons.Contains(reason, StringComparer.Ordinal))
            {
                reasons.Add(reason);
            }
        }

        var caseId = "woocommerce-refund-" + PlatformJson.IdPart(context.OrderId);
        var refunded = new CaseInput
        {
            Id = caseId,
            OrderId = context.OrderId,
            Kind = "refund_only",
            Status = "refunded",
            Amount = amount > 0 ? amount : null,
            Currency = amount > 0 ? currency : null,
            ReasonText = reasons.Count > 0 ? string.Join("; ", reasons) : null,
        };
        yield return new OrderEventInput { Id = context.EventId("refunded"), Type = CaseEventTypes.Updated, OccurredAt = context.OccurredAt, Case = refunded };
        yield return new OrderEventInput
        {
            Id = context.EventId("closed"),
            Type = CaseEventTypes.Closed,
            OccurredAt = context.OccurredAt,
            Case = new CaseInput
            {
                Id = caseId,
                OrderId = context.OrderId,
                Kind = refunded.Kind,
                Status = "closed",
                Amount = refunded.Amount,
                Currency = refunded.Currency,
                ReasonText = refunded.ReasonText,
            },
        };
    }

    private static CustomerInput Customer(JsonElement order, string orderId)
    {
        var billing = order.Property("billing");
        var name = string.Join(' ', new[] { billing?.Text("first_name"), billing?.Text("last_name") }.Select(n => Clean(n, 200)).OfType<string>());
        var customerId = order.Id("customer_id") is { } id && id != "0" ? Clean(id, 128) : null;
        return new CustomerInput
        {
            // customer_id 0 is a guest checkout: the order stands in for the buyer, so the contact budget still holds.
            Id = customerId ?? "guest-" + PlatformJson.IdPart(orderId),
            Name = Clean(name, 200),
            // Billing fields are free text in WooCommerce: one beyond the product's bounds is unusable, not a lost order.
            Email = Fits(Clean(billing?.Text("email"), int.MaxValue), 254),
            Phone = Fits(Clean(billing?.Text("phone"), int.MaxValue), 32),
            Locale = Locale(order),
        };
    }

    /// <summary>
    /// WooCommerce keeps no buyer language, so the shop's is used; a multilingual plugin's order meta (WPML's
    /// <c>wpml_language</c>, a <c>_locale</c> like "de_DE") gives the buyer's when it reads as a language tag.
    /// </summary>
    private static string? Locale(JsonElement order) =>
        order.Array("meta_data")
            .Where(meta => meta.Text("key") is "wpml_language" or "_locale")
            .Select(meta => meta.Text("value")?.Trim().Replace('_', '-'))
            .FirstOrDefault(Locales.IsValid);

    private static List<OrderItemInput>? Items(JsonElement order)
    {
        var items = order.Array("line_items")
            .Where(line => line.Int("quantity") is > 0)
            .Take(OrderEventValidator.MaxItems)
            .Select(line => new OrderItemInput
            {
                Sku = Clean(line.Text("sku"), 128),
                // Product names reach the body with their HTML entities ("Ship Your Idea &ndash; Color: Black").
                Title = Clean(line.Text("name") is { } name ? WebUtility.HtmlDecode(name) : null, OrderEventValidator.MaxTextLength) ?? "item",
                Quantity = line.Int("quantity"),
                Price = UnitPrice(line, line.Int("quantity")!.Value),
            })
            .ToList();
        return items.Count > 0 ? items : null;
    }

    /// <summary>
    /// WooCommerce's <c>price</c> is the line total divided by the quantity as a PHP float (10.00 / 3 is
    /// 3.3333333333333335): rounded to the decimals of the line's own <c>total</c> string, the shop's precision.
    /// </summary>
    private static decimal UnitPrice(JsonElement line, int quantity)
    {
        var total = line.Money("total", out _);
        var price = line.Money("price", out _) ?? total / quantity;
        if (price is not { } unit)
        {
            return 0m;
        }

        var decimals = total?.Scale ?? 2;
        return Math.Max(0m, unit.Scale > decimals ? Math.Round(unit, decimals, MidpointRounding.AwayFromZero) : unit);
    }

    private static string? Status(JsonElement order, ValidationErrors errors)
    {
        if (order.Text("status") is not { } text || text.Trim().Length == 0)
        {
            errors.Add("status", order.Property("status") is null ? "Required." : "Not a status (text like \"processing\").");
            return null;
        }

        // The REST body leaves out the "wc-" prefix statuses carry in the database; a plugin may not.
        var status = text.Trim().ToLowerInvariant();
        return status.StartsWith("wc-", StringComparison.Ordinal) ? status[3..] : status;
    }

    /// <summary>
    /// A <c>*_gmt</c> date: WooCommerce sends UTC without an offset ("2017-03-22T19:28:08"), so "Z" is added; one that
    /// already has an offset is kept. The site-time fields (<c>date_created</c>) are never read: their zone is unknown.
    /// </summary>
    private static GmtDate? GmtTime(JsonElement order, string name, ValidationErrors errors)
    {
        if (order.Property(name) is not { } value)
        {
            return null;
        }

        var text = value.ValueKind == JsonValueKind.String ? value.GetString()!.Trim() : null;
        if (text is not null)
        {
            foreach (var candidate in new[] { text + "Z", text })
            {
                if (DateInput.Parse(candidate, out _) is { } at)
                {
                    return new GmtDate(candidate, at.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture));
                }
            }
        }

        errors.Add(name, "Not a UTC date and time like \"2017-03-22T19:28:08\" from the years 2000 to 2099.");
        return null;
    }

    /// <summary>Shipment Tracking's <c>date_shipped</c>: Unix seconds, as a number or (PHP's sanitising) a digit string.</summary>
    private static string? UnixTime(JsonElement item, string name)
    {
        if (Scalar(item, name) is not { } text || !long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || seconds < DateInput.Earliest.ToUnixTimeSeconds() || seconds >= DateInput.Latest.ToUnixTimeSeconds())
        {
            return null;
        }

        return DateTimeOffset.FromUnixTimeSeconds(seconds).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
    }

    private static void RequireForUnpaid(JsonElement order, string name, bool present, ValidationErrors errors)
    {
        if (!present && !errors.Has(name))
        {
            errors.Add(name, $"Required for an unpaid order ('{order.Text("status")}'): payment reminders need it.");
        }
    }

    private static string? RequireId(JsonElement element, string name, ValidationErrors errors)
    {
        var id = element.Id(name);
        if (id is null)
        {
            errors.Add(name, element.Property(name) is null ? "Required." : "Not an id (a whole number).");
        }
        else if (!OrderEventValidator.IsValidId(id))
        {
            errors.Add(name, $"'{id}' cannot be used as an id here.");
            return null;
        }

        return id;
    }

    /// <summary>A string or a number's text (meta values are whatever a plugin stored).</summary>
    private static string? Scalar(JsonElement element, string name) => element.Property(name) switch
    {
        { ValueKind: JsonValueKind.String } text => text.GetString(),
        { ValueKind: JsonValueKind.Number } number => number.GetRawText(),
        _ => null,
    };

    /// <summary>Text as the validators will read it (cleaned for customers, trimmed), cut to <paramref name="max"/>; null when nothing is left.</summary>
    private static string? Clean(string? text, int max)
    {
        var cleaned = text is null ? null : CustomerText.Clean(text).Trim();
        return string.IsNullOrEmpty(cleaned) ? null : cleaned.Length <= max ? cleaned : cleaned[..(max - 1)].TrimEnd() + "…";
    }

    private static string? Fits(string? text, int max) => text is { Length: var length } && length <= max ? text : null;

    /// <summary>A link the validators accept (absolute http or https, no characters that spoof), or none: a bad link never loses an order.</summary>
    private static string? Url(string? text)
    {
        var scratch = new ValidationErrors();
        var url = InputFields.OptionalUrl(text?.Trim() is { Length: > 0 } trimmed ? trimmed : null, "url", scratch);
        return scratch.Any ? null : url;
    }

    private static PlatformMapping Failed(string topic, string deliveryKey, string field, string problem)
    {
        var errors = new ValidationErrors();
        errors.Add(field, problem);
        return Failed(topic, deliveryKey, errors);
    }

    private static PlatformMapping Failed(string topic, string deliveryKey, ValidationErrors errors) =>
        new() { Topic = topic, DeliveryKey = deliveryKey, Errors = errors.ToFailure<object>().Errors };

    private sealed record GmtDate(string Text, string Compact);

    private sealed record Context(string Topic, string OrderId, string Stamp, string DeliveryKey, string? OccurredAt, string? Number)
    {
        private const string Prefix = "woocommerce:";

        /// <summary><c>woocommerce:{id}:{modified}:{what}</c>; an absurdly long order id makes it a hash of itself, still the same every time.</summary>
        public string EventId(string what)
        {
            var id = $"{Prefix}{PlatformJson.IdPart(OrderId)}:{Stamp}:{what}";
            return OrderEventValidator.IsValidId(id) ? id : Prefix + PlatformJson.IdPart(id);
        }

        public PlatformMapping Mapped(IReadOnlyList<OrderEventInput> events, string? note) =>
            new() { Topic = Topic, DeliveryKey = DeliveryKey, OrderId = OrderId, Events = events, Note = note, PlatformIds = Ids() };

        public PlatformMapping Ignore(string why) =>
            new() { Topic = Topic, DeliveryKey = DeliveryKey, OrderId = OrderId, Ignored = why, PlatformIds = Ids() };

        private Dictionary<string, string> Ids()
        {
            var ids = new Dictionary<string, string>(StringComparer.Ordinal) { ["order"] = OrderId };
            if (Number is not null)
            {
                ids["number"] = Number;
            }

            return ids;
        }
    }
}
