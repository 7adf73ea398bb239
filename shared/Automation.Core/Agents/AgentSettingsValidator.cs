using System.Net;
using Automation.Core.Messaging;
using Automation.Core.Orders;
using Automation.Core.Security;
using Automation.Core.Shops;

namespace Automation.Core.Agents;

/// <summary>
/// Checks the shop settings' <c>agents</c> and reports every bad field by its JSON path (<c>agents[2].channel.url</c>).
/// Meant to be called from ShopSettingsValidator (the internal overload adds to its errors).
/// </summary>
public static class AgentSettingsValidator
{
    public const int MaxAgents = 200;
    public const int MaxNameLength = 100;
    public const int MaxOpenTasksAllowed = 500;
    public const int MaxSecretLength = 256;

    /// <summary>The vendors' fixed webhook hosts and paths (docs/reference: agent-channels.md §1–3).</summary>
    public const string WeComHost = "qyapi.weixin.qq.com";

    /// <inheritdoc cref="WeComHost"/>
    public const string WeComPath = "/cgi-bin/webhook/send";

    /// <inheritdoc cref="WeComHost"/>
    public const string DingTalkHost = "oapi.dingtalk.com";

    /// <inheritdoc cref="WeComHost"/>
    public const string DingTalkPath = "/robot/send";

    /// <inheritdoc cref="WeComHost"/>
    public const string SlackHost = "hooks.slack.com";

    /// <summary>Every DingTalk signing secret starts with this (加签).</summary>
    public const string DingTalkSecretPrefix = "SEC";

    // Same rule as an agent key's agentId (ApiKeyRequests), so that every agent can be given a key.
    private const string IdRule = "An agent id is 1 to 128 characters of letters, digits, '.', '_', ':' and '-', starting with a letter or digit.";

    private const string UrlRule = "Must be an absolute https URL without credentials (http only to localhost, 127.0.0.1 or [::1]).";

    public static ValidationResult<IReadOnlyList<Agent>> Validate(IReadOnlyList<AgentInput?>? input)
    {
        var errors = new ValidationErrors();
        var agents = Validate(input, existing: null, errors, "agents");
        return errors.ToResult(() => agents!);
    }

    /// <param name="existing">
    /// The stored agents: an agent whose channel (of the same type) leaves out its url or secret keeps the stored
    /// one, since neither is ever shown back.
    /// </param>
    /// <param name="stored">
    /// The settings are read back from storage: a <c>webhook</c> channel's plain secret saved before <c>whsec_</c>
    /// secrets were required stays accepted (<see cref="ShopSettingsValidator.ValidateStored"/>).
    /// </param>
    internal static IReadOnlyList<Agent>? Validate(IReadOnlyList<AgentInput?>? input, IReadOnlyList<Agent>? existing, ValidationErrors errors, string path, bool stored = false)
    {
        if (input is null)
        {
            return [];
        }

        var before = errors.Count;
        if (input.Count > MaxAgents)
        {
            errors.Add(path, $"At most {MaxAgents} agents per shop.");
        }

        var agents = new List<Agent>(input.Count);
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < input.Count; i++)
        {
            var itemPath = $"{path}[{i}]";
            if (input[i] is not { } item)
            {
                errors.Add(itemPath, "An agent object is required.");
                continue;
            }

            Agent? previous = null;
            if (!OrderEventValidator.IsValidId(item.Id))
            {
                errors.Add($"{itemPath}.id", IdRule);
            }
            else if (!ids.TryAdd(item.Id!, i))
            {
                errors.Add($"{itemPath}.id", $"{path}[{ids[item.Id!]}] has the same id; ids must be unique.");
            }
            else
            {
                previous = existing?.FirstOrDefault(a => string.Equals(a.Id, item.Id, StringComparison.Ordinal));
            }

            var name = ValidateName(item.Name, $"{itemPath}.name", errors);
            var roles = ValidateRoles(item.Roles, $"{itemPath}.roles", errors);
            var maxOpenTasks = item.MaxOpenTasks ?? Agent.DefaultMaxOpenTasks;
            if (maxOpenTasks is < 1 or > MaxOpenTasksAllowed)
            {
                errors.Add($"{itemPath}.maxOpenTasks", $"Must be from 1 to {MaxOpenTasksAllowed}; to give an agent no tasks, set active to false.");
            }

            var channel = ValidateChannel(item.Channel, previous?.Channel, stored, $"{itemPath}.channel", errors);
            if (name is not null && roles is not null && channel is not null && OrderEventValidator.IsValidId(item.Id))
            {
                agents.Add(new Agent(item.Id!, name, roles, item.Active ?? true, maxOpenTasks, channel));
            }
        }

        // No agents is the same empty list as the default, so settings without agents compare equal after a round trip.
        return errors.Count > before ? null : agents.Count == 0 ? Array.Empty<Agent>() : agents;
    }

    private static string? ValidateName(string? name, string path, ValidationErrors errors)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            errors.Add(path, "The agent's name is required.");
            return null;
        }

        if (name.Length > MaxNameLength)
        {
            errors.Add(path, $"At most {MaxNameLength} characters.");
            return null;
        }

        // The name is shown in work-chat groups and task lists.
        if (CustomerText.FindForbidden(name) is { } forbidden)
        {
            errors.Add(path, $"Must not contain control, bidi-override, zero-width or non-characters: {forbidden}.");
            return null;
        }

        return name.Trim();
    }

    private static List<AgentRole>? ValidateRoles(List<string>? names, string path, ValidationErrors errors)
    {
        var known = string.Join(", ", AgentNames.Roles.Select(r => $"\"{r}\""));
        if (names is null || names.Count == 0)
        {
            errors.Add(path, $"At least one role: {known}.");
            return null;
        }

        var before = errors.Count;
        var roles = new List<AgentRole>(names.Count);
        for (var j = 0; j < names.Count; j++)
        {
            if (!AgentNames.TryParseRole(names[j], out var role))
            {
                errors.Add($"{path}[{j}]", $"Unknown role; use {known}.");
            }
            else if (roles.Contains(role))
            {
                errors.Add($"{path}[{j}]", "This role is listed twice.");
            }
            else
            {
                roles.Add(role);
            }
        }

        return errors.Count > before ? null : roles;
    }

    private static AgentChannel? ValidateChannel(AgentChannelInput? input, AgentChannel? previous, bool stored, string path, ValidationErrors errors)
    {
        if (input is null)
        {
            errors.Add(path, "A channel is required: { \"type\", \"url\", \"secret\" }, where the agent's task list is sent.");
            return null;
        }

        if (!AgentNames.TryParseChannelType(input.Type, out var type))
        {
            errors.Add($"{path}.type", $"Must be one of {string.Join(", ", AgentNames.ChannelTypes.Select(t => $"\"{t}\""))}.");
            return null;
        }

        var before = errors.Count;

        // Neither is shown back, so an omitted one means "unchanged"; only for the same kind of channel, since a
        // robot's URL or secret means nothing to another kind.
        var kept = previous?.Type == type ? previous : null;
        var url = ValidateUrl(type, input.Url ?? kept?.Url.OriginalString, $"{path}.url", errors);
        var secret = ValidateSecret(type, input.Secret, kept?.Secret, stored, $"{path}.secret", errors);
        return errors.Count > before ? null : new AgentChannel(type, url!, secret);
    }

    private static Uri? ValidateUrl(AgentChannelType type, string? text, string path, ValidationErrors errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            errors.Add(path, $"The {AgentNames.Name(type)} URL is required{Example(type)}.");
            return null;
        }

        if (text.Length > InputFields.MaxUrlLength
            || CustomerText.FindForbidden(text) is not null
            || !Uri.TryCreate(text, UriKind.Absolute, out var url)
            || !ShopSettingsValidator.IsAllowedEndpoint(url))
        {
            errors.Add(path, UrlRule);
            return null;
        }

        // A literal address can be judged now; a host name is resolved and checked by the function app when the
        // settings are saved and again on every connection (DNS can change in between).
        if (IPAddress.TryParse(url.Host.Trim('[', ']'), out var address) && OutboundAddresses.Classify(address) == AddressKind.NonPublic)
        {
            errors.Add(path, "Must point to a public address, not a private, link-local or reserved one.");
            return null;
        }

        // A local sink (http or https on loopback) stands in for any robot in development and tests; a deployed app
        // refuses loopback when it connects (OutboundEndpointGuard).
        if (url.IsLoopback || IsVendorUrl(type, url))
        {
            return url;
        }

        errors.Add(path, $"Not a {AgentNames.Name(type)} robot URL{Example(type)}; copy it from the group's robot settings.");
        return null;
    }

    private static bool IsVendorUrl(AgentChannelType type, Uri url)
    {
        var vendor = url.Scheme == Uri.UriSchemeHttps && url.IsDefaultPort && string.IsNullOrEmpty(url.Fragment);
        return type switch
        {
            AgentChannelType.Webhook => true,
            AgentChannelType.WeCom => vendor && IsHost(url, WeComHost) && url.AbsolutePath == WeComPath && HasQueryValue(url, "key"),

            // The product appends timestamp and sign itself; a URL that already has them would be signed twice.
            AgentChannelType.DingTalk => vendor && IsHost(url, DingTalkHost) && url.AbsolutePath == DingTalkPath && HasQueryValue(url, "access_token")
                && !HasQueryValue(url, "timestamp") && !HasQueryValue(url, "sign"),

            // /services/T…/B…/token: three non-empty segments after /services.
            AgentChannelType.Slack => vendor && IsHost(url, SlackHost) && url.Segments.Length == 5 && url.Segments[1] == "services/"
                && url.Segments.Skip(2).All(s => s.TrimEnd('/').Length > 0) && !url.AbsolutePath.EndsWith('/'),
            _ => false,
        };

        static bool IsHost(Uri url, string host) => string.Equals(url.IdnHost, host, StringComparison.OrdinalIgnoreCase);
    }

    private static bool HasQueryValue(Uri url, string name)
    {
        foreach (var pair in url.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0 && string.Equals(pair[..equals], name, StringComparison.Ordinal) && equals < pair.Length - 1)
            {
                return true;
            }
        }

        return false;
    }

    private static string? ValidateSecret(AgentChannelType type, string? input, string? kept, bool stored, string path, ValidationErrors errors)
    {
        switch (type)
        {
            case AgentChannelType.Webhook:
                // The product signs its own JSON with it (Standard Webhooks), as it signs messages to the customer channel.
                return ShopSettingsValidator.ValidateSigningSecret(input, kept, stored, path, errors);

            case AgentChannelType.DingTalk:
                // Optional: a robot secured by keywords or an IP allow-list has none; "" removes a stored one.
                var signing = input ?? kept;
                if (string.IsNullOrEmpty(signing))
                {
                    return null;
                }

                if (!signing.StartsWith(DingTalkSecretPrefix, StringComparison.Ordinal)
                    || signing.Length > MaxSecretLength
                    || !signing.All(c => char.IsAscii(c) && !char.IsControl(c) && c != ' '))
                {
                    errors.Add(path, $"A DingTalk signing secret starts with \"{DingTalkSecretPrefix}\" (copy it from the robot's 加签 setting); send \"\" for a robot without signing.");
                    return null;
                }

                return signing;

            default:
                // WeCom and Slack robots are not signed: the URL is the credential. A secret here is a misunderstanding.
                if (!string.IsNullOrEmpty(input))
                {
                    errors.Add(path, $"A {AgentNames.Name(type)} robot takes no secret (its URL is the credential); leave secret out.");
                }

                return null;
        }
    }

    private static string Example(AgentChannelType type) => type switch
    {
        AgentChannelType.WeCom => $", e.g. https://{WeComHost}{WeComPath}?key=…",
        AgentChannelType.DingTalk => $", e.g. https://{DingTalkHost}{DingTalkPath}?access_token=…",
        AgentChannelType.Slack => $", e.g. https://{SlackHost}/services/T…/B…/…",
        _ => "",
    };
}
