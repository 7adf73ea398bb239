using System.Text;
using Automation.Storage.Tables;
using Azure;

namespace Automation.Storage.Tests.Tables;

public sealed class TableTransactionBatchTests
{
    private const string TableUrl = "http://127.0.0.1:10002/devstoreaccount1/jobs";

    [Fact]
    public void Build_AddAndDelete_WritesCrlfMultipartWithAbsoluteUrls()
    {
        var etag = new ETag("W/\"datetime'2024-08-05T10%3A00%3A00.1234567Z'\"");
        var body = Encoding.UTF8.GetString(TableTransactionBatch.Build(
            [
                new(TableTransactionActionType.Add, new TableEntity("b-1", "a") { ["Kind"] = "email" }),
                new(TableTransactionActionType.Delete, new TableEntity("b-1", "old"), etag),
            ],
            TableUrl,
            e => $"{TableUrl}(PartitionKey='{e.PartitionKey}',RowKey='{e.RowKey}')",
            "batch_b1",
            "changeset_c1"));

        var expected =
            "--batch_b1\r\n" +
            "Content-Type: multipart/mixed; boundary=changeset_c1\r\n" +
            "\r\n" +
            "--changeset_c1\r\n" +
            "Content-Type: application/http\r\n" +
            "Content-Transfer-Encoding: binary\r\n" +
            "\r\n" +
            "POST http://127.0.0.1:10002/devstoreaccount1/jobs HTTP/1.1\r\n" +
            "Accept: application/json;odata=minimalmetadata\r\n" +
            "DataServiceVersion: 3.0;\r\n" +
            "Content-Type: application/json\r\n" +
            "Prefer: return-no-content\r\n" +
            "\r\n" +
            "{\"PartitionKey\":\"b-1\",\"RowKey\":\"a\",\"Kind\":\"email\"}\r\n" +
            "--changeset_c1\r\n" +
            "Content-Type: application/http\r\n" +
            "Content-Transfer-Encoding: binary\r\n" +
            "\r\n" +
            "DELETE http://127.0.0.1:10002/devstoreaccount1/jobs(PartitionKey='b-1',RowKey='old') HTTP/1.1\r\n" +
            "Accept: application/json;odata=minimalmetadata\r\n" +
            "DataServiceVersion: 3.0;\r\n" +
            "If-Match: W/\"datetime'2024-08-05T10%3A00%3A00.1234567Z'\"\r\n" +
            "\r\n" +
            "\r\n" +
            "--changeset_c1--\r\n" +
            "--batch_b1--\r\n";
        Assert.Equal(expected, body);
    }

    [Theory]
    [InlineData(TableTransactionActionType.UpdateMerge, "MERGE", "*")]
    [InlineData(TableTransactionActionType.UpdateReplace, "PUT", "*")]
    [InlineData(TableTransactionActionType.UpsertMerge, "MERGE", null)]
    [InlineData(TableTransactionActionType.UpsertReplace, "PUT", null)]
    [InlineData(TableTransactionActionType.Delete, "DELETE", "*")]
    public void Build_ActionType_UsesVerbAndIfMatch(TableTransactionActionType type, string verb, string? ifMatch)
    {
        var body = Encoding.UTF8.GetString(TableTransactionBatch.Build(
            [new(type, new TableEntity("p", "r"))], TableUrl, _ => TableUrl + "(x)", "batch_b", "changeset_c"));

        Assert.Contains($"\r\n{verb} {TableUrl}(x) HTTP/1.1\r\n", body, StringComparison.Ordinal);
        if (ifMatch is null)
        {
            Assert.DoesNotContain("If-Match", body, StringComparison.Ordinal);
        }
        else
        {
            Assert.Contains($"If-Match: {ifMatch}\r\n", body, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Parse_SuccessResponse_ReturnsEachPartWithETag()
    {
        const string body =
            "--batchresponse_1\r\nContent-Type: multipart/mixed; boundary=changesetresponse_2\r\n\r\n" +
            "--changesetresponse_2\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\n" +
            "HTTP/1.1 204 No Content\r\nDataServiceVersion: 3.0;\r\nETag: W/\"datetime'2026-11-22T10%3A31%3A45.0099895Z'\"\r\n\r\n\r\n" +
            "--changesetresponse_2\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\n" +
            "HTTP/1.1 204 No Content\r\nDataServiceVersion: 3.0;\r\n\r\n\r\n" +
            "--changesetresponse_2--\r\n--batchresponse_1--\r\n";

        var parts = TableTransactionBatch.Parse(body);

        Assert.Equal(2, parts.Count);
        Assert.All(parts, p => Assert.Equal(204, p.Status));
        Assert.Equal("W/\"datetime'2026-11-22T10%3A31%3A45.0099895Z'\"", parts[0].Headers["etag"]);
        Assert.False(parts[1].Headers.ContainsKey("ETag"));
    }

    [Fact]
    public void Parse_FailureWithStrayBoundary_FindsTheStatusLineAndBody()
    {
        const string body =
            "--batchresponse_1\r\n--batchresponse_1\r\nContent-Type: application/http\r\n\r\n" +
            "HTTP/1.1 404 Not Found\r\nContent-ID: 2\r\nContent-Type: application/json;odata=minimalmetadata;charset=utf-8\r\n\r\n" +
            "{\"odata.error\":{\"code\":\"ResourceNotFound\",\"message\":{\"lang\":\"en-US\",\"value\":\"1:The specified resource does not exist.\\nRequestId:x\"}}}\r\n" +
            "--batchresponse_1--\r\n";

        var part = Assert.Single(TableTransactionBatch.Parse(body));

        Assert.Equal(404, part.Status);
        Assert.Equal("Not Found", part.Reason);
        Assert.StartsWith("{\"odata.error\"", part.Body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1:The specified resource does not exist.", 1)]
    [InlineData("99:x", 99)]
    [InlineData("The batch request body is malformed.", null)]
    [InlineData("x1:y", null)]
    [InlineData(null, null)]
    public void FailedIndexOf_ServiceMessage_ParsesLeadingIndex(string? message, int? expected)
    {
        Assert.Equal(expected, TableTransactionBatch.FailedIndexOf(message));
    }

    [Theory]
    [InlineData("multipart/mixed; boundary=batchresponse_abc-1", "batchresponse_abc-1")]
    [InlineData("multipart/mixed;boundary=\"batchresponse_q\"", "batchresponse_q")]
    [InlineData("application/json", null)]
    [InlineData(null, null)]
    public void BoundaryOf_ContentType_ReturnsParameter(string? contentType, string? expected)
    {
        Assert.Equal(expected, TableTransactionBatch.BoundaryOf(contentType));
    }
}
