using Azure.Core;
using Automation.Storage.Queues;

namespace Automation.Storage;

/// <summary>
/// Pipeline options for the table and queue clients. Retries are few and short on purpose: callers run
/// inside Functions triggers whose own redelivery is the long retry, so do not stack a long one on top.
/// </summary>
public sealed class StorageClientOptions : ClientOptions
{
    /// <summary>The pinned REST API version: accepted by Azure and by every Azurite release since 3.15.</summary>
    public const string ServiceVersion = "2020-12-06";

    public StorageClientOptions()
    {
        Retry.Mode = RetryMode.Exponential;
        Retry.MaxRetries = 3;
        Retry.Delay = TimeSpan.FromMilliseconds(200);
        Retry.MaxDelay = TimeSpan.FromSeconds(2);
        Retry.NetworkTimeout = TimeSpan.FromSeconds(30);
        Diagnostics.LoggedHeaderNames.Add("x-ms-error-code");
        Diagnostics.LoggedHeaderNames.Add("x-ms-version");
        Diagnostics.LoggedHeaderNames.Add("x-ms-continuation-NextPartitionKey");
        Diagnostics.LoggedHeaderNames.Add("x-ms-continuation-NextRowKey");
        Diagnostics.LoggedHeaderNames.Add("x-ms-approximate-messages-count");
    }

    /// <summary>
    /// The clock used for <c>x-ms-date</c> when signing with a shared key. Keep it the real clock
    /// (the default) unless you test signing: the service rejects dates more than ~15 minutes off.
    /// </summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>How queue message text is encoded on the wire; Base64 is what the Functions queue trigger expects.</summary>
    public QueueMessageEncoding MessageEncoding { get; set; } = QueueMessageEncoding.Base64;
}
