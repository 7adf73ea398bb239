using Automation.Core.Shops;
using Automation.Core.Sweep;
using Automation.Functions.Features.Http;
using Automation.Functions.Features.Shops;
using Automation.Storage.Stores;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Automation.Functions.Features.Sweep;

/// <summary>
/// The morning sweep. A timer (app setting <c>MorningSweepSchedule</c>, every 15 minutes) visits each shop and runs
/// its sweep once per local day from <c>morningSweep.at</c>, and its noon escalation once from <c>morningSweep.deadline</c>
/// (<see cref="MorningSweepSchedule"/>: DST-correct). The platform can run either now for one shop
/// (<c>POST /api/shops/{shopId}/sweep</c>, <c>…/sweep/escalate</c>, master key). Any number of runs, by timer, endpoint
/// or instance, opens no task twice and sends no list twice.
/// Storage per timer run: 1 query for the shop ids (per 1,000 shops), then per shop its settings (cached) and 1 point
/// read of the day's record; a sweep or escalation adds its own (see <see cref="MorningSweepRunner"/>).
/// </summary>
internal sealed partial class MorningSweepFunction(
    ShopStore shopStore,
    ShopSettingsCache shops,
    SweepStore sweeps,
    MorningSweepRunner runner,
    TimeProvider time,
    ILogger<MorningSweepFunction> logger)
{
    [Function(nameof(MorningSweep))]
    public async Task MorningSweep([TimerTrigger("%MorningSweepSchedule%")] TimerInfo timer, CancellationToken cancellationToken)
    {
        var failures = 0;
        foreach (var shopId in await shopStore.ListShopIdsAsync(cancellationToken))
        {
            try
            {
                if (await shops.GetAsync(shopId, cancellationToken) is { } shop)
                {
                    await RunIfDueAsync(shop, cancellationToken);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // One shop's failure must not hold back the others' mornings; the run still ends failed (below).
                failures++;
                LogShopFailed(logger, shopId, e);
            }
        }

        if (failures > 0)
        {
            throw new InvalidOperationException($"The morning sweep failed for {failures} shop(s); the next run tries them again.");
        }
    }

    [Function(nameof(RunMorningSweep))]
    public async Task<IResult> RunMorningSweep(
        [HttpTrigger(AuthorizationLevel.Admin, "post", Route = "shops/{shopId}/sweep")] HttpRequest request,
        string shopId,
        CancellationToken cancellationToken)
    {
        return await shops.GetAsync(shopId, cancellationToken) is { } shop
            ? TypedResults.Ok(await runner.SweepAsync(shop, Today(shop), cancellationToken))
            : ApiProblems.UnknownShop(shopId);
    }

    [Function(nameof(RunNoonEscalation))]
    public async Task<IResult> RunNoonEscalation(
        [HttpTrigger(AuthorizationLevel.Admin, "post", Route = "shops/{shopId}/sweep/escalate")] HttpRequest request,
        string shopId,
        CancellationToken cancellationToken)
    {
        return await shops.GetAsync(shopId, cancellationToken) is { } shop
            ? TypedResults.Ok(await runner.EscalateAsync(shop, Today(shop), cancellationToken))
            : ApiProblems.UnknownShop(shopId);
    }

    private DateOnly Today(ShopSettings shop) => MorningSweepSchedule.LocalDay(time.GetUtcNow(), shop.TimeZone);

    private async Task RunIfDueAsync(ShopSettings shop, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var zone = shop.TimeZone;
        var today = MorningSweepSchedule.LocalDay(now, zone);
        var record = await sweeps.GetDayAsync(shop.ShopId, today, cancellationToken);
        var sweep = MorningSweepSchedule.Sweep(zone, shop.MorningSweep, now, record?.Done == true ? today : null);
        if (sweep.IsDue)
        {
            // The record just read is the sweep day's when that day is today, which saves the runner reading it again.
            await (sweep.SweepDay == today
                ? runner.SweepAsync(shop, sweep.SweepDay, record, cancellationToken)
                : runner.SweepAsync(shop, sweep.SweepDay, cancellationToken));
        }

        var escalation = MorningSweepSchedule.NoonEscalationDue(zone, shop.MorningSweep, now, record?.EscalatedAt is not null ? today : null);
        if (escalation.IsDue)
        {
            await runner.EscalateAsync(shop, escalation.SweepDay, cancellationToken);
        }
    }

    [LoggerMessage(EventId = 4010, Level = LogLevel.Error, Message = "Shop {ShopId}: the morning sweep failed; the next timer run tries again")]
    private static partial void LogShopFailed(ILogger logger, string shopId, Exception exception);
}
