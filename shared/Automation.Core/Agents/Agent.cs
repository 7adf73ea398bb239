using System.Collections.Frozen;

namespace Automation.Core.Agents;

/// <summary>What an agent may be assigned: the sweep gives each task to an agent whose roles include the task's.</summary>
public enum AgentRole
{
    PreSale,
    AfterSale,
    Complaints,

    /// <summary>Receives what could not be assigned and what is still open at the deadline.</summary>
    Supervisor,
}

/// <summary>Where an agent's task list is pushed: a work-chat group robot, or the shop's own signed webhook.</summary>
public enum AgentChannelType
{
    /// <summary>The product's own JSON, signed like every other outbound message (Standard Webhooks, a <c>whsec_</c> secret).</summary>
    Webhook,

    /// <summary>A WeCom (企业微信) group robot: <c>https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…</c>.</summary>
    WeCom,

    /// <summary>A DingTalk (钉钉) custom robot: <c>https://oapi.dingtalk.com/robot/send?access_token=…</c>, optionally signed.</summary>
    DingTalk,

    /// <summary>A Slack incoming webhook: <c>https://hooks.slack.com/services/T…/B…/…</c>.</summary>
    Slack,
}

/// <summary>
/// A channel an agent's list is sent to. For the robots the URL itself is the credential (WeCom <c>key</c>, DingTalk
/// <c>access_token</c>, Slack's path), so it is treated as a secret like <see cref="Secret"/>: kept out of
/// <see cref="ToString"/> and not shown back to ops. <see cref="Secret"/> signs the product's webhook, or a DingTalk
/// robot whose security setting is signing (加签, a secret starting "SEC"); WeCom and Slack robots have none.
/// </summary>
public sealed record AgentChannel(AgentChannelType Type, Uri Url, string? Secret)
{
    /// <summary>Whether <see cref="Url"/> carries a credential (every robot); the product's webhook URL does not.</summary>
    public bool UrlIsSecret => Type != AgentChannelType.Webhook;

    // The host says which robot service it is; the path and query hold the robot's credential.
    public override string ToString()
        => $"AgentChannel {{ Type = {AgentNames.Name(Type)}, Host = {Url.Host}, Secret = {(Secret is null ? "none" : "***")} }}";
}

/// <summary>
/// A member of the shop's team who receives tasks (validated; build with <see cref="AgentSettingsValidator"/>).
/// Inactive agents keep their settings but are given no new tasks.
/// </summary>
public sealed record Agent(
    string Id,
    string Name,
    IReadOnlyList<AgentRole> Roles,
    bool Active,
    int MaxOpenTasks,
    AgentChannel Channel)
{
    public const int DefaultMaxOpenTasks = 20;

    public bool HasRole(AgentRole role) => Roles.Contains(role);

    // Roles spelled out (a list prints as its type name); the channel prints without its URL or secret.
    public override string ToString()
        => $"Agent {{ Id = {Id}, Name = {Name}, Roles = [{string.Join(", ", Roles.Select(AgentNames.Name))}], Active = {Active}, MaxOpenTasks = {MaxOpenTasks}, Channel = {Channel} }}";
}

/// <summary>The names of roles and channel types as written in settings: "pre_sale", "wecom".</summary>
public static class AgentNames
{
    private static readonly FrozenDictionary<AgentRole, string> RoleNames = new Dictionary<AgentRole, string>
    {
        [AgentRole.PreSale] = "pre_sale",
        [AgentRole.AfterSale] = "after_sale",
        [AgentRole.Complaints] = "complaints",
        [AgentRole.Supervisor] = "supervisor",
    }.ToFrozenDictionary();

    // Spelled as the vendors' products are commonly written in lowercase, not derived from the enum names ("we_com").
    private static readonly FrozenDictionary<AgentChannelType, string> ChannelNames = new Dictionary<AgentChannelType, string>
    {
        [AgentChannelType.Webhook] = "webhook",
        [AgentChannelType.WeCom] = "wecom",
        [AgentChannelType.DingTalk] = "dingtalk",
        [AgentChannelType.Slack] = "slack",
    }.ToFrozenDictionary();

    public static IReadOnlyList<string> Roles { get; } = [.. Enum.GetValues<AgentRole>().Select(Name)];

    public static IReadOnlyList<string> ChannelTypes { get; } = [.. Enum.GetValues<AgentChannelType>().Select(Name)];

    public static string Name(AgentRole role) => RoleNames[role];

    public static string Name(AgentChannelType type) => ChannelNames[type];

    /// <summary>Parses an exact name ("after_sale"); case-sensitive, like every name in the API.</summary>
    public static bool TryParseRole(string? name, out AgentRole role) => TryParse(RoleNames, name, out role);

    /// <inheritdoc cref="TryParseRole"/>
    public static bool TryParseChannelType(string? name, out AgentChannelType type) => TryParse(ChannelNames, name, out type);

    private static bool TryParse<T>(FrozenDictionary<T, string> names, string? name, out T value)
        where T : struct, Enum
    {
        foreach (var (candidate, candidateName) in names)
        {
            if (string.Equals(candidateName, name, StringComparison.Ordinal))
            {
                value = candidate;
                return true;
            }
        }

        value = default;
        return false;
    }
}
