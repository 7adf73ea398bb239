using Automation.Storage.Tables;

namespace Automation.Storage.Tests.Tables;

public sealed class TableQueryFilterTests
{
    [Fact]
    public void CreateQueryFilter_String_QuotesAndDoublesQuotes()
    {
        var name = "O'Brien' or true or ''='";

        Assert.Equal("Name eq 'O''Brien'' or true or ''''='''", TableClient.CreateQueryFilter($"Name eq {name}"));
    }

    [Fact]
    public void CreateQueryFilter_Numbers_AreTypedLiterals()
    {
        Assert.Equal(
            "I eq 42 and L eq 42L and D eq 2.0 and F eq 0.5 and N eq -7",
            TableClient.CreateQueryFilter($"I eq {42} and L eq {42L} and D eq {2.0} and F eq {0.5} and N eq {-7}"));
    }

    [Theory]
    [InlineData(0.00001, "0.00001")]
    [InlineData(-1.25e-7, "-0.000000125")]
    [InlineData(1e20, "100000000000000000000.0")]
    [InlineData(-1.5e16, "-15000000000000000.0")]
    [InlineData(1.2345678901234568e-5, "0.000012345678901234568")]
    public void CreateQueryFilter_DoubleOutsideExponentFreeRange_IsPlainDecimalThatRoundTrips(double value, string expected)
    {
        var filter = TableClient.CreateQueryFilter($"D lt {value}");

        Assert.Equal("D lt " + expected, filter);
        Assert.Equal(value, double.Parse(expected, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void CreateQueryFilter_ExtremeDoubles_RoundTripWithoutExponent()
    {
        foreach (var value in new[] { double.Epsilon, -double.Epsilon, double.MaxValue, double.MinValue, 1e-5, 1e15, 123456.789e-300 })
        {
            var literal = TableClient.CreateQueryFilter($"{value}");

            Assert.DoesNotContain("E", literal, StringComparison.OrdinalIgnoreCase);
            Assert.Contains(".", literal, StringComparison.Ordinal);
            Assert.Equal(value, double.Parse(literal, System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    [Fact]
    public void CreateQueryFilter_Boolean_IsLowercase()
    {
        Assert.Equal("A eq true and B eq false", TableClient.CreateQueryFilter($"A eq {true} and B eq {false}"));
    }

    [Fact]
    public void CreateQueryFilter_Dates_AreUtcDatetimeLiterals()
    {
        var offset = new DateTimeOffset(2024, 8, 5, 12, 0, 0, TimeSpan.FromHours(2));
        var utc = new DateTime(2024, 8, 5, 10, 0, 0, DateTimeKind.Utc).AddTicks(1);

        Assert.Equal(
            "A lt datetime'2024-08-05T10:00:00.0000000Z' and B ge datetime'2024-08-05T10:00:00.0000001Z'",
            TableClient.CreateQueryFilter($"A lt {offset} and B ge {utc}"));
    }

    [Fact]
    public void CreateQueryFilter_GuidAndBinary_AreTypedLiterals()
    {
        var id = new Guid("c9da6455-213d-42c9-9a79-3e9149a57833");

        Assert.Equal(
            "G eq guid'c9da6455-213d-42c9-9a79-3e9149a57833' and X eq X'0a0bff'",
            TableClient.CreateQueryFilter($"G eq {id} and X eq {new byte[] { 10, 11, 255 }}"));
    }

    [Fact]
    public void CreateQueryFilter_NoArguments_ReturnsFormat()
    {
        Assert.Equal("PartitionKey eq 'a'", TableClient.CreateQueryFilter($"PartitionKey eq 'a'"));
    }

    [Fact]
    public void CreateQueryFilter_UnsupportedValues_Throw()
    {
        Assert.Throws<ArgumentException>(() => TableClient.CreateQueryFilter($"A eq {(string?)null}"));
        Assert.Throws<ArgumentException>(() => TableClient.CreateQueryFilter($"A eq {9.99m}"));
        Assert.Throws<ArgumentException>(() => TableClient.CreateQueryFilter($"A eq {double.NaN}"));
        Assert.Throws<ArgumentException>(() => TableClient.CreateQueryFilter($"A eq {DateTime.SpecifyKind(default, DateTimeKind.Local)}"));
        Assert.Throws<ArgumentException>(() => TableClient.CreateQueryFilter($"A eq {DayOfWeek.Monday}"));
    }
}
