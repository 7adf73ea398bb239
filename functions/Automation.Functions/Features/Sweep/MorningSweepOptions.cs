using System.ComponentModel.DataAnnotations;

namespace Automation.Functions.Features.Sweep;

/// <summary>How the morning sweep runs (configuration section "MorningSweep"; validated on start).</summary>
internal sealed class MorningSweepOptions
{
    public const string Section = "MorningSweep";

    /// <summary>The product's public address, for the task links in agents' messages (<c>{base}/api/shops/{shopId}/tasks/{taskId}</c>).</summary>
    [Required]
    public Uri PublicBaseUrl { get; set; } = new("http://127.0.0.1:7071");

    /// <summary>How long a claim on an agent's message keeps other instances off it; longer than one send with its retries.</summary>
    [Range(typeof(TimeSpan), "00:00:10", "00:30:00")]
    public TimeSpan DigestLease { get; set; } = TimeSpan.FromMinutes(2);
}
