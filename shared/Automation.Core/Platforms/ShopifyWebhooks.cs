using System.Text.Json;
using System.Text.RegularExpressions;
using Automation.Core.Cases;
using Automation.Core.Orders;
using Automation.Core.Time;

namespace Automation.Core.Platforms;

/// <summary>One Shopify webhook delivery as received: its headers' facts and the exact body bytes.</summary>
public sealed record ShopifyDelivery(string Topic, string? EventId, string? WebhookId, string? TriggeredAt, ReadOnlyMemory<byte> Body);

/// <summary>
/// The Shopify adapter: a pure mapping from a webhook's topic and REST body to the canonical events the product
/// already applies (<see cref="OrderEventInput"/>, <see cref="CaseInput"/>). Shopify sends an order's whole current
/// state with every order topic, so an order body becomes the events that state implies (placed, paid, cancelled,
/// each fulfillment shipped or delivered) and the lifecycle keeps what is new: nothing moves backwards and nothing is
/// planned twice.
/// <para>
/// Identity: each canonical event id is <c>shopify:{X-Shopify-Event-Id}:{topic}:{what}</c>, so a delivery repeated
/// under the same event id and topic is dropped by the order's own atomic duplicate check; the delivery key
/// (<c>X-Shopify-Webhook-Id</c>) drops a repeated delivery before any work.
/// </para>
/// </summary>
public static partial class ShopifyWebhooks
{
    /// <summary>Shopify's <c>financial_status</c> values that mean the buyer has not (fully) paid.</summary>
    private static readonly HashSet<string> Unpaid = new(StringComparer.Ordinal) { "pending", "authorized", "partially_paid", "expired" };

    private static readonly HashSet<string> Paid = new(StringComparer.Ordinal) { "paid", "partially_refunded", "refunded" };

    public static IReadOnlyList<string> OrderTopics { get; } =
        ["orders/create", "orders/updated", "orders/paid", "orders/cancelled", "orders/fulfilled", "orders/partially_fulfilled"];

    public static IReadOnlyList<string> ReturnTopics { get; } =
        ["returns/request", "returns/approve", "returns/decline", "returns/cancel", "returns/close", "returns/reopen", "returns/process"];

    private static readonly HashSet<string> OtherTopics = new(StringComparer.Ordinal)
    {
        "fulfillments/create", "fulfillments/update", "fulfillment_events/create", "refunds/create", "disputes/create", "disputes/update",
        "customers/redact", "customers/data_request", "shop/redact",
    };

    // Shopify's event and webhook ids are UUIDs (36 characters) and its resource ids at most 20 digits; longer header
    // or body text is hashed, so the longest event id (an attempted delivery on orders/partially_fulfilled) stays
    // within the id rules' 128 characters.
    private const int MaxHeaderIdPart = 40;
    private const int MaxFulfillmentIdPart = 32;

    public static PlatformMapping Map(ShopifyDelivery delivery)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        var topic = delivery.Topic.Trim().ToLowerInvariant();

        // A blank header is no identity: shared by every delivery, it would make each later update of an order a duplicate.
        var eventId = Header(delivery.EventId);
        var webhookId = Header(delivery.WebhookId);
        var identity = eventId ?? webhookId ?? PlatformJson.BodyHash(topic, delivery.Body.Span);
        var context = new Context(
            topic,
            $"shopify:{PlatformJson.IdPart(identity, MaxHeaderIdPart)}:{PlatformJson.IdPart(topic)}",
            webhookId is not null
                ? "webhook:" + PlatformJson.IdPart(webhookId, MaxHeaderIdPart)
                : "event:" + PlatformJson.IdPart(identity, MaxHeaderIdPart) + ":" + PlatformJson.IdPart(topic),
            TriggeredAtOf(delivery.TriggeredAt));

        if (!OrderTopics.Contains(topic) && !ReturnTopics.Contains(topic) && !OtherTopics.Contains(topic))
        {
            // Before the body is read: a topic the product does not act on is acknowledged whatever it carries, never retried.
            return NotActedOn(context);
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(delivery.Body);
        }
        catch (JsonException)
        {
            return context.Failed("body", "The body is not JSON.");
        }

        using (document)
        {
            var body = document.RootElement;
            if (body.ValueKind != JsonValueKind.Object)
            {
                return context.Failed("body", "The body is not a JSON object.");
            }

            return topic switch
            {
                _ when OrderTopics.Contains(topic) => MapOrder(body, context),
                "fulfillments/create" or "fulfillments/update" => MapFulfillment(body, context),
                "fulfillment_events/create" => MapFulfillmentEvent(body, context),
                "refunds/create" => MapRefund(body, context),
                _ when ReturnTopics.Contains(topic) => MapReturn(body, context),
                "disputes/create" or "disputes/update" => MapDispute(body, context),
                "customers/redact" => MapCompliance(body, context, ComplianceKind.CustomerRedact),
                "customers/data_request" => MapCompliance(body, context, ComplianceKind.CustomerDataRequest),
                "shop/redact" => MapCompliance(body, context, ComplianceKind.ShopRedact),
                _ => NotActedOn(context),
            };
        }
    }

    private static PlatformMapping NotActedOn(Context context) => context.Ignore($"Topic '{context.Topic}' is not one the product acts on.");

    private static PlatformMapping MapOrder(JsonElement order, Context context)
    {
        var errors = new ValidationErrors();
        var orderId = RequireId(order, "id", errors);
        var financialStatus = order.Text("financial_status");
        if (financialStatus is not null && !Unpaid.Contains(financialStatus) && !Paid.Contains(financialStatus) && financialStatus != "voided")
        {
            errors.Add("financial_status", $"Unknown financial status '{financialStatus}'; expected one of pending, authorized, partially_paid, paid, partially_refunded, refunded, voided, expired.");
        }

        var total = order.Money("total_price", out var totalValid);
        if (!totalValid)
        {
            errors.Add("total_price", "The total is not a decimal amount like \"199.00\".");
        }

        if (errors.Any)
        {
            return context.Failed(errors);
        }

        // orders/paid is sent for a paid order; an older API version may leave the status out of it.
        financialStatus ??= context.Topic == "orders/paid" ? "paid" : "pending";
        var type = order.Text("cancelled_at") is not null ? OrderEventTypes.Cancelled
            : Paid.Contains(financialStatus) ? OrderEventTypes.Paid
            : financialStatus == "voided" ? OrderEventTypes.Closed
            : OrderEventTypes.Created;

        var events = new List<OrderEventInput>
        {
            new()
            {
                Id = context.EventId("order"),
                Type = type,
                OccurredAt = order.Text("updated_at") ?? context.TriggeredAt ?? order.Text("created_at"),
                Order = new OrderInput
                {
                    Id = orderId,
                    PlacedAt = order.Text("created_at"),
                    Total = total,
                    Currency = order.Text("currency"),
                    PayUrl = order.Text("order_status_url"),
                    Customer = Customer(order, orderId!),
                    Items = Items(order),
                },
            },
        };

        foreach (var fulfillment in order.Array("fulfillments"))
        {
            events.AddRange(FulfillmentEvents(fulfillment, orderId!, context));
        }

        return context.Mapped(orderId!, events, ("order", orderId!));
    }

    private static PlatformMapping MapFulfillment(JsonElement fulfillment, Context context)
    {
        var errors = new ValidationErrors();
        var orderId = RequireId(fulfillment, "order_id", errors);
        var fulfillmentId = RequireId(fulfillment, "id", errors);
        if (errors.Any)
        {
            return context.Failed(errors);
        }

        var events = FulfillmentEvents(fulfillment, orderId!, context).ToList();
        return events.Count == 0
            ? context.Ignore($"Fulfillment {fulfillmentId} ({fulfillment.Text("status") ?? "no status"}) has no tracking number and no delivery news yet.", orderId, ("order", orderId!), ("fulfillment", fulfillmentId!))
            : context.Mapped(orderId!, events, ("order", orderId!), ("fulfillment", fulfillmentId!));
    }

    /// <summary>
    /// A fulfillment that went out with a tracking number is a shipment (with its notice); its latest carrier news
    /// (<c>shipment_status</c>) may add delivered or a problem. Pending, open, cancelled or failed fulfillments ship nothing.
    /// </summary>
    private static IEnumerable<OrderEventInput> FulfillmentEvents(JsonElement fulfillment, string orderId, Context context)
    {
        if (fulfillment.Id("id") is not { } fulfillmentId || fulfillment.Text("status") is not ("success" or null))
        {
            yield break;
        }

        var trackingNumber = fulfillment.Text("tracking_number") ?? FirstText(fulfillment, "tracking_numbers");
        var at = fulfillment.Text("updated_at") ?? fulfillment.Text("created_at") ?? context.TriggeredAt;
        if (trackingNumber is not null)
        {
            yield return new OrderEventInput
            {
                Id = context.EventId("shipped." + PlatformJson.IdPart(fulfillmentId, MaxFulfillmentIdPart)),
                Type = OrderEventTypes.Shipped,
                OccurredAt = fulfillment.Text("created_at") ?? at,
                Order = new OrderInput
                {
                    Id = orderId,
                    Shipment = new ShipmentInput
                    {
                        Id = fulfillmentId,
                        // Without a company the carrier table cannot help; the tracking page (when given) still can.
                        Carrier = fulfillment.Text("tracking_company") ?? "other",
                        TrackingNumber = trackingNumber,
                        TrackingUrl = fulfillment.Text("tracking_url") ?? FirstText(fulfillment, "tracking_urls"),
                    },
                },
            };
        }

        if (CarrierNews(fulfillment.Text("shipment_status"), orderId, fulfillmentId, at, context) is { } news)
        {
            yield return news;
        }
    }

    private static PlatformMapping MapFulfillmentEvent(JsonElement scan, Context context)
    {
        var errors = new ValidationErrors();
        var orderId = RequireId(scan, "order_id", errors);
        var fulfillmentId = RequireId(scan, "fulfillment_id", errors);
        if (errors.Any)
        {
            return context.Failed(errors);
        }

        var status = scan.Text("status");
        var ids = new[] { ("order", orderId!), ("fulfillment", fulfillmentId!), ("fulfillment_event", scan.Id("id") ?? "") };
        return CarrierNews(status, orderId!, fulfillmentId!, scan.Text("happened_at") ?? scan.Text("created_at") ?? context.TriggeredAt, context) is { } news
            ? context.Mapped(orderId!, [news], ids)
            : context.Ignore($"Carrier status '{status ?? "none"}' needs no action.", orderId, ids);
    }

    /// <summary>delivered (or picked_up) marks the order delivered; failure and attempted_delivery open a logistics task; other scans need nothing.</summary>
    private static OrderEventInput? CarrierNews(string? shipmentStatus, string orderId, string fulfillmentId, string? at, Context context) => shipmentStatus switch
    {
        // picked_up: the buyer collected a local-pickup order, which is its delivery.
        "delivered" or "picked_up" => new OrderEventInput
        {
            Id = context.EventId("delivered." + PlatformJson.IdPart(fulfillmentId, MaxFulfillmentIdPart)),
            Type = OrderEventTypes.Delivered,
            OccurredAt = at,
            Order = new OrderInput { Id = orderId },
        },
        "failure" or "attempted_delivery" => new OrderEventInput
        {
            Id = context.EventId(shipmentStatus + "." + PlatformJson.IdPart(fulfillmentId, MaxFulfillmentIdPart)),
            Type = OrderEventTypes.ShipmentException,
            OccurredAt = at,
            Order = new OrderInput { Id = orderId },
            Shipment = new ShipmentExceptionInput
            {
                Id = fulfillmentId,
                // A carrier that could not hand the parcel over needs the buyer's address or presence confirmed.
                Status = shipmentStatus == "attempted_delivery" ? "address_problem" : "delayed",
                Detail = shipmentStatus == "attempted_delivery" ? "Shopify: delivery attempted" : "Shopify: delivery failed",
                At = at,
            },
        },
        _ => null,
    };

    /// <summary>
    /// A refund: the return it settles moves to refunded; a refund with no return is a refund-only case, refunded and
    /// closed at once, so the report counts the money that went back.
    /// </summary>
    private static PlatformMapping MapRefund(JsonElement refund, Context context)
    {
        var errors = new ValidationErrors();
        var orderId = RequireId(refund, "order_id", errors);
        var refundId = RequireId(refund, "id", errors);
        if (errors.Any)
        {
            return context.Failed(errors);
        }

        var amount = 0m;
        string? currency = null;
        foreach (var transaction in refund.Array("transactions"))
        {
            if (transaction.Text("kind") == "refund" && transaction.Text("status") is "success" or null
                && transaction.Money("amount", out _) is { } part)
            {
                amount += part;
                currency ??= transaction.Text("currency");
            }
        }

        var at = refund.Text("processed_at") ?? refund.Text("created_at") ?? context.TriggeredAt;
        var returnId = refund.Property("return") is { } linked ? linked.Id("id") : null;
        var caseInput = new CaseInput
        {
            Id = returnId is not null ? ReturnCaseId(returnId) : "shopify-refund-" + refundId,
            OrderId = orderId,
            Kind = returnId is not null ? "return_refund" : "refund_only",
            Status = "refunded",
            Amount = amount > 0 ? amount : null,
            Currency = amount > 0 ? currency : null,
            ReasonText = refund.Text("note"),
        };
        var events = new List<OrderEventInput> { CaseEvent(context, "refunded", CaseEventTypes.Updated, at, caseInput) };
        if (returnId is null)
        {
            events.Add(CaseEvent(context, "closed", CaseEventTypes.Closed, at, Copy(caseInput, status: "closed")));
        }

        return context.Mapped(orderId!, events, ("order", orderId!), ("refund", refundId!), ("return", returnId ?? ""));
    }

    private static PlatformMapping MapReturn(JsonElement body, Context context)
    {
        var errors = new ValidationErrors();
        var returnId = RequireId(body, "id", errors);
        var orderId = body.Property("order") is { } order ? order.Id("id") : body.Id("order_id");
        if (orderId is null)
        {
            errors.Add("order.id", "The order the return belongs to is required.");
        }

        if (errors.Any)
        {
            return context.Failed(errors);
        }

        var lines = body.Array("return_line_items").ToList();
        var kind = body.Array("exchange_line_items").Any() ? "exchange" : "return_refund";
        var shopifyReason = lines.Select(l => l.Text("return_reason")).FirstOrDefault(r => r is not null);
        var buyerWords = lines.Select(l => l.Text("customer_note") ?? l.Text("return_reason_note")).FirstOrDefault(n => n is not null);
        var at = body.Text("updated_at") ?? body.Text("requested_at") ?? context.TriggeredAt;
        var decline = body.Property("decline");
        var (type, status) = context.Topic switch
        {
            "returns/request" => (CaseEventTypes.Opened, "pending_review"),
            "returns/approve" => (CaseEventTypes.Updated, "awaiting_return"),
            "returns/decline" => (CaseEventTypes.Updated, "rejected"),
            "returns/process" => (CaseEventTypes.Updated, "received"),
            "returns/cancel" or "returns/close" => (CaseEventTypes.Closed, "closed"),
            _ => (null, null),
        };
        var ids = new[] { ("order", orderId!), ("return", returnId!) };
        if (type is null)
        {
            return context.Ignore("A closed case stays closed here: a reopened return is handled in Shopify.", orderId, ids);
        }

        var caseInput = new CaseInput
        {
            Id = ReturnCaseId(returnId!),
            OrderId = orderId,
            Kind = kind,
            Status = status,
            Reason = ReturnReason(shopifyReason),
            ReasonText = buyerWords ?? (ReturnReason(shopifyReason) == "other" ? shopifyReason : null),
            RejectionReason = status == "rejected"
                ? string.Join(": ", new[] { decline?.Text("reason"), decline?.Text("note") }.Where(t => t is not null)) is { Length: > 0 } why ? why : "declined in Shopify"
                : null,
            OpenedAt = body.Text("requested_at") ?? body.Text("created_at"),
        };
        return context.Mapped(orderId!, [CaseEvent(context, "case", type, at, caseInput)], ids);
    }

    /// <summary>A chargeback or inquiry is escalated at once: it has a bank's deadline and a supervisor's decision.</summary>
    private static PlatformMapping MapDispute(JsonElement dispute, Context context)
    {
        var errors = new ValidationErrors();
        var disputeId = RequireId(dispute, "id", errors);
        if (errors.Any)
        {
            return context.Failed(errors);
        }

        if (dispute.Id("order_id") is not { } orderId)
        {
            return context.Ignore($"Dispute {disputeId} is not tied to an order.", null, ("dispute", disputeId!));
        }

        var amount = dispute.Money("amount", out _);
        var status = dispute.Text("status");
        var reason = dispute.Text("reason");
        var caseInput = new CaseInput
        {
            Id = "shopify-dispute-" + disputeId,
            OrderId = orderId,
            Kind = "refund_only",
            Status = status switch
            {
                "won" => "closed",
                "lost" or "accepted" or "charge_refunded" => "refunded",
                _ => "pending_review",
            },
            Reason = reason switch
            {
                "product_not_received" => "not_received",
                "product_unacceptable" => "not_as_described",
                _ => "other",
            },
            ReasonText = $"{dispute.Text("type") ?? "dispute"}: {reason ?? "no reason given"}",
            Amount = amount,
            Currency = amount is null ? null : dispute.Text("currency"),
            OpenedAt = dispute.Text("initiated_at"),
            Escalated = true,
        };
        var at = dispute.Text("updated_at") ?? context.TriggeredAt ?? dispute.Text("initiated_at");
        var type = caseInput.Status == "closed" ? CaseEventTypes.Closed : CaseEventTypes.Updated;
        return context.Mapped(orderId, [CaseEvent(context, "case", type, at, caseInput)], ("order", orderId), ("dispute", disputeId!));
    }

    private static PlatformMapping MapCompliance(JsonElement body, Context context, ComplianceKind kind)
    {
        var customerId = body.Property("customer") is { } customer ? customer.Id("id") : null;
        if (kind != ComplianceKind.ShopRedact && (customerId is null || !OrderEventValidator.IsValidId(customerId)))
        {
            return context.Failed("customer.id", "The customer the request is about is required, as Shopify's numeric id.");
        }

        var orders = body.Array(kind == ComplianceKind.CustomerRedact ? "orders_to_redact" : "orders_requested")
            .Select(PlatformJson.IdOf)
            .OfType<string>()
            .Where(OrderEventValidator.IsValidId)
            .ToList();
        var requestId = body.Property("data_request") is { } request && request.Id("id") is { } id && OrderEventValidator.IsValidId(id) ? id : null;
        return context.Compliance(new ComplianceRequest(kind, customerId, orders, requestId));
    }

    private static CustomerInput Customer(JsonElement order, string orderId)
    {
        var customer = order.Property("customer");
        var name = string.Join(' ', new[] { customer?.Text("first_name"), customer?.Text("last_name") }.Where(n => n is not null));
        var locale = order.Text("customer_locale");
        return new CustomerInput
        {
            // A guest checkout has no customer record: the order stands in for the buyer, so the contact budget still holds.
            Id = customer?.Id("id") ?? "guest-" + orderId,
            Name = name.Length > 0 ? name : null,
            Email = customer?.Text("email") ?? order.Text("email") ?? order.Text("contact_email"),
            Phone = customer?.Text("phone") ?? order.Text("phone"),
            // A locale we cannot read loses no order: the shop's language is used instead.
            Locale = locale is not null && Locales.IsValid(locale) ? locale : null,
        };
    }

    private static List<OrderItemInput>? Items(JsonElement order)
    {
        var items = order.Array("line_items")
            .Where(line => (line.Int("current_quantity") ?? line.Int("quantity") ?? 0) > 0)
            .Take(OrderEventValidator.MaxItems)
            .Select(line => new OrderItemInput
            {
                Sku = line.Text("sku"),
                Title = line.Text("title") ?? line.Text("name") ?? "item",
                Quantity = line.Int("current_quantity") ?? line.Int("quantity"),
                Price = line.Money("price", out _) ?? 0m,
            })
            .ToList();
        return items.Count > 0 ? items : null;
    }

    private static string ReturnReason(string? shopifyReason) => shopifyReason switch
    {
        "defective" => "quality",
        "not_as_described" => "not_as_described",
        "wrong_item" => "wrong_item",
        "size_too_small" or "size_too_large" or "unwanted" or "style" or "color" => "changed_mind",
        _ => "other",
    };

    private static string ReturnCaseId(string returnId) => "shopify-return-" + returnId;

    private static OrderEventInput CaseEvent(Context context, string what, string type, string? at, CaseInput caseInput) => new()
    {
        Id = context.EventId(what),
        Type = type,
        OccurredAt = at,
        Case = caseInput,
    };

    private static CaseInput Copy(CaseInput input, string status) => new()
    {
        Id = input.Id,
        OrderId = input.OrderId,
        Kind = input.Kind,
        Status = status,
        Amount = input.Amount,
        Currency = input.Currency,
        ReasonText = input.ReasonText,
    };

    private static string? FirstText(JsonElement element, string arrayName) =>
        element.Array(arrayName).Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()).FirstOrDefault(s => !string.IsNullOrEmpty(s));

    private static string? Header(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>
    /// The header's time as the canonical dates take it: Shopify sends nanoseconds ("2025-03-11T20:54:30.516267807Z")
    /// where they hold 7 fractional digits, so the rest is cut. A header that is no such date is not used: events without
    /// a time of their own (disputes, returns) would otherwise fail on it.
    /// </summary>
    private static string? TriggeredAtOf(string? header)
    {
        if (Header(header) is not { } text)
        {
            return null;
        }

        text = ExtraFractionDigits().Replace(text, "");
        return DateInput.Parse(text, out var error) is not null && error is null ? text : null;
    }

    [GeneratedRegex(@"(?<=\.[0-9]{7})[0-9]+", RegexOptions.CultureInvariant)]
    private static partial Regex ExtraFractionDigits();

    private static string? RequireId(JsonElement element, string name, ValidationErrors errors)
    {
        var id = element.Id(name);
        if (id is null)
        {
            errors.Add(name, element.Property(name) is null ? "Required." : "Not an id (a whole number or a string).");
        }
        else if (!OrderEventValidator.IsValidId(id))
        {
            errors.Add(name, $"'{id}' cannot be used as an id here.");
            return null;
        }

        return id;
    }

    private sealed record Context(string Topic, string EventIdBase, string DeliveryKey, string? TriggeredAt)
    {
        public string EventId(string what) => EventIdBase + ":" + what;

        public PlatformMapping Mapped(string orderId, IReadOnlyList<OrderEventInput> events, params (string Name, string Id)[] ids) =>
            new() { Topic = Topic, DeliveryKey = DeliveryKey, OrderId = orderId, Events = events, PlatformIds = Ids(ids) };

        public PlatformMapping Ignore(string why, string? orderId = null, params (string Name, string Id)[] ids) =>
            new() { Topic = Topic, DeliveryKey = DeliveryKey, OrderId = orderId, Ignored = why, PlatformIds = Ids(ids) };

        public PlatformMapping Compliance(ComplianceRequest request) =>
            new() { Topic = Topic, DeliveryKey = DeliveryKey, Compliance = request };

        public PlatformMapping Failed(string field, string problem)
        {
            var errors = new ValidationErrors();
            errors.Add(field, problem);
            return Failed(errors);
        }

        public PlatformMapping Failed(ValidationErrors errors) =>
            new() { Topic = Topic, DeliveryKey = DeliveryKey, Errors = errors.ToFailure<object>().Errors };

        private static Dictionary<string, string> Ids((string Name, string Id)[] ids) =>
            ids.Where(i => i.Id.Length > 0).ToDictionary(i => i.Name, i => i.Id, StringComparer.Ordinal);
    }
}
