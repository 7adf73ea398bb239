using Automation.Core.Messaging;
using Automation.Core.Orders;
using Automation.Core.Time;

namespace Automation.Core.Security;

/// <summary>A request to issue a key, as sent: <c>{"scope": "shop" | "agent", "agentId", "name", "validFor": "P90D"}</c>.</summary>
public sealed record ApiKeyIssueInput(string? Scope, string? AgentId, string? Name, string? ValidFor);

/// <summary>A request to rotate a key, as sent: how long the old key keeps working, and the new key's lifetime.</summary>
public sealed record ApiKeyRotateInput(string? PreviousValidFor, string? ValidFor);

/// <summary>A checked request to issue a key. <paramref name="ValidFor"/> null: the key works until revoked.</summary>
public sealed record ApiKeyRequest(ApiKeyScope Scope, string? AgentId, string? Name, TimeSpan? ValidFor);

/// <summary>A checked rotation: the old key ends after <paramref name="PreviousValidFor"/> (zero: now).</summary>
public sealed record ApiKeyRotation(TimeSpan PreviousValidFor, TimeSpan? ValidFor);

public static class ApiKeyRequestValidator
{
    public const int MaxNameLength = 100;

    /// <summary>A key that must work longer is issued again, and keys with no end are available for that.</summary>
    public static readonly TimeSpan MaxValidFor = TimeSpan.FromDays(400);

    /// <summary>Long enough to roll the new key out to every client that holds the old one.</summary>
    public static readonly TimeSpan DefaultPreviousValidFor = TimeSpan.FromHours(24);

    public static readonly TimeSpan MaxPreviousValidFor = TimeSpan.FromDays(30);

    public static ValidationResult<ApiKeyRequest> Validate(ApiKeyIssueInput? input)
    {
        var errors = new ValidationErrors();
        if (input is null)
        {
            errors.Add("", "Send {\"scope\": \"shop\"} or {\"scope\": \"agent\", \"agentId\": \"...\"}.");
            return errors.ToFailure<ApiKeyRequest>();
        }

        ApiKeyScope? scope = input.Scope switch
        {
            "shop" => ApiKeyScope.Shop,
            "agent" => ApiKeyScope.Agent,
            _ => null,
        };
        if (scope is null)
        {
            errors.Add("scope", "Must be \"shop\" (ops: the whole shop) or \"agent\" (one agent's own tasks).");
        }

        if (scope == ApiKeyScope.Agent && !OrderEventValidator.IsValidId(input.AgentId))
        {
            errors.Add("agentId", "An agent key names its agent: 1 to 128 characters of letters, digits, '.', '_', ':' and '-'.");
        }
        else if (scope == ApiKeyScope.Shop && input.AgentId is not null)
        {
            errors.Add("agentId", "A shop key belongs to no agent; leave agentId out.");
        }

        if (input.Name is { } name && (name.Length > MaxNameLength || CustomerText.FindForbidden(name) is not null))
        {
            errors.Add("name", $"At most {MaxNameLength} characters, without control or invisible characters.");
        }

        var validFor = ParseOptional(input.ValidFor, MaxValidFor, "validFor", errors);
        return errors.ToResult(() => new ApiKeyRequest(scope!.Value, input.AgentId, input.Name, validFor));
    }

    public static ValidationResult<ApiKeyRotation> Validate(ApiKeyRotateInput? input)
    {
        var errors = new ValidationErrors();
        var previous = ParseOptional(input?.PreviousValidFor, MaxPreviousValidFor, "previousValidFor", errors, allowZero: true);
        var validFor = ParseOptional(input?.ValidFor, MaxValidFor, "validFor", errors);
        return errors.ToResult(() => new ApiKeyRotation(previous ?? DefaultPreviousValidFor, validFor));
    }

    private static TimeSpan? ParseOptional(string? text, TimeSpan max, string path, ValidationErrors errors, bool allowZero = false)
    {
        if (text is null)
        {
            return null;
        }

        var duration = DurationInput.Parse(text, max, out var error, allowZero);
        if (error is not null)
        {
            errors.Add(path, error);
        }

        return duration;
    }
}
