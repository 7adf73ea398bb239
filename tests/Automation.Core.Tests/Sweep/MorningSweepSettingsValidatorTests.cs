using System.Text.Json;
using Automation.Core.Sweep;
using static Automation.Core.Tests.Support.Zones;

namespace Automation.Core.Tests.Sweep;

public class MorningSweepSettingsValidatorTests
{
    private static MorningSweepInput Parse(string json) => JsonSerializer.Deserialize<MorningSweepInput>(json, JsonSerializerOptions.Web)!;

    [Fact]
    public void Validate_NoInput_GivesDefaults()
    {
        var settings = MorningSweepSettingsValidator.Validate(null).Value;

        Assert.Same(MorningSweepSettings.Default, settings);
        Assert.Equal(new MorningSweepSettings(T("09:00"), T("12:00")), settings);
    }

    [Fact]
    public void Validate_OnlyAt_KeepsDefaultDeadline()
    {
        var result = MorningSweepSettingsValidator.Validate(Parse("""{ "at": "08:30" }"""));

        Assert.Equal(new MorningSweepSettings(T("08:30"), T("12:00")), result.Value);
    }

    [Fact]
    public void Validate_Example_RoundTripsThroughFrom()
    {
        var settings = MorningSweepSettingsValidator.Validate(Parse("""{ "at": "07:45", "deadline": "11:15" }""")).Value!;

        Assert.Equal(new MorningSweepSettings(T("07:45"), T("11:15")), settings);
        Assert.Equal(settings, MorningSweepSettingsValidator.Validate(MorningSweepInput.From(settings)).Value);
    }

    [Theory]
    [InlineData("""{ "at": "9:00" }""", "morningSweep.at")]
    [InlineData("""{ "at": "24:00" }""", "morningSweep.at")]
    [InlineData("""{ "deadline": "noon" }""", "morningSweep.deadline")]
    [InlineData("""{ "at": "12:00", "deadline": "12:00" }""", "morningSweep.deadline")]
    [InlineData("""{ "at": "13:00" }""", "morningSweep.deadline")]
    [InlineData("""{ "at": "22:00", "deadline": "02:00" }""", "morningSweep.deadline")]
    public void Validate_BadField_IsReportedByPath(string json, string path)
    {
        var result = MorningSweepSettingsValidator.Validate(Parse(json));

        Assert.False(result.IsValid);
        Assert.Equal([path], result.Errors.Keys);
    }

    [Fact]
    public void Validate_BothTimesBad_ReportsBoth()
    {
        var result = MorningSweepSettingsValidator.Validate(Parse("""{ "at": "25:00", "deadline": "" }"""));

        Assert.Equal(["morningSweep.at", "morningSweep.deadline"], result.Errors.Keys.Order());
    }

    [Fact]
    public void Validate_WithErrorsAndPath_AddsUnderThatPath()
    {
        var errors = new ValidationErrors();

        var settings = MorningSweepSettingsValidator.Validate(new MorningSweepInput { At = "x" }, errors, "shop.morningSweep");

        Assert.Null(settings);
        Assert.True(errors.Has("shop.morningSweep.at"));
    }
}
