using Automation.Storage.Pipeline;
using Azure.Core;
using Azure.Core.Pipeline;
using Microsoft.Extensions.Time.Testing;

namespace Automation.Storage.Tests.Pipeline;

public sealed class SharedKeySigningTests
{
    private static readonly byte[] DevKey = Convert.FromBase64String(StorageAccount.DevelopmentAccountKey);
    private static readonly DateTimeOffset VectorTime = new(2024, 8, 5, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void ComputeSignature_TableVector_MatchesReference()
    {
        var signature = SharedKeySigning.ComputeSignature(
            DevKey, "Mon, 05 Aug 2024 10:00:00 GMT\n/devstoreaccount1/devstoreaccount1/jobs(PartitionKey='p1',RowKey='r1')");

        Assert.Equal("lDc14BJVskty0cpnQewh9DSr+TwVPJjo//rJsO0hgmY=", signature);
    }

    [Fact]
    public void ComputeSignature_QueueVector_MatchesReference()
    {
        var signature = SharedKeySigning.ComputeSignature(
            DevKey,
            "GET\n\n\n\n\n\n\n\n\n\n\n\nx-ms-date:Mon, 05 Aug 2024 10:00:00 GMT\nx-ms-version:2020-12-06\n" +
            "/devstoreaccount1/devstoreaccount1/jobs-due/messages\nnumofmessages:32\nvisibilitytimeout:60");

        Assert.Equal("lAlvHMLj0Epv/TpVZsvax0TVUh+/qDrvR59fIDXDwfw=", signature);
    }

    [Fact]
    public void FormatDate_Utc_IsRfc1123()
    {
        Assert.Equal("Mon, 05 Aug 2024 10:00:00 GMT", SharedKeySigning.FormatDate(new DateTimeOffset(2024, 8, 5, 12, 0, 0, TimeSpan.FromHours(2))));
    }

    [Fact]
    public void TablePolicy_PathStyleEntityRequest_SignsReferenceVector()
    {
        var message = CreateMessage(RequestMethod.Get, "http://127.0.0.1:10002/devstoreaccount1/jobs(PartitionKey='p1',RowKey='r1')");
        var policy = new TableSharedKeyLitePolicy("devstoreaccount1", DevKey, Clock());

        policy.OnSendingRequest(message);

        Assert.True(message.Request.Headers.TryGetValue("x-ms-date", out var date));
        Assert.Equal("Mon, 05 Aug 2024 10:00:00 GMT", date);
        Assert.True(message.Request.Headers.TryGetValue("Authorization", out var authorization));
        Assert.Equal("SharedKeyLite devstoreaccount1:lDc14BJVskty0cpnQewh9DSr+TwVPJjo//rJsO0hgmY=", authorization);
    }

    [Fact]
    public void TableStringToSign_QueryWithComp_KeepsOnlyComp()
    {
        var stringToSign = TableSharedKeyLitePolicy.BuildStringToSign(
            "D", "acct", new Uri("https://acct.table.core.windows.net/Tables?$filter=x%20eq%201&comp=acl&NextTableName=a"));

        Assert.Equal("D\n/acct/Tables?comp=acl", stringToSign);
    }

    [Fact]
    public void TableStringToSign_QueryWithoutComp_SignsPathOnly()
    {
        var stringToSign = TableSharedKeyLitePolicy.BuildStringToSign(
            "D", "devstoreaccount1",
            new Uri("http://127.0.0.1:10002/devstoreaccount1/jobs()?$filter=PartitionKey%20eq%20%27a%27&NextPartitionKey=1%212"));

        Assert.Equal("D\n/devstoreaccount1/devstoreaccount1/jobs()", stringToSign);
    }

    [Fact]
    public void QueuePolicy_GetMessages_SignsReferenceVector()
    {
        var message = CreateMessage(
            RequestMethod.Get, "http://127.0.0.1:10001/devstoreaccount1/jobs-due/messages?numofmessages=32&visibilitytimeout=60");
        message.Request.Headers.SetValue("x-ms-version", "2020-12-06");
        var policy = new QueueSharedKeyPolicy("devstoreaccount1", DevKey, Clock());

        policy.OnSendingRequest(message);

        Assert.True(message.Request.Headers.TryGetValue("Authorization", out var authorization));
        Assert.Equal("SharedKey devstoreaccount1:lAlvHMLj0Epv/TpVZsvax0TVUh+/qDrvR59fIDXDwfw=", authorization);
    }

    [Fact]
    public void QueueStringToSign_PutMessage_IncludesLengthTypeAndDecodedSortedQuery()
    {
        var message = CreateMessage(
            RequestMethod.Post, "http://127.0.0.1:10001/devstoreaccount1/q/messages?visibilitytimeout=0&messagettl=-1&popreceipt=a%2Bb%3D");
        message.Request.Content = RequestContent.Create("<QueueMessage/>"u8.ToArray());
        message.Request.Headers.SetValue("Content-Type", "application/xml");
        message.Request.Headers.SetValue("x-ms-version", "2020-12-06");
        message.Request.Headers.SetValue("X-MS-Client-Request-Id", "id1");
        message.Request.Headers.SetValue("x-ms-date", "D");

        var stringToSign = QueueSharedKeyPolicy.BuildStringToSign(message.Request, "devstoreaccount1");

        Assert.Equal(
            "POST\n\n\n15\n\napplication/xml\n\n\n\n\n\n\n" +
            "x-ms-client-request-id:id1\nx-ms-date:D\nx-ms-version:2020-12-06\n" +
            "/devstoreaccount1/devstoreaccount1/q/messages\nmessagettl:-1\npopreceipt:a+b=\nvisibilitytimeout:0",
            stringToSign);
    }

    [Fact]
    public async Task Pipeline_RetriedRequest_ResignsEachAttemptWithFreshDate()
    {
        var clock = Clock();
        using var transport = new StubTransport(503, 200);
        transport.OnAttempt = () => clock.Advance(TimeSpan.FromMinutes(1));
        var options = new StorageClientOptions { TimeProvider = clock, Transport = transport };
        options.Retry.Delay = TimeSpan.FromMilliseconds(1);
        var account = StorageAccount.FromConnectionString("UseDevelopmentStorage=true");
        var pipeline = StoragePipeline.Build(account, options, StorageService.Table);
        var message = pipeline.CreateMessage();
        message.Request.Method = RequestMethod.Get;
        message.Request.Uri.Reset(new Uri("http://127.0.0.1:10002/devstoreaccount1/jobs(PartitionKey='p1',RowKey='r1')"));

        await pipeline.SendAsync(message, CancellationToken.None);

        Assert.Equal(2, transport.Attempts.Count);
        Assert.Equal("Mon, 05 Aug 2024 10:00:00 GMT", transport.Attempts[0]["x-ms-date"]);
        Assert.Equal("SharedKeyLite devstoreaccount1:lDc14BJVskty0cpnQewh9DSr+TwVPJjo//rJsO0hgmY=", transport.Attempts[0]["Authorization"]);
        Assert.Equal("Mon, 05 Aug 2024 10:01:00 GMT", transport.Attempts[1]["x-ms-date"]);
        Assert.NotEqual(transport.Attempts[0]["Authorization"], transport.Attempts[1]["Authorization"]);
    }

    [Fact]
    public async Task Pipeline_QueueRequest_SignsEveryMsHeaderTheCorePoliciesAdd()
    {
        using var transport = new StubTransport(200);
        var options = new StorageClientOptions { TimeProvider = Clock(), Transport = transport };
        var account = StorageAccount.FromConnectionString("UseDevelopmentStorage=true");
        var pipeline = StoragePipeline.Build(account, options, StorageService.Queue);
        var message = pipeline.CreateMessage();
        message.Request.Method = RequestMethod.Get;
        message.Request.Uri.Reset(new Uri("http://127.0.0.1:10001/devstoreaccount1/q?comp=metadata"));
        message.Request.Headers.SetValue("x-ms-version", StorageClientOptions.ServiceVersion);

        await pipeline.SendAsync(message, CancellationToken.None);

        var sent = transport.Attempts.Single();
        var requestId = sent["x-ms-client-request-id"];
        var expected = SharedKeySigning.ComputeSignature(
            DevKey,
            "GET\n\n\n\n\n\n\n\n\n\n\n\n" +
            $"x-ms-client-request-id:{requestId}\nx-ms-date:Mon, 05 Aug 2024 10:00:00 GMT\n" +
            "x-ms-return-client-request-id:true\nx-ms-version:2020-12-06\n" +
            "/devstoreaccount1/devstoreaccount1/q\ncomp:metadata");
        Assert.Equal($"SharedKey devstoreaccount1:{expected}", sent["Authorization"]);
    }

    private static FakeTimeProvider Clock() => new(VectorTime);

    private static HttpMessage CreateMessage(RequestMethod method, string uri)
    {
        var pipeline = HttpPipelineBuilder.Build(new StorageClientOptions());
        var message = pipeline.CreateMessage();
        message.Request.Method = method;
        message.Request.Uri.Reset(new Uri(uri));
        return message;
    }
}
