using System.Text;
using System.Text.Json;
using Automation.Storage.Tables;
using Azure;

namespace Automation.Storage.Tests.Tables;

public sealed class TableEntityJsonTests
{
    [Fact]
    public void Serialize_EveryType_WritesEdmAnnotations()
    {
        var entity = new TableEntity("p", "r")
        {
            ["S"] = "a'b",
            ["I"] = 42,
            ["L"] = 42L,
            ["D"] = 2.0,
            ["B"] = true,
            ["T"] = new DateTimeOffset(2024, 8, 5, 12, 0, 0, TimeSpan.FromHours(2)),
            ["U"] = new DateTime(2024, 8, 5, 10, 0, 0, DateTimeKind.Unspecified),
            ["G"] = new Guid("c9da6455-213d-42c9-9a79-3e9149a57833"),
            ["X"] = new byte[] { 1, 2, 3 },
            ["N"] = null,
        };

        using var json = JsonDocument.Parse(TableEntityJson.Serialize(entity));
        var root = json.RootElement;

        Assert.Equal("p", root.GetProperty("PartitionKey").GetString());
        Assert.Equal("a'b", root.GetProperty("S").GetString());
        Assert.Equal(JsonValueKind.Number, root.GetProperty("I").ValueKind);
        Assert.False(root.TryGetProperty("I@odata.type", out _));
        Assert.Equal("Edm.Int64", root.GetProperty("L@odata.type").GetString());
        Assert.Equal("42", root.GetProperty("L").GetString());
        Assert.Equal("Edm.Double", root.GetProperty("D@odata.type").GetString());
        Assert.Equal(2.0, root.GetProperty("D").GetDouble());
        Assert.True(root.GetProperty("B").GetBoolean());
        Assert.Equal("Edm.DateTime", root.GetProperty("T@odata.type").GetString());
        Assert.Equal("2024-08-05T10:00:00.0000000Z", root.GetProperty("T").GetString());
        Assert.Equal("2024-08-05T10:00:00.0000000Z", root.GetProperty("U").GetString());
        Assert.Equal("Edm.Guid", root.GetProperty("G@odata.type").GetString());
        Assert.Equal("c9da6455-213d-42c9-9a79-3e9149a57833", root.GetProperty("G").GetString());
        Assert.Equal("Edm.Binary", root.GetProperty("X@odata.type").GetString());
        Assert.Equal("AQID", root.GetProperty("X").GetString());
        Assert.False(root.TryGetProperty("N", out _));
    }

    [Fact]
    public void Serialize_Output_IsOneLine()
    {
        var bytes = TableEntityJson.Serialize(new TableEntity("p", "r") { ["A"] = "x\ny", ["B"] = 1 });

        Assert.DoesNotContain((byte)'\n', bytes);
    }

    [Fact]
    public void Serialize_NonFiniteDouble_WritesStringValue()
    {
        using var json = JsonDocument.Parse(TableEntityJson.Serialize(new TableEntity("p", "r") { ["D"] = double.NaN }));

        Assert.Equal("NaN", json.RootElement.GetProperty("D").GetString());
    }

    [Fact]
    public void Serialize_LocalDateTime_Throws()
    {
        var entity = new TableEntity("p", "r") { ["When"] = new DateTime(2024, 8, 5, 10, 0, 0, DateTimeKind.Local) };

        var e = Assert.Throws<ArgumentException>(() => TableEntityJson.Serialize(entity));

        Assert.Contains("When", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Serialize_Before1601_Throws()
    {
        var entity = new TableEntity("p", "r") { ["When"] = DateTimeOffset.MinValue };

        Assert.Throws<ArgumentException>(() => TableEntityJson.Serialize(entity));
    }

    [Fact]
    public void Serialize_UnsupportedType_ThrowsNamingProperty()
    {
        var entity = new TableEntity("p", "r") { ["Price"] = 9.99m };

        var e = Assert.Throws<ArgumentException>(() => TableEntityJson.Serialize(entity));

        Assert.Contains("Price", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_MinimalMetadata_MapsAnnotationsToTypes()
    {
        const string json = """
            {"odata.metadata":"x","odata.etag":"W/\"datetime'2024-08-05T10%3A00%3A00.1234567Z'\"",
             "PartitionKey":"p","RowKey":"r","Timestamp":"2024-08-05T10:00:00.1234567Z",
             "I":7,"Big":3000000000,"D":2.0,"F":1.5,"Ann@odata.type":"Edm.Double","Ann":3,
             "L@odata.type":"Edm.Int64","L":"9007199254740993",
             "T@odata.type":"Edm.DateTime","T":"2024-08-05T10:00:00.1234567Z",
             "G@odata.type":"Edm.Guid","G":"c9da6455-213d-42c9-9a79-3e9149a57833",
             "X@odata.type":"Edm.Binary","X":"AQID","B":false,"S":"s","Inf@odata.type":"Edm.Double","Inf":"-Infinity"}
            """;

        using var document = JsonDocument.Parse(Encoding.UTF8.GetBytes(json));
        var entity = TableEntityJson.Read(document.RootElement);

        Assert.Equal(("p", "r"), (entity.PartitionKey, entity.RowKey));
        Assert.Equal(new ETag("W/\"datetime'2024-08-05T10%3A00%3A00.1234567Z'\""), entity.ETag);
        Assert.Equal(new DateTimeOffset(2024, 8, 5, 10, 0, 0, TimeSpan.Zero).AddTicks(1234567), entity.Timestamp);
        Assert.IsType<int>(entity["I"]);
        Assert.IsType<long>(entity["Big"]);
        Assert.IsType<double>(entity["D"]);
        Assert.Equal(1.5, entity["F"]);
        Assert.Equal(3.0, Assert.IsType<double>(entity["Ann"]));
        Assert.Equal(9_007_199_254_740_993L, entity["L"]);
        Assert.Equal(new DateTimeOffset(2024, 8, 5, 10, 0, 0, TimeSpan.Zero).AddTicks(1234567), entity["T"]);
        Assert.Equal(new Guid("c9da6455-213d-42c9-9a79-3e9149a57833"), entity["G"]);
        Assert.Equal(new byte[] { 1, 2, 3 }, entity["X"]);
        Assert.Equal(false, entity["B"]);
        Assert.Equal("s", entity["S"]);
        Assert.Equal(double.NegativeInfinity, entity["Inf"]);
        Assert.False(entity.ContainsKey("Timestamp"));
        Assert.False(entity.ContainsKey("odata.etag"));
        Assert.False(entity.ContainsKey("L@odata.type"));
    }
}
