using System.ComponentModel.DataAnnotations;

namespace Automation.Functions.Features.Messaging;

/// <summary>How messages are swept and delivered (configuration section "Delivery"; validated on start).</summary>
internal sealed class MessageDeliveryOptions
{
    public const string Section = "Delivery";

    /// <summary>Timeout of one attempt to a shop's endpoint: an HTTP request, or a whole SMTP session (connect, sign in, send).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:01:00")]
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Quick retries inside one delivery; longer waits are the queue's redelivery, not a retry loop.</summary>
    [Range(0, 5)]
    public int RetriesPerDelivery { get; set; } = 2;

    /// <summary>Deliveries (queue redeliveries) before a message is recorded as failed for good.</summary>
    [Range(1, 20)]
    public int MaxAttempts { get; set; } = 5;

    /// <summary>How long a claim on a message keeps other instances off it; longer than one whole delivery.</summary>
    [Range(typeof(TimeSpan), "00:00:10", "00:30:00")]
    public TimeSpan ClaimLease { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>At most this many due messages are handed off by one sweep; the rest go in the next one.</summary>
    [Range(1, 100_000)]
    public int SweepLimit { get; set; } = 5000;

    [Range(1, 64)]
    public int SweepParallelism { get; set; } = 8;
}
