using Automation.DevHost.Worker;

namespace Automation.DevHost.Tests.Worker;

public sealed class WorkerConfigTests : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("devhost-workerconfig-");

    public void Dispose() => _root.Delete(recursive: true);

    [Fact]
    public void CommandLine_BuiltApp_QuotedWorkerPathThenLegacyThenPrefixedArguments()
    {
        var config = WorkerConfig.Load(TestApp.ScriptRoot);

        var commandLine = config.CommandLine(new Uri("http://127.0.0.1:5005/"), "w-1", "r-1");

        Assert.Equal("dotnet", config.ExecutablePath);
        Assert.Equal(
            $"\"{Path.Combine(TestApp.ScriptRoot, "Automation.DevHost.TestApp.dll")}\" " +
            "--host 127.0.0.1 --port 5005 --workerId w-1 --requestId r-1 --grpcMaxMessageLength 2147483647 " +
            "--functions-uri http://127.0.0.1:5005/ --functions-worker-id w-1 --functions-request-id r-1 --functions-grpc-max-message-length 2147483647",
            commandLine);
    }

    [Fact]
    public void Load_NativeExecutableWithArguments_ExpandsWorkerRootAndPutsArgumentsFirst()
    {
        File.WriteAllText(Path.Combine(_root.FullName, "worker.config.json"), """
            { "description": { "defaultExecutablePath": "{WorkerRoot}App", "arguments": ["--first one"], "workerArguments": ["--after"] } }
            """);

        var config = WorkerConfig.Load(_root.FullName);

        Assert.Equal(Path.Combine(_root.FullName, OperatingSystem.IsWindows() ? "App.exe" : "App"), config.ExecutablePath);
        Assert.StartsWith("--first one --after --host 127.0.0.1", config.CommandLine(new Uri("http://127.0.0.1:1/"), "w", "r"), StringComparison.Ordinal);
    }

    [Fact]
    public void Load_NoExecutable_FailsNamingTheFile()
    {
        File.WriteAllText(Path.Combine(_root.FullName, "worker.config.json"), """{ "description": { } }""");

        var failure = Assert.Throws<DevHostStartupException>(() => WorkerConfig.Load(_root.FullName));

        Assert.Contains("defaultExecutablePath", failure.Message, StringComparison.Ordinal);
    }
}
