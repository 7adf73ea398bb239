using System.Globalization;
using System.Xml.Linq;
using Automation.Core.Time;

namespace Automation.Core.Reports;

/// <summary>The report's small plots, each a standalone SVG document.</summary>
public sealed record ReportPlots(string BacklogByAge, string FirstResponseByDay, string TargetsMetByDay, string ReminderConversionByDay);

/// <summary>
/// Draws a report's figures as small SVG bar charts. Written here rather than taken from a charting library: four bar
/// charts are a few dozen lines of SVG, and the libraries on offer (ScottPlot, OxyPlot, LiveCharts) bring a rendering
/// stack (SkiaSharp and its native binaries) to a serverless app for what a browser draws from markup. The markup is
/// built with <see cref="XElement"/>, so every label is escaped.
/// </summary>
public static class ReportCharts
{
    private const int Width = 600;
    private const int Height = 180;
    private const int PlotLeft = 48;
    private const int PlotRight = Width - 12;
    private const int PlotTop = 34;
    private const int PlotBottom = Height - 30;
    private const int MaxLabels = 10;
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    public static ReportPlots For(ShopReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return new ReportPlots(
            BacklogByAge(report).ToString(SaveOptions.DisableFormatting),
            FirstResponseByDay(report).ToString(SaveOptions.DisableFormatting),
            TargetsMetByDay(report).ToString(SaveOptions.DisableFormatting),
            ReminderConversionByDay(report).ToString(SaveOptions.DisableFormatting));
    }

    /// <summary>One SVG with the headline figures and the four charts under each other: what <c>format=svg</c> answers.</summary>
    public static string Sheet(ShopReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var (cases, targets, reminders) = (report.Cases, report.ServiceTargets.All, report.PaymentReminders);
        var zone = TimeZoneInfo.FindSystemTimeZoneById(report.TimeZone);
        string[] headlines =
        [
            $"{Local(report.Period.From, zone)} to {Local(report.Period.To, zone)} ({report.TimeZone}): {cases.Opened} cases opened, {report.Backlog.Open} unresolved now",
            $"Average first response {Minutes(cases.AverageFirstResponseMinutes)}; average time to refund {Hours(cases.AverageHoursToRefund)} ({cases.Refunded} refunded, {cases.RefundPending} pending)",
            $"Service targets met {Share(targets.MetShare)} ({targets.Met} of {targets.Decided} decided); reminded orders paid afterwards {Share(reminders.Conversion)} ({reminders.PaidAfterwards} of {reminders.RemindedOrders})",
        ];
        const int headerHeight = 70;
        var charts = new[] { BacklogByAge(report), FirstResponseByDay(report), TargetsMetByDay(report), ReminderConversionByDay(report) };
        var sheet = new XElement(
            Svg + "svg",
            new XAttribute("width", Width),
            new XAttribute("height", headerHeight + (charts.Length * Height)),
            new XAttribute("font-family", "sans-serif"),
            headlines.Select((line, i) => Text(8, 20 + (i * 18), line, 12, i == 0 ? "bold" : null)),
            charts.Select((chart, i) =>
            {
                chart.SetAttributeValue("y", headerHeight + (i * Height));
                return chart;
            }));
        return sheet.ToString(SaveOptions.DisableFormatting);
    }

    private static XElement BacklogByAge(ShopReport report) => BarChart(
        $"Open cases by age ({report.Backlog.Open} open)",
        [.. report.Backlog.ByAge.Select(b => new Bar(AgeLabel(b.Age), b.Count, b.Count.ToString(CultureInfo.InvariantCulture)))],
        percent: false);

    private static XElement FirstResponseByDay(ShopReport report) => BarChart(
        "Average first response by opening day (minutes)",
        [.. report.Days.Select(d => new Bar(DayLabel(d.Date), d.AverageFirstResponseMinutes, Number(d.AverageFirstResponseMinutes)))],
        percent: false);

    private static XElement TargetsMetByDay(ShopReport report) => BarChart(
        "Service targets met by opening day",
        [.. report.Days.Select(d => new Bar(DayLabel(d.Date), d.TargetsMetShare, Share(d.TargetsMetShare)))],
        percent: true);

    private static XElement ReminderConversionByDay(ShopReport report) => BarChart(
        "Reminded orders paid afterwards, by first reminder's day",
        [.. report.Days.Select(d => new Bar(DayLabel(d.Date), d.Conversion, Share(d.Conversion)))],
        percent: true);

    /// <summary>A bar: no value draws no bar (a day with nothing to measure is not a day at zero).</summary>
    private sealed record Bar(string Label, double? Value, string ValueText);

    private static XElement BarChart(string title, IReadOnlyList<Bar> bars, bool percent)
    {
        var max = percent ? 1.0 : Math.Max(1.0, bars.Max(b => b.Value) ?? 0);
        var slot = (double)(PlotRight - PlotLeft) / Math.Max(1, bars.Count);
        var labelEvery = (int)Math.Ceiling(bars.Count / (double)MaxLabels);
        var showValues = bars.Count <= 12;
        var chart = new XElement(
            Svg + "svg",
            new XAttribute("width", Width),
            new XAttribute("height", Height),
            new XAttribute("font-family", "sans-serif"),
            new XElement(Svg + "title", title),
            Text(8, 18, title, 13, "bold"),
            Line(PlotLeft, PlotBottom, PlotRight, PlotBottom),
            Line(PlotLeft, PlotTop, PlotLeft, PlotBottom),
            Text(PlotLeft - 4, PlotTop + 4, percent ? "100%" : Number(max), 10, null, "end"),
            Text(PlotLeft - 4, PlotBottom, "0", 10, null, "end"));
        for (var i = 0; i < bars.Count; i++)
        {
            var bar = bars[i];
            var center = PlotLeft + (slot * (i + 0.5));
            if (bar.Value is { } value)
            {
                var height = (PlotBottom - PlotTop) * Math.Clamp(value / max, 0, 1);
                chart.Add(new XElement(
                    Svg + "rect",
                    new XAttribute("x", Coordinate(center - (slot * 0.35))),
                    new XAttribute("y", Coordinate(PlotBottom - height)),
                    new XAttribute("width", Coordinate(slot * 0.7)),
                    new XAttribute("height", Coordinate(height)),
                    new XAttribute("fill", "#4a7bd0"),
                    new XElement(Svg + "title", $"{bar.Label}: {bar.ValueText}")));
                if (showValues)
                {
                    chart.Add(Text(center, PlotBottom - height - 4, bar.ValueText, 10, null, "middle"));
                }
            }

            if (i % labelEvery == 0 || i == bars.Count - 1)
            {
                chart.Add(Text(center, PlotBottom + 14, bar.Label, 10, null, "middle"));
            }
        }

        return chart;
    }

    private static XElement Text(double x, double y, string text, int size, string? weight, string anchor = "start")
    {
        var element = new XElement(
            Svg + "text",
            new XAttribute("x", Coordinate(x)),
            new XAttribute("y", Coordinate(y)),
            new XAttribute("font-size", size),
            new XAttribute("text-anchor", anchor),
            text);
        if (weight is not null)
        {
            element.SetAttributeValue("font-weight", weight);
        }

        return element;
    }

    private static XElement Line(double x1, double y1, double x2, double y2) => new(
        Svg + "line",
        new XAttribute("x1", Coordinate(x1)),
        new XAttribute("y1", Coordinate(y1)),
        new XAttribute("x2", Coordinate(x2)),
        new XAttribute("y2", Coordinate(y2)),
        new XAttribute("stroke", "#888"));

    private static string AgeLabel(string age) => age.Replace("under_", "< ", StringComparison.Ordinal)
        .Replace("over_", "> ", StringComparison.Ordinal)
        .Replace("_to_", "–", StringComparison.Ordinal);

    private static string DayLabel(DateOnly day) => day.ToString("MM-dd", CultureInfo.InvariantCulture);

    private static string Local(DateTimeOffset instant, TimeZoneInfo zone) => ZonedTime.ToLocal(instant, zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    private static string Coordinate(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    private static string Number(double? value) => value is { } v ? v.ToString("0.#", CultureInfo.InvariantCulture) : "–";

    private static string Share(double? share) => share is { } s ? (s * 100).ToString("0", CultureInfo.InvariantCulture) + "%" : "–";

    private static string Minutes(double? minutes) => minutes is { } m ? Number(m) + " min" : "none yet";

    private static string Hours(double? hours) => hours is { } h ? Number(h) + " h" : "none yet";
}
