namespace Automation.Core.Messaging;

/// <summary>One planned step of a message: either due at a time, or skipped for a reason (see <see cref="SkipReasons"/>).</summary>
public sealed record PlannedMessage(string Kind, int Step, DateTimeOffset? DueAt, string? SkipReason)
{
    public bool IsSkipped => SkipReason is not null;

    public static PlannedMessage Due(string kind, int step, DateTimeOffset dueAt) => new(kind, step, dueAt, null);

    public static PlannedMessage Skipped(string kind, int step, string reason)
    {
        ArgumentException.ThrowIfNullOrEmpty(reason);
        return new(kind, step, null, reason);
    }
}
