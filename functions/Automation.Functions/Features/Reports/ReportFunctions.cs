using Automation.Core.Messaging;
using Automation.Core.Reports;
using Automation.Core.Shops;
using Automation.Functions.Features.Access;
using Automation.Functions.Features.Http;
using Automation.Functions.Features.Shops;
using Automation.Storage.Stores;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Automation.Functions.Features.Reports;

/// <summary>
/// A shop's figures over a period (shop key): <c>from</c> and <c>to</c> as the shop's days or as instants (see
/// <see cref="ReportPeriod"/>), JSON with the numbers, each day's figures and the small plots, or with
/// <c>format=svg</c> one SVG sheet of the headlines and plots, to open in a browser.
/// Storage: the key check (1 point read), the shop's settings (cached), then four single-partition range queries run
/// side by side, each 1 storage transaction per 1,000 rows: the cases opened in the period (opening-time index), the
/// cases open now (open-case index), the payment reminders sent in the period (sent-message log), and the reviews
/// received in the period (receipt index, which carries each review's approval reason and decision, so no review row is
/// read). Nothing is scanned: a shop with a year of history and a 30-day period reads only those 30 days.
/// </summary>
internal sealed class ReportFunctions(CaseStore cases, SentMessageLog sentMessages, ReviewStore reviews, ShopSettingsCache shops, ApiKeyAuthentication access, TimeProvider time)
{
    [Function(nameof(Report))]
    public async Task<IResult> Report(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "shops/{shopId}/report")] HttpRequest request,
        string shopId,
        CancellationToken cancellationToken)
    {
        if (await access.RequireShopKeyAsync(request, shopId, cancellationToken) is { } denied)
        {
            return denied;
        }

        string format = request.Query["format"].ToString() is { Length: > 0 } f ? f : "json";
        if (format is not ("json" or "svg"))
        {
            return ApiProblems.Invalid("format", "Must be json (the default) or svg.");
        }

        if (await shops.GetAsync(shopId, cancellationToken) is not { } shop)
        {
            return ApiProblems.UnknownShop(shopId);
        }

        var now = time.GetUtcNow();
        var period = ReportPeriod.Parse(request.Query["from"], request.Query["to"], shop.TimeZone, now);
        if (!period.IsValid)
        {
            return ApiProblems.Invalid(period.Errors);
        }

        var (from, to) = (period.Value.From, period.Value.To);
        var opened = cases.ListOpenedAsync(shopId, from, to, cancellationToken);
        var openNow = cases.ListOpenAsync(shopId, cancellationToken);
        var reminders = sentMessages.ListAsync(shopId, MessageKinds.PaymentReminder, from, to, cancellationToken);
        var received = reviews.ListReceivedAsync(shopId, from, to, cancellationToken);
        await Task.WhenAll(opened, openNow, reminders, received);

        var report = ShopReportBuilder.Build(
            period.Value,
            [.. (await opened).Select(c => c.Summary)],
            [.. (await openNow).Select(c => c.Summary)],
            [.. (await reminders).Select(r => new ReminderSent(r.OrderId, r.Step, r.SentAt, r.PaidAt))],
            shop.ServiceTargets,
            shop.TimeZone,
            now) with
        {
            Reviews = ShopReportBuilder.Reviews(period.Value, await received),
        };
        return format == "svg"
            ? TypedResults.Text(ReportCharts.Sheet(report), "image/svg+xml")
            : TypedResults.Ok(ReportView.Of(shopId, report));
    }
}

/// <summary>The report as the API shows it: the figures (<see cref="ShopReport"/>) and the plots as SVG text.</summary>
internal sealed record ReportView(
    string ShopId,
    DateTimeOffset From,
    DateTimeOffset To,
    string TimeZone,
    DateTimeOffset GeneratedAt,
    CaseFigures Cases,
    ServiceTargetFigures ServiceTargets,
    BacklogFigures Backlog,
    ReminderFigures PaymentReminders,
    ReviewFigures Reviews,
    IReadOnlyList<ReportDay> Days,
    ReportPlots Plots)
{
    public static ReportView Of(string shopId, ShopReport report) => new(
        shopId,
        report.Period.From,
        report.Period.To,
        report.TimeZone,
        report.GeneratedAt,
        report.Cases,
        report.ServiceTargets,
        report.Backlog,
        report.PaymentReminders,
        report.Reviews,
        report.Days,
        ReportCharts.For(report));
}
