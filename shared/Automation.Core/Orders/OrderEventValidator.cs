using System.Globalization;
using System.Text.RegularExpressions;
using Automation.Core.Messaging;
using Automation.Core.Time;
using static Automation.Core.InputFields;

namespace Automation.Core.Orders;

/// <summary>Checks a webhook event and reports every bad field, keyed by its JSON path ("order.items[0].quantity").</summary>
public static partial class OrderEventValidator
{
    public const int MaxItems = 500;
    public const int MaxTextLength = 500;
    public const int MaxUrlLength = InputFields.MaxUrlLength;

    /// <summary>Event and order ids become storage keys, so they are restricted to a safe shape.</summary>
    public static bool IsValidId(string? id) => id is not null && IdShape().IsMatch(id);

    public static ValidationResult<OrderEvent> Validate(OrderEventInput? input)
    {
        var errors = new ValidationErrors();
        if (input is null)
        {
            errors.Add("body", "A JSON object with the event is required.");
            return errors.ToFailure<OrderEvent>();
        }

        if (string.IsNullOrEmpty(input.Id))
        {
            errors.Add("id", "The event id is required.");
        }
        else if (!IsValidId(input.Id))
        {
            errors.Add("id", IdRule);
        }

        var type = input.Type;
        if (string.IsNullOrEmpty(type))
        {
            errors.Add("type", $"The event type is required: one of {string.Join(", ", OrderEventTypes.All)}.");
            return errors.ToFailure<OrderEvent>();
        }

        if (!OrderEventTypes.IsSupported(type))
        {
            errors.Add("type", $"Event type '{type}' is not supported. Supported: {string.Join(", ", OrderEventTypes.All)}.");
            return errors.ToFailure<OrderEvent>();
        }

        var status = OrderEventTypes.StatusOf(type);
        var occurredAt = OptionalDate(input.OccurredAt, "occurredAt", errors);
        var facts = ValidateOrder(input.Order, status, shipmentRequired: type == OrderEventTypes.Shipped, errors);
        var exception = type == OrderEventTypes.ShipmentException ? ValidateShipmentException(input.Shipment, errors) : null;
        if (type != OrderEventTypes.ShipmentException && input.Shipment is not null)
        {
            errors.Add("shipment", $"Only {OrderEventTypes.ShipmentException} events carry a top-level shipment; an order's shipment goes in order.shipment.");
        }

        return errors.ToResult(() => new OrderEvent(input.Id!, type, status, occurredAt, facts!) { ShipmentException = exception });
    }

    public const int MaxMessageLength = 2000;

    /// <summary>Checks a <c>customer.message</c> event: ids, the order and customer it concerns, and the message.</summary>
    public static ValidationResult<CustomerMessageEvent> ValidateCustomerMessage(OrderEventInput? input)
    {
        var errors = new ValidationErrors();
        if (input is null)
        {
            errors.Add("body", "A JSON object with the event is required.");
            return errors.ToFailure<CustomerMessageEvent>();
        }

        CheckId(input.Id, "id", "The event id is required.", errors);
        CheckId(input.Order?.Id, "order.id", "The order id is required.", errors);
        CheckId(input.Customer?.Id, "customer.id", "The customer id is required.", errors);
        var occurredAt = OptionalDate(input.OccurredAt, "occurredAt", errors);
        string? text = null;
        DateTimeOffset? receivedAt = null;
        if (input.Message is not { } message)
        {
            errors.Add("message", "The message is required: {\"id\", \"text\", \"receivedAt\"}.");
        }
        else
        {
            CheckId(message.Id, "message.id", "The message id is required.", errors);
            text = RequiredText(message.Text, "message.text", MaxMessageLength, "The message text is required.", errors, clean: true);
            receivedAt = OptionalDate(message.ReceivedAt, "message.receivedAt", errors);
        }

        return errors.ToResult(() => new CustomerMessageEvent(
            input.Id!, input.Order!.Id!, input.Customer!.Id!, input.Message!.Id!, text!, receivedAt, occurredAt));
    }

    /// <summary>A required id: missing (with <paramref name="missing"/>) or not of the id shape, each named by its path.</summary>
    internal static void CheckId(string? id, string path, string missing, ValidationErrors errors)
    {
        if (string.IsNullOrEmpty(id))
        {
            errors.Add(path, missing);
        }
        else if (!IsValidId(id))
        {
            errors.Add(path, IdRule);
        }
    }

    private const string IdRule = "Must be 1 to 128 characters of letters, digits, '.', '_', ':' and '-', starting with a letter or digit.";

    private static OrderFacts? ValidateOrder(OrderInput? order, OrderStatus status, bool shipmentRequired, ValidationErrors errors)
    {
        if (order is null)
        {
            errors.Add("order", "The order is required.");
            return null;
        }

        if (string.IsNullOrEmpty(order.Id))
        {
            errors.Add("order.id", "The order id is required.");
        }
        else if (!IsValidId(order.Id))
        {
            errors.Add("order.id", IdRule);
        }

        // order.created carries the whole order; later events need only the id and what changed.
        var isCreated = status == OrderStatus.Created;
        if (isCreated && order.PlacedAt is null)
        {
            errors.Add("order.placedAt", "When the order was placed is required for order.created.");
        }

        var placed = OptionalDate(order.PlacedAt, "order.placedAt", errors);
        var autoClose = OptionalDate(order.AutoCloseAt, "order.autoCloseAt", errors);
        if (autoClose is { } autoCloseAt && placed is { } placedAt && autoCloseAt <= placedAt)
        {
            errors.Add("order.autoCloseAt", "The automatic close time must be after the order was placed.");
        }

        if (order.Total is null)
        {
            if (isCreated)
            {
                errors.Add("order.total", "The order total is required for order.created.");
            }
        }
        else if (order.Total < 0)
        {
            errors.Add("order.total", "The order total must not be negative.");
        }

        string? currency = null;
        if (order.Currency is null)
        {
            if (isCreated)
            {
                errors.Add("order.currency", "The currency (ISO 4217, e.g. \"CNY\") is required for order.created.");
            }
        }
        else if (order.Currency.Length != 3 || !order.Currency.All(char.IsAsciiLetter))
        {
            errors.Add("order.currency", $"'{order.Currency}' is not a 3-letter currency code like \"CNY\".");
        }
        else
        {
            currency = order.Currency.ToUpperInvariant();
        }

        var payUrl = OptionalUrl(order.PayUrl, "order.payUrl", errors);
        var customer = ValidateCustomer(order.Customer, isCreated, errors);
        var items = ValidateItems(order.Items, errors);
        var shipment = ValidateShipment(order.Shipment, shipmentRequired, errors);

        return new OrderFacts(order.Id!, placed, autoClose, order.Total, currency, payUrl, customer, items, shipment);
    }

    /// <param name="path">Where the customer sits in the event: "order.customer", or "customer" for a review.</param>
    internal static Customer? ValidateCustomer(CustomerInput? customer, bool required, ValidationErrors errors, string path = "order.customer")
    {
        if (customer is null)
        {
            if (required)
            {
                errors.Add($"{path}.id", "The customer's id is required for order.created.");
            }

            return null;
        }

        var id = RequiredText(customer.Id, $"{path}.id", 128, "The customer's id is required.", errors);
        var name = OptionalText(customer.Name, $"{path}.name", 200, errors, clean: true);
        var phone = OptionalText(customer.Phone, $"{path}.phone", 32, errors, clean: true);
        // Contact details are the platform's business: only bounded here, so an odd value never loses an order.
        var email = OptionalText(customer.Email, $"{path}.email", 254, errors, clean: true);

        string? locale = null;
        if (customer.Locale is not null)
        {
            if (Locales.IsValid(customer.Locale))
            {
                locale = Locales.Normalize(customer.Locale);
            }
            else
            {
                errors.Add($"{path}.locale", $"'{customer.Locale}' is not a language tag like \"zh-CN\" or \"en\".");
            }
        }

        return id is null ? null : new Customer(id, name, phone, email, locale);
    }

    private static List<OrderItem>? ValidateItems(List<OrderItemInput>? items, ValidationErrors errors)
    {
        if (items is null)
        {
            return null;
        }

        if (items.Count > MaxItems)
        {
            errors.Add("order.items", $"At most {MaxItems} items.");
            return null;
        }

        var result = new List<OrderItem>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            var path = string.Create(CultureInfo.InvariantCulture, $"order.items[{i}]");
            var item = items[i];
            if (item is null)
            {
                errors.Add(path, "An item is required, not null.");
                continue;
            }

            var sku = OptionalText(item.Sku, path + ".sku", 128, errors, clean: true);
            var title = RequiredText(item.Title, path + ".title", MaxTextLength, "The item's title is required.", errors, clean: true);
            if (item.Quantity is not { } quantity || quantity < 1)
            {
                errors.Add(path + ".quantity", "The quantity must be at least 1.");
            }

            if (item.Price is not { } price || price < 0)
            {
                errors.Add(path + ".price", "The price is required and must not be negative.");
            }

            if (title is not null && item.Quantity is >= 1 && item.Price is >= 0)
            {
                result.Add(new OrderItem(sku, title, item.Quantity.Value, item.Price.Value));
            }
        }

        return result;
    }

    private static ShipmentException? ValidateShipmentException(ShipmentExceptionInput? input, ValidationErrors errors)
    {
        if (input is null)
        {
            errors.Add("shipment", "A shipment.exception names the shipment: {\"id\", \"status\", \"detail\", \"at\"}.");
            return null;
        }

        if (!IsValidId(input.Id))
        {
            errors.Add("shipment.id", "The shipment id is required. " + IdRule);
        }

        if (!ShipmentExceptionStatuses.TryParse(input.Status, out var status))
        {
            errors.Add("shipment.status", $"Must be one of {string.Join(", ", ShipmentExceptionStatuses.Names)}.");
        }

        var detail = OptionalText(input.Detail, "shipment.detail", MaxTextLength, errors);
        var at = OptionalDate(input.At, "shipment.at", errors);
        return IsValidId(input.Id) && ShipmentExceptionStatuses.TryParse(input.Status, out _) ? new ShipmentException(input.Id!, status, detail, at) : null;
    }

    private static Shipment? ValidateShipment(ShipmentInput? shipment, bool required, ValidationErrors errors)
    {
        if (shipment is null)
        {
            if (required)
            {
                errors.Add("order.shipment", "The shipment (carrier and trackingNumber) is required for order.shipped.");
            }

            return null;
        }

        var id = OptionalText(shipment.Id, "order.shipment.id", 128, errors);
        var carrier = RequiredText(shipment.Carrier, "order.shipment.carrier", 100, "The carrier is required.", errors, clean: true);
        var trackingNumber = RequiredText(shipment.TrackingNumber, "order.shipment.trackingNumber", 128, "The tracking number is required.", errors, clean: true);
        var trackingUrl = OptionalUrl(shipment.TrackingUrl, "order.shipment.trackingUrl", errors);
        return carrier is null || trackingNumber is null ? null : new Shipment(id, carrier, trackingNumber, trackingUrl);
    }





    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}\z", RegexOptions.CultureInvariant)]
    private static partial Regex IdShape();
}
