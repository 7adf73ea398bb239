using System.Diagnostics.CodeAnalysis;

namespace Automation.Core.Agents;

/// <summary>
/// One entry of the shop settings' <c>agents</c> as received:
/// <c>{ "id", "name", "roles": ["after_sale"], "active": true, "maxOpenTasks": 20, "channel": { "type", "url", "secret" } }</c>.
/// <see cref="AgentSettingsValidator"/> checks it.
/// </summary>
public sealed class AgentInput
{
    public string? Id { get; set; }

    public string? Name { get; set; }

    /// <summary>"pre_sale", "after_sale", "complaints", "supervisor".</summary>
    [SuppressMessage("Usage", "CA2227:Collection properties should be read only", Justification = "Input DTO bound by System.Text.Json.")]
    [SuppressMessage("Design", "CA1002:Do not expose generic lists", Justification = "Input DTO bound by System.Text.Json.")]
    public List<string>? Roles { get; set; }

    /// <summary>Null means true.</summary>
    public bool? Active { get; set; }

    /// <summary>Null means <see cref="Agent.DefaultMaxOpenTasks"/>.</summary>
    public int? MaxOpenTasks { get; set; }

    public AgentChannelInput? Channel { get; set; }

    /// <summary>
    /// The input that validates back to <paramref name="agent"/> (for storing settings as JSON). Without secrets (for
    /// showing settings) the secret is left out, and so is a robot's URL, which is its credential; validated together
    /// with the stored settings, an input without them keeps the stored ones.
    /// </summary>
    public static AgentInput From(Agent agent, bool includeSecrets = true)
    {
        ArgumentNullException.ThrowIfNull(agent);
        var channel = agent.Channel;
        return new AgentInput
        {
            Id = agent.Id,
            Name = agent.Name,
            Roles = [.. agent.Roles.Select(AgentNames.Name)],
            Active = agent.Active,
            MaxOpenTasks = agent.MaxOpenTasks,
            Channel = new AgentChannelInput
            {
                Type = AgentNames.Name(channel.Type),
                Url = includeSecrets || !channel.UrlIsSecret ? channel.Url.OriginalString : null,
                Secret = includeSecrets ? channel.Secret : null,
            },
        };
    }
}

/// <summary>An agent's channel as received: <c>{ "type": "webhook" | "wecom" | "dingtalk" | "slack", "url", "secret" }</c>.</summary>
public sealed class AgentChannelInput
{
    public string? Type { get; set; }

    /// <summary>Null keeps the stored URL of the same agent's channel of the same type (robot URLs are never shown back).</summary>
    public string? Url { get; set; }

    /// <summary>
    /// Null keeps the stored secret of the same agent's channel of the same type. Required for <c>webhook</c>; for
    /// <c>dingtalk</c> the robot's signing secret ("SEC…") when its security setting is signing, "" for none.
    /// </summary>
    public string? Secret { get; set; }
}
