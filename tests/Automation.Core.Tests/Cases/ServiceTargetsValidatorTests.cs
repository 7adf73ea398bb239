using System.Text.Json;
using Automation.Core.Cases;
using static Automation.Core.Tests.Support.Zones;

namespace Automation.Core.Tests.Cases;

public class ServiceTargetsValidatorTests
{
    private static ServiceTargetsInput Parse(string json) => JsonSerializer.Deserialize<ServiceTargetsInput>(json, JsonSerializerOptions.Web)!;

    [Fact]
    public void Validate_NoInput_GivesDefaults()
    {
        var targets = ServiceTargetsValidator.Validate(null).Value!;

        Assert.Same(ServiceTargets.Default, targets);
        Assert.Equal(TimeSpan.FromMinutes(5), targets.FirstResponse);
        Assert.Equal(TimeSpan.FromHours(48), targets.LogisticsResolution);
        Assert.Equal(TimeSpan.FromHours(9), targets.ResolutionFor(CaseKind.RefundOnly));
        Assert.Equal(TimeSpan.FromHours(9), targets.ResolutionFor(CaseKind.ReturnRefund));
        Assert.Equal(TimeSpan.FromHours(18), targets.ResolutionFor(CaseKind.Exchange));
        Assert.Equal(new WorkingSchedule(T("09:00"), T("18:00"), WorkingSchedule.AllWeek), targets.WorkingHours);
        Assert.Equal(TimeSpan.FromHours(2), targets.DueSoon);
        Assert.Equal(TimeSpan.FromDays(10), targets.ReturnWindow);
    }

    [Fact]
    public void Validate_Example_IsValid()
    {
        var input = Parse("""
            { "firstResponse": "PT10M", "logisticsResolution": "PT24H", "resolution": { "exchange": "PT27H" },
              "workingHours": { "opens": "08:30", "closes": "24:00", "days": ["mon", "tue", "wed", "thu", "fri"] },
              "dueSoon": "PT0S", "returnWindow": "P14D" }
            """);

        var result = ServiceTargetsValidator.Validate(input);

        Assert.True(result.IsValid, string.Join("; ", result.Errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")));
        var targets = result.Value;
        Assert.Equal(TimeSpan.FromMinutes(10), targets.FirstResponse);
        Assert.Equal(TimeSpan.FromHours(27), targets.ResolutionFor(CaseKind.Exchange));
        Assert.Equal(TimeSpan.FromHours(9), targets.ResolutionFor(CaseKind.RefundOnly));
        Assert.Equal(TimeSpan.FromHours(15.5), targets.WorkingHours.Length);
        Assert.Equal(5, targets.WorkingHours.Days.Count);
        Assert.DoesNotContain(DayOfWeek.Sunday, targets.WorkingHours.Days);
        Assert.Equal(TimeSpan.Zero, targets.DueSoon);
        Assert.Equal(TimeSpan.FromDays(14), targets.ReturnWindow);
    }

    [Fact]
    public void Validate_ManyBadFields_ReportsEveryOneByPath()
    {
        var input = Parse("""
            { "firstResponse": "5m", "logisticsResolution": "P31D", "resolution": { "refund": "PT1H", "exchange": "PT0S" },
              "workingHours": { "opens": "18:00", "closes": "09:00", "days": ["mon", "Tue", "mon"] },
              "dueSoon": "-PT1H", "returnWindow": "P1M" }
            """);

        var result = ServiceTargetsValidator.Validate(input);

        Assert.Equal(
            [
                "slas.dueSoon", "slas.firstResponse", "slas.logisticsResolution", "slas.resolution.exchange", "slas.resolution.refund",
                "slas.returnWindow", "slas.workingHours.closes", "slas.workingHours.days[1]", "slas.workingHours.days[2]",
            ],
            result.Errors.Keys.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("""{ "workingHours": { "days": [] } }""", "slas.workingHours.days")]
    [InlineData("""{ "workingHours": { "opens": "24:00" } }""", "slas.workingHours.opens")]
    [InlineData("""{ "workingHours": { "closes": "25:00" } }""", "slas.workingHours.closes")]
    [InlineData("""{ "workingHours": { "opens": "09:00", "closes": "09:00" } }""", "slas.workingHours.closes")]
    public void Validate_BadWorkingHours_NamesTheField(string json, string path)
    {
        Assert.Equal([path], ServiceTargetsValidator.Validate(Parse(json)).Errors.Keys);
    }

    [Fact]
    public void Validate_InsideShopSettings_AddsToTheirErrorsUnderThePath()
    {
        var errors = new ValidationErrors();
        errors.Add("name", "The shop's name is required.");

        var targets = ServiceTargetsValidator.Validate(Parse("""{ "dueSoon": "soon" }"""), errors, "slas");

        Assert.Null(targets);
        Assert.True(errors.Has("name"));
        Assert.True(errors.Has("slas.dueSoon"));
        Assert.NotNull(ServiceTargetsValidator.Validate(null, errors, "slas"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("""{ "firstResponse": "PT3M", "resolution": { "refund_only": "PT4H30M" }, "workingHours": { "opens": "08:00", "closes": "24:00", "days": ["sat", "sun", "mon"] }, "returnWindow": "P7D" }""")]
    public void From_Settings_ValidatesBackToThem(string? json)
    {
        var targets = ServiceTargetsValidator.Validate(json is null ? null : Parse(json)).Value!;

        var stored = JsonSerializer.Serialize(ServiceTargetsInput.From(targets), JsonSerializerOptions.Web);
        var again = ServiceTargetsValidator.Validate(Parse(stored)).Value!;

        Assert.Equal(targets.FirstResponse, again.FirstResponse);
        Assert.Equal(targets.LogisticsResolution, again.LogisticsResolution);
        Assert.Equal(targets.Resolution.OrderBy(r => r.Key), again.Resolution.OrderBy(r => r.Key));
        Assert.Equal(targets.WorkingHours, again.WorkingHours);
        Assert.Equal(targets.DueSoon, again.DueSoon);
        Assert.Equal(targets.ReturnWindow, again.ReturnWindow);
    }

    [Theory]
    [InlineData(DayOfWeek.Monday, "mon")]
    [InlineData(DayOfWeek.Sunday, "sun")]
    public void Name_Day_IsTheSettingsSpelling(DayOfWeek day, string name)
    {
        Assert.Equal(name, ServiceTargetsValidator.Name(day));
    }
}
