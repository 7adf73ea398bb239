namespace Automation.Core.Messaging;

public enum SendDecisionKind
{
    Send,
    Skip,
    Defer,
}

/// <summary>What to do with a due message right before sending it: send now, skip for good (with a reason), or try again later.</summary>
public sealed record SendDecision(SendDecisionKind Kind, string? Reason, DateTimeOffset? DeferUntil)
{
    public static SendDecision Send { get; } = new(SendDecisionKind.Send, null, null);

    public static SendDecision Skip(string reason)
    {
        ArgumentException.ThrowIfNullOrEmpty(reason);
        return new(SendDecisionKind.Skip, reason, null);
    }

    /// <summary>Not now; <paramref name="reason"/> says why the message waits.</summary>
    public static SendDecision Defer(DateTimeOffset until, string reason)
    {
        ArgumentException.ThrowIfNullOrEmpty(reason);
        return new(SendDecisionKind.Defer, reason, until);
    }
}
