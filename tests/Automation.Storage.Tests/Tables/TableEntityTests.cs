using Automation.Storage.Tables;

namespace Automation.Storage.Tests.Tables;

public sealed class TableEntityTests
{
    [Fact]
    public void Constructor_Keys_AreDictionaryEntries()
    {
        var entity = new TableEntity("p", "r") { ["A"] = 1 };

        Assert.Equal("p", entity["PartitionKey"]);
        Assert.Equal("r", entity["RowKey"]);
        Assert.Equal(["PartitionKey", "RowKey", "A"], entity.Keys);
    }

    [Fact]
    public void Indexer_KeySetToNonString_Throws()
    {
        var entity = new TableEntity("p", "r");

        Assert.Throws<ArgumentException>(() => entity["RowKey"] = 5);
        Assert.Throws<ArgumentNullException>(() => entity.PartitionKey = null!);
    }

    [Theory]
    [InlineData("Timestamp")]
    [InlineData("odata.etag")]
    [InlineData("A@odata.type")]
    [InlineData("")]
    public void Indexer_ReservedOrInvalidName_Throws(string name)
    {
        var entity = new TableEntity("p", "r");

        Assert.ThrowsAny<ArgumentException>(() => entity[name] = "x");
    }

    [Fact]
    public void Remove_Key_IsNotSupportedButPropertiesAre()
    {
        var entity = new TableEntity("p", "r") { ["A"] = 1 };

        Assert.Throws<NotSupportedException>(() => entity.Remove("RowKey"));
        Assert.True(entity.Remove("A"));
        Assert.False(entity.Remove("A"));
    }

    [Fact]
    public void Clear_KeepsKeys()
    {
        var entity = new TableEntity("p", "r") { ["A"] = 1, ["B"] = 2 };

        entity.Clear();

        Assert.Equal(2, entity.Count);
        Assert.Equal(("p", "r"), (entity.PartitionKey, entity.RowKey));
    }

    [Fact]
    public void Add_Existing_Throws()
    {
        var entity = new TableEntity("p", "r") { ["A"] = 1 };

        Assert.Throws<ArgumentException>(() => entity.Add("A", 2));
    }

    [Fact]
    public void TypedGetters_Absent_ReturnNull()
    {
        var entity = new TableEntity("p", "r") { ["Null"] = null };

        Assert.Null(entity.GetString("X"));
        Assert.Null(entity.GetInt32("X"));
        Assert.Null(entity.GetInt64("X"));
        Assert.Null(entity.GetDouble("X"));
        Assert.Null(entity.GetBoolean("X"));
        Assert.Null(entity.GetDateTimeOffset("X"));
        Assert.Null(entity.GetGuid("X"));
        Assert.Null(entity.GetBinary("X"));
        Assert.Null(entity.GetInt32("Null"));
    }

    [Fact]
    public void TypedGetters_LosslessNumericWidening_Converts()
    {
        var entity = new TableEntity("p", "r") { ["Int"] = 2, ["SmallLong"] = 3L, ["BigLong"] = long.MaxValue };

        Assert.Equal(2L, entity.GetInt64("Int"));
        Assert.Equal(2.0, entity.GetDouble("Int"));
        Assert.Equal(3, entity.GetInt32("SmallLong"));
        Assert.Throws<InvalidOperationException>(() => entity.GetInt32("BigLong"));
    }

    [Fact]
    public void TypedGetters_WrongType_ThrowNamingProperty()
    {
        var entity = new TableEntity("p", "r") { ["S"] = "text" };

        var e = Assert.Throws<InvalidOperationException>(() => entity.GetInt32("S"));

        Assert.Contains("'S'", e.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => entity.GetGuid("S"));
        Assert.Throws<InvalidOperationException>(() => entity.GetBinary("S"));
    }

    [Fact]
    public void GetDateTimeOffset_UtcDateTime_Converts()
    {
        var entity = new TableEntity("p", "r") { ["D"] = new DateTime(2024, 8, 5, 10, 0, 0, DateTimeKind.Utc) };

        Assert.Equal(new DateTimeOffset(2024, 8, 5, 10, 0, 0, TimeSpan.Zero), entity.GetDateTimeOffset("D"));
    }
}
