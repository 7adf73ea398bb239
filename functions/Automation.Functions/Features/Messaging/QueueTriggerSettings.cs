using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;

namespace Automation.Functions.Features.Messaging;

/// <summary>
/// The host's queue-trigger setting the delivery function needs to know: after how many deliveries a failing message
/// goes to the poison queue. The host reads it from host.json (<c>extensions.queues.maxDequeueCount</c>, default 5),
/// and an app setting <c>AzureFunctionsJobHost__extensions__queues__maxDequeueCount</c> overrides it; the worker reads
/// the same two places, so its "last delivery" is the host's.
/// </summary>
internal sealed class QueueTriggerSettings
{
    public const int DefaultMaxDequeueCount = 5;

    [Range(1, 1000)]
    public int MaxDequeueCount { get; set; } = DefaultMaxDequeueCount;

    public static void Read(QueueTriggerSettings settings, IConfiguration configuration)
    {
        // The Functions host starts the worker with FUNCTIONS_APPLICATION_DIRECTORY = the script root (where host.json is).
        var appDirectory = configuration["FUNCTIONS_APPLICATION_DIRECTORY"] is { Length: > 0 } directory ? directory : AppContext.BaseDirectory;
        var hostJson = new ConfigurationBuilder().AddJsonFile(Path.Combine(appDirectory, "host.json"), optional: true).Build();
        const string key = "extensions:queues:maxDequeueCount";
        var value = configuration["AzureFunctionsJobHost:" + key] ?? hostJson[key];
        if (value is not null)
        {
            settings.MaxDequeueCount = int.TryParse(value, out var count)
                ? count
                : throw new InvalidOperationException($"host.json {key} must be a whole number, not '{value}'.");
        }
    }
}
