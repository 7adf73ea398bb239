using System.Text.Json;
using System.Text.Json.Nodes;
using Automation.Core.Cases;
using Automation.Core.Orders;
using Automation.Storage.Stores;
using Microsoft.Extensions.DependencyInjection;

namespace Automation.Functions.Tests.Support;

/// <summary>
/// Writes case events straight to storage, for setting up thousands of cases: the rows the worker's case ingestion
/// writes for a <c>case.opened</c> of a new case on an order the shop has not been sent (no order row), through the
/// product's own code (<see cref="CaseEventValidator"/>, <see cref="CaseLifecycle"/>, <see cref="CaseTasks"/> and
/// <see cref="CaseStore.ApplyAsync"/>) with the product's storage registration, but without the signed webhook, the
/// development host, the worker and the two point reads that find nothing. It talks to Azurite directly, never through
/// a counting proxy the worker is given. <c>CaseSeedingTests</c> checks that its rows are the webhook's.
/// </summary>
internal static class CaseSeeding
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Applies each event (a <c>case.opened</c> as sent to the events endpoint) with up to <paramref name="parallelism"/> writes in flight.</summary>
    public static async Task OpenAsync(ProductHost host, string shopId, IEnumerable<JsonObject> events, int parallelism = 8)
    {
        var shop = await host.Storage.GetRequiredService<ShopStore>().GetAsync(shopId, CancellationToken.None)
            ?? throw new InvalidOperationException($"Shop {shopId} is not saved.");
        var cases = host.Storage.GetRequiredService<CaseStore>();
        var time = host.Storage.GetRequiredService<TimeProvider>();
        await Parallel.ForEachAsync(events, new ParallelOptions { MaxDegreeOfParallelism = parallelism }, async (json, ct) =>
        {
            var input = json.Deserialize<OrderEventInput>(Json)?.ToCaseEvent();
            var validated = CaseEventValidator.Validate(input);
            Assert.True(validated.IsValid, string.Join("; ", validated.Errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")));
            var evt = validated.Value;
            Assert.Equal(CaseEventTypes.Opened, evt.Type);

            // As CaseIngestion.ApplyAsync for a case not stored yet on an order not stored yet.
            var now = time.GetUtcNow();
            var change = CaseLifecycle.Apply(shopId, null, evt, shop.ServiceTargets, now);
            Assert.True(change.IsValid);
            var c = change.Value.Case;
            var tasks = CaseTasks.For(c, CaseDeadlines.For(c, shop.ServiceTargets, shop.TimeZone, now), now);
            var outcome = await cases.ApplyAsync(new CaseWrite(evt.Id, evt.Type, null, c, null, now, Describe(c, tasks.Count), tasks), ct);

            // Duplicate: the client retried a transaction that had gone through (Azurite under load answers late); the
            // event-id row is in the same atomic transaction as the case's rows, so they are all there.
            Assert.True(outcome is EventWriteOutcome.Applied or EventWriteOutcome.Duplicate, $"{evt.Id}: {outcome}");
        });
    }

    /// <summary>The order timeline's line for a new case, as CaseIngestion.Describe words it.</summary>
    private static string Describe(Case c, int tasks)
    {
        var what = $"case {c.CaseId} ({CaseNames.Name(c.Kind)}) recorded as {CaseNames.Name(c.Status)}";
        return tasks > 0 ? $"{what}; {tasks} task(s) opened" : what;
    }
}
