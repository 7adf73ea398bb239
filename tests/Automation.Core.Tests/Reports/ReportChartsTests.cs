using System.Xml.Linq;
using Automation.Core.Cases;
using Automation.Core.Reports;
using static Automation.Core.Tests.Support.Zones;

namespace Automation.Core.Tests.Reports;

public class ReportChartsTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    private static ShopReport Report()
    {
        var period = new ReportPeriod(AtLocal("2026-11-01 00:00", Shanghai), AtLocal("2026-11-08 00:00", Shanghai));
        var open = Tests.Cases.TestCases.At(CaseKind.Exchange, CaseStatus.PendingReview, AtLocal("2026-11-07 10:00", Shanghai));
        var reminders = new[] { new ReminderSent("A1", 1, AtLocal("2026-11-02 10:00", Shanghai), AtLocal("2026-11-02 11:00", Shanghai)) };
        return ShopReportBuilder.Build(period, [open], [open], reminders, ServiceTargets.Default, Shanghai, AtLocal("2026-11-08 00:00", Shanghai));
    }

    [Fact]
    public void For_EachPlot_IsAnSvgDocumentWithOneBarPerValue()
    {
        var plots = ReportCharts.For(Report());

        var backlog = XElement.Parse(plots.BacklogByAge);
        Assert.Equal(Svg + "svg", backlog.Name);
        Assert.Contains(backlog.Elements(Svg + "rect"), r => r.Element(Svg + "title")!.Value == "4h–1d: 1");
        Assert.Equal(5, backlog.Elements(Svg + "rect").Count()); // one per age band, zero-height ones included

        // 7 days, one reminded order on the 2nd: one conversion bar; the other days measured nothing and draw none.
        var conversion = XElement.Parse(plots.ReminderConversionByDay);
        var bar = Assert.Single(conversion.Elements(Svg + "rect"));
        Assert.Equal("11-02: 100%", bar.Element(Svg + "title")!.Value);
        Assert.Contains(conversion.Elements(Svg + "text"), t => t.Value == "11-07");
    }

    [Fact]
    public void Sheet_HoldsTheHeadlinesAndTheFourCharts()
    {
        var sheet = XElement.Parse(ReportCharts.Sheet(Report()));

        Assert.Equal(4, sheet.Elements(Svg + "svg").Count());
        Assert.Contains(sheet.Elements(Svg + "text"), t => t.Value == "2026-11-01 00:00 to 2026-11-08 00:00 (Asia/Shanghai): 1 cases opened, 1 unresolved now");
        Assert.Contains(sheet.Elements(Svg + "text"), t => t.Value.StartsWith("Average first response none yet;", StringComparison.Ordinal));
        Assert.Contains(sheet.Elements(Svg + "text"), t => t.Value.EndsWith("reminded orders paid afterwards 100% (1 of 1)", StringComparison.Ordinal));
    }
}
