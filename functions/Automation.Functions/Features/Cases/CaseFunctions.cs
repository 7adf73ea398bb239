using Automation.Core.Cases;
using Automation.Core.Shops;
using Automation.Functions.Features.Access;
using Automation.Functions.Features.Http;
using Automation.Functions.Features.Shops;
using Automation.Storage.Stores;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Automation.Functions.Features.Cases;

/// <summary>
/// A shop's after-sale cases with their due times (shop key): <c>status=open</c> (the default) reads only the open-case
/// index, another status or <c>all</c> reads every case row; <c>due=overdue</c> or <c>due=soon</c> keeps the cases
/// that are so now. Most urgent first: overdue, then due soon, then by next due time.
/// </summary>
internal sealed class CaseFunctions(CaseStore cases, ShopSettingsCache shops, ApiKeyAuthentication access, TimeProvider time)
{
    private const string Open = "open";
    private const string All = "all";

    [Function(nameof(Cases))]
    public async Task<IResult> Cases(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "shops/{shopId}/cases")] HttpRequest request,
        string shopId,
        CancellationToken cancellationToken)
    {
        if (await access.RequireShopKeyAsync(request, shopId, cancellationToken) is { } denied)
        {
            return denied;
        }

        string status = request.Query["status"].ToString() is { Length: > 0 } s ? s : Open;
        CaseStatus? wanted = null;
        if (status is not (Open or All))
        {
            if (!CaseNames.TryParse<CaseStatus>(status, out var parsed))
            {
                return ApiProblems.Invalid("status", $"Must be open (the default), all, or one of {string.Join(", ", CaseNames.Names<CaseStatus>())}.");
            }

            wanted = parsed;
        }

        string? due = request.Query["due"];
        if (due is not (null or "overdue" or "soon"))
        {
            return ApiProblems.Invalid("due", "Must be overdue or soon (or left out for all).");
        }

        if (await shops.GetAsync(shopId, cancellationToken) is not { } shop)
        {
            return ApiProblems.UnknownShop(shopId);
        }

        var (targets, zone, now) = (shop.ServiceTargets, shop.TimeZone, time.GetUtcNow());
        IEnumerable<CaseView> views = status == Open
            ? (await cases.ListOpenAsync(shopId, cancellationToken)).Select(c => CaseView.From(c, targets, zone, now))
            : (await cases.ListAllAsync(shopId, cancellationToken))
                .Where(c => wanted is null || c.Status == wanted)
                .Select(c => CaseView.From(c, c.HasPhotos, c.Evidence.Count, targets, zone, now));
        var list = views
            .Where(v => due switch { "overdue" => v.Overdue, "soon" => v.DueSoon, _ => true })
            .OrderByDescending(v => v.Overdue)
            .ThenByDescending(v => v.DueSoon)
            .ThenBy(v => v.NextDueAt ?? DateTimeOffset.MaxValue)
            .ThenBy(v => v.CaseId, StringComparer.Ordinal)
            .ToList();
        return TypedResults.Ok(new CaseList(list));
    }
}
