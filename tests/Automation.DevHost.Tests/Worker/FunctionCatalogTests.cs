using Automation.DevHost.Rpc;
using Automation.DevHost.Settings;
using Automation.DevHost.Worker;

namespace Automation.DevHost.Tests.Worker;

/// <summary>Function ids and triggers from a FunctionMetadataResponse, as worker indexing delivers them.</summary>
public sealed class FunctionCatalogTests
{
    private static readonly AppSettings Settings = new([], [], new Dictionary<string, string?>
    {
        ["Schedule"] = "0 */5 * * * *",
        ["QueueSetting"] = "Outbound-Messages",
        ["AzureWebJobs.Off.Disabled"] = "true",
    });

    [Fact]
    public void Read_HttpTimerAndQueueBindings_TriggersWithSettingsResolved()
    {
        var response = Response(
            Metadata("Shops", "1", """{"name":"req","direction":"In","type":"httpTrigger","authLevel":"Function","methods":["get","put"],"route":"/shops/{shopId}/","properties":{}}""", """{"name":"$return","type":"http","direction":"Out"}"""),
            Metadata("Sweep", "2", """{"name":"timer","direction":"In","type":"timerTrigger","schedule":"%Schedule%","runOnStartup":true,"useMonitor":false,"properties":{}}"""),
            Metadata("Deliver", "3", """{"name":"message","direction":"In","type":"queueTrigger","dataType":"String","queueName":"%QueueSetting%","connection":"Other","properties":{}}"""),
            Metadata("Off", "4", """{"name":"req","direction":"In","type":"httpTrigger","authLevel":"Anonymous","properties":{}}"""));

        var functions = FunctionCatalog.Read(response, "/app", Settings).ToDictionary(f => f.Name);

        var shops = functions["Shops"];
        Assert.Equal(("1", DevHostTriggerKind.Http, "req", "shops/{shopId}", "function"), (shops.Id, shops.Function.TriggerKind, shops.Function.TriggerParameter, shops.Function.Route, shops.Function.AuthLevel));
        Assert.Equal(["GET", "PUT"], shops.Function.Methods!);
        Assert.True(shops.IsServed);
        var sweep = functions["Sweep"].Function;
        Assert.Equal(("0 */5 * * * *", true, false), (sweep.Schedule, sweep.RunOnStartup, sweep.UseMonitor));
        var deliver = functions["Deliver"].Function;
        Assert.Equal(("outbound-messages", "Other", "message"), (deliver.QueueName, deliver.Connection, deliver.TriggerParameter));
        var off = functions["Off"];
        Assert.True(off.Function.IsDisabled);
        Assert.False(off.IsServed);
        Assert.Equal(("Off", null), (off.Function.Route, off.Function.Methods));
    }

    [Fact]
    public void Read_MetadataWithRawBindingsOnly_FillsTheBindingsMapForTheLoadRequest()
    {
        var response = Response(Metadata("Deliver", "3", """{"name":"message","direction":"In","type":"queueTrigger","dataType":"String","queueName":"q","properties":{}}""", """{"name":"$return","type":"queue","direction":"Out"}"""));

        var metadata = Assert.Single(FunctionCatalog.Read(response, "/app", Settings)).Metadata;

        Assert.Equal("/app", metadata.Directory);
        Assert.Equal(("queueTrigger", BindingInfo.Types.Direction.In, BindingInfo.Types.DataType.String), (metadata.Bindings["message"].Type, metadata.Bindings["message"].Direction, metadata.Bindings["message"].DataType));
        Assert.Equal(BindingInfo.Types.Direction.Out, metadata.Bindings["$return"].Direction);
    }

    [Fact]
    public void Read_SettingMissingOrBadSchedule_FunctionNotServedWithTheReason()
    {
        var response = Response(
            Metadata("NoSetting", "1", """{"name":"t","type":"timerTrigger","direction":"In","schedule":"%Nope%"}"""),
            Metadata("BadSchedule", "2", """{"name":"t","type":"timerTrigger","direction":"In","schedule":"every minute"}"""),
            Metadata("Blob", "3", """{"name":"b","type":"blobTrigger","direction":"In","path":"x/{name}"}"""));

        var functions = FunctionCatalog.Read(response, "/app", Settings).ToDictionary(f => f.Name);

        Assert.Contains("'Nope', which is not set", functions["NoSetting"].Error, StringComparison.Ordinal);
        Assert.Contains("every minute", functions["BadSchedule"].Error, StringComparison.Ordinal);
        Assert.Equal(DevHostTriggerKind.Other, functions["Blob"].Function.TriggerKind);
        Assert.Contains("blobTrigger", functions["Blob"].Error, StringComparison.Ordinal);
        Assert.All(functions.Values, f => Assert.False(f.IsServed));
    }

    [Fact]
    public void Read_IndexingFailed_FailsWithTheWorkersException()
    {
        var response = new FunctionMetadataResponse
        {
            Result = new StatusResult { Status = StatusResult.Types.Status.Failure, Exception = new RpcException { Type = "System.IO.FileNotFoundException", Message = "no app" } },
        };

        var failure = Assert.Throws<DevHostStartupException>(() => FunctionCatalog.Read(response, "/app", Settings));

        Assert.Equal("The worker could not index its functions: System.IO.FileNotFoundException: no app", failure.Message);
    }

    private static FunctionMetadataResponse Response(params RpcFunctionMetadata[] functions)
    {
        var response = new FunctionMetadataResponse { Result = new StatusResult { Status = StatusResult.Types.Status.Success } };
        response.FunctionMetadataResults.AddRange(functions);
        return response;
    }

    private static RpcFunctionMetadata Metadata(string name, string id, params string[] rawBindings)
    {
        var metadata = new RpcFunctionMetadata { Name = name, FunctionId = id, ScriptFile = "App.dll", EntryPoint = "App." + name, Language = "dotnet-isolated" };
        metadata.RawBindings.AddRange(rawBindings);
        return metadata;
    }
}
