using Automation.Core;
using Automation.Core.Platforms;
using Automation.Core.Shops;
using Automation.Functions.Features.Customers;
using Automation.Functions.Features.Events;
using Automation.Storage.Stores;

namespace Automation.Functions.Features.Platforms;

/// <summary>What a platform delivery became, for the answer to the platform and for ops.</summary>
internal sealed record PlatformReceipt(
    PlatformDeliveryOutcome Outcome,
    IReadOnlyList<PlatformEventOutcome> Events,
    string? Detail,
    IReadOnlyDictionary<string, string[]> Errors)
{
    /// <summary>The body could not be mapped or checked: nothing was applied, and the platform hears a 400 naming the fields.</summary>
    public bool Unmappable { get; init; }
}

/// <summary>
/// Takes an adapter's mapping of one platform delivery through the one way in for events (<see cref="CanonicalEvents"/>)
/// and records the delivery. Every event is checked before any is applied, so a body that cannot be mapped applies
/// nothing. A repeated delivery (same key, already applied) is answered from its record.
/// Storage cost, on top of the canonical events' own: 1 point read (the delivery's record) and 1 entity group
/// transaction (recording it); a repeat costs the point read alone. Privacy requests are carried out by the erasure
/// services (<see cref="CustomerErasure"/>, <see cref="ShopErasure"/>, <see cref="CustomerDataRequests"/>), which say what they cost.
/// </summary>
internal sealed partial class PlatformDeliveryIngestion(
    CanonicalEvents events,
    PlatformDeliveryStore deliveries,
    CustomerErasure customerErasure,
    ShopErasure shopErasure,
    CustomerDataRequests dataRequests,
    TimeProvider time,
    ILogger<PlatformDeliveryIngestion> logger)
{
    public async Task<PlatformReceipt> ReceiveAsync(ShopSettings shop, string platform, PlatformMapping mapping, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(shop);
        ArgumentNullException.ThrowIfNull(mapping);
        var receivedAt = time.GetUtcNow();
        var loggedTopic = Loggable(mapping.Topic);
        if (!mapping.IsValid)
        {
            return await RecordAsync(new PlatformReceipt(PlatformDeliveryOutcome.Failed, [], "The body cannot be mapped.", mapping.Errors) { Unmappable = true });
        }

        if (await deliveries.FindAsync(shop.ShopId, platform, mapping.DeliveryKey, cancellationToken) is { Outcome: not PlatformDeliveryOutcome.Failed } seen)
        {
            LogRepeat(logger, shop.ShopId, platform, loggedTopic);
            return new PlatformReceipt(PlatformDeliveryOutcome.Duplicate, seen.Events, $"Delivery already received at {seen.ReceivedAt:O}.", seen.Errors);
        }

        switch (mapping.Compliance)
        {
            case { Kind: ComplianceKind.ShopRedact }:
                // The delivery log goes with the rest of the shop, so this delivery is not recorded either.
                var shopErased = await shopErasure.EraseAsync(shop.ShopId, cancellationToken);
                return new PlatformReceipt(PlatformDeliveryOutcome.Compliance, [], $"The shop's data was erased ({shopErased.OrderRows} order-table rows).", EmptyErrors);
            case { Kind: ComplianceKind.CustomerRedact, CustomerId: { } customerId } redact:
                var erased = await customerErasure.EraseAsync(shop.ShopId, customerId, redact.OrderIds, cancellationToken);
                return await RecordAsync(new PlatformReceipt(PlatformDeliveryOutcome.Compliance, [],
                    $"The customer's personal data was erased: {erased.Orders} order(s), {erased.Reviews} review(s), {erased.Cases} case(s), {erased.Tasks} task(s), {erased.MessagesSkipped} pending message(s) skipped.", EmptyErrors));
            case { Kind: ComplianceKind.CustomerDataRequest, CustomerId: { } customerId } request:
                var opened = await dataRequests.RecordAsync(shop.ShopId, request.RequestId ?? mapping.DeliveryKey, customerId, request.OrderIds, cancellationToken);
                return await RecordAsync(new PlatformReceipt(PlatformDeliveryOutcome.Compliance, [],
                    opened ? "The data request is recorded as a customer_data_request task for ops." : "The data request was recorded before.", EmptyErrors));
        }

        if (mapping.Ignored is { } why)
        {
            return await RecordAsync(new PlatformReceipt(PlatformDeliveryOutcome.Ignored, [], why, EmptyErrors));
        }

        // All checked before any is applied: a mapping that yields one bad event applies none.
        var checkedEvents = new List<CheckedEvent>(mapping.Events.Count);
        var problems = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var input in mapping.Events)
        {
            var result = CanonicalEvents.Check(input);
            if (result.IsValid)
            {
                checkedEvents.Add(result.Value);
                continue;
            }

            foreach (var (path, messages) in result.Errors)
            {
                problems.TryAdd(path, [.. messages.Select(m => $"In the {input.Type} event the delivery maps to: {m}")]);
            }
        }

        if (problems.Count > 0)
        {
            return await RecordAsync(new PlatformReceipt(PlatformDeliveryOutcome.Failed, [], "The body maps to an event the product cannot accept.", problems) { Unmappable = true });
        }

        // In order: a case opened before it is refunded. An event refused here (a case transition its kind has not)
        // is recorded as failed for ops but does not stop the others: the platform's state is the truth, and asking it
        // to resend a body that will be refused again would only get the shop's subscription removed.
        var outcomes = new List<PlatformEventOutcome>(checkedEvents.Count);
        var refused = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var checkedEvent in checkedEvents)
        {
            var applied = await events.ApplyAsync(shop, checkedEvent, cancellationToken);
            outcomes.Add(new PlatformEventOutcome(checkedEvent.Id, checkedEvent.Type, applied.Outcome.ToString().ToLowerInvariant()));
            foreach (var (path, messages) in applied.Errors ?? EmptyErrors)
            {
                refused.TryAdd(path, messages);
            }
        }

        var outcome = refused.Count > 0 ? PlatformDeliveryOutcome.Failed
            : outcomes.All(o => o.Outcome == "duplicate") ? PlatformDeliveryOutcome.Duplicate
            : PlatformDeliveryOutcome.Applied;
        return await RecordAsync(new PlatformReceipt(outcome, outcomes, refused.Count > 0 ? "An event was refused by what is stored." : mapping.Note, refused));

        async Task<PlatformReceipt> RecordAsync(PlatformReceipt receipt)
        {
            await deliveries.RecordAsync(
                new PlatformDeliveryRecord(
                    shop.ShopId, platform, mapping.DeliveryKey, mapping.Topic, receivedAt, receipt.Outcome, mapping.OrderId,
                    mapping.PlatformIds, receipt.Events, receipt.Detail, receipt.Errors),
                cancellationToken);
            LogReceived(logger, shop.ShopId, platform, loggedTopic, receipt.Outcome, receipt.Events.Count);
            return receipt;
        }
    }

    /// <summary>The topic is a header anyone can send: it reaches the logs only in a topic's shape.</summary>
    private static string Loggable(string topic) =>
        topic.Length <= 64 && topic.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '/' or '.' or '_' or '-') ? topic : "(not a topic)";

    private static readonly IReadOnlyDictionary<string, string[]> EmptyErrors = new Dictionary<string, string[]>();

    [LoggerMessage(EventId = 2050, Level = LogLevel.Information, Message = "Shop {ShopId}: {Platform} delivery {Topic} {Outcome}; {Events} canonical event(s)")]
    private static partial void LogReceived(ILogger logger, string shopId, string platform, string topic, PlatformDeliveryOutcome outcome, int events);

    [LoggerMessage(EventId = 2051, Level = LogLevel.Information, Message = "Shop {ShopId}: {Platform} delivery {Topic} repeated; answered from its record")]
    private static partial void LogRepeat(ILogger logger, string shopId, string platform, string topic);
}
