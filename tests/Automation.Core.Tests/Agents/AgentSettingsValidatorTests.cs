using System.Text.Json;
using Automation.Core.Agents;
using Automation.Core.Shops;
using Automation.Core.Tests.Support;

namespace Automation.Core.Tests.Agents;

public class AgentSettingsValidatorTests
{
    private const string ShopId = "demo-shop";
    private const string WeComUrl = "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa";
    private const string DingTalkUrl = "https://oapi.dingtalk.com/robot/send?access_token=0123456789abcdef";
    private const string DingTalkSecret = "SECtest0123456789";
    private const string SlackUrl = "https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX";
    private const string WebhookUrl = "https://shop.example/agents";
    private const string WebhookSecret = "whsec_YWdlbnQtd2ViaG9vay1zZWNyZXQtMDEyMzQ1Njc4OQ==";

    [Fact]
    public void Validate_IssueShapeFromJson_IsValidWithDefaults()
    {
        const string json = """
            [ { "id": "zhang.san", "name": "张三", "roles": ["after_sale", "complaints"],
                "channel": { "type": "wecom", "url": "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abc" } },
              { "id": "li-si", "name": "李四", "roles": ["supervisor"], "active": false, "maxOpenTasks": 5,
                "channel": { "type": "dingtalk", "url": "https://oapi.dingtalk.com/robot/send?access_token=t0k", "secret": "SECabc" } } ]
            """;
        var input = JsonSerializer.Deserialize<List<AgentInput?>>(json, JsonSerializerOptions.Web);

        var result = AgentSettingsValidator.Validate(input);

        Assert.True(result.IsValid, Describe(result.Errors));
        var (first, second) = (result.Value[0], result.Value[1]);
        Assert.Equal([AgentRole.AfterSale, AgentRole.Complaints], first.Roles);
        Assert.True(first.Active);
        Assert.Equal(20, first.MaxOpenTasks);
        Assert.Equal(AgentChannelType.WeCom, first.Channel.Type);
        Assert.Null(first.Channel.Secret);
        Assert.False(second.Active);
        Assert.Equal(5, second.MaxOpenTasks);
        Assert.Equal("SECabc", second.Channel.Secret);
    }

    [Fact]
    public void Validate_NoAgents_IsEmpty()
    {
        Assert.Empty(AgentSettingsValidator.Validate(null).Value!);
        Assert.Empty(AgentSettingsValidator.Validate([]).Value!);
    }

    [Theory]
    [InlineData("")]
    [InlineData("-starts-with-dash")]
    [InlineData("has space")]
    [InlineData("slash/inside")]
    public void Validate_UnsafeId_NamesIt(string id)
    {
        var agent = WeCom("a1");
        agent.Id = id;

        Assert.Equal(["agents[1].id"], Errors(WeCom("a0"), agent));
    }

    [Fact]
    public void Validate_DuplicateId_NamesTheSecond()
    {
        var result = AgentSettingsValidator.Validate([WeCom("a1"), WeCom("a2"), WeCom("a1")]);

        Assert.Equal(["agents[2].id"], result.Errors.Keys);
        Assert.Contains("agents[0]", result.Errors["agents[2].id"][0], StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_NullEntry_NamesIt()
    {
        Assert.Equal(["agents[1]"], Errors(WeCom("a0"), null));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("  ")]
    [InlineData("Evil\u202Ename")]
    public void Validate_BadName_NamesIt(string? name)
    {
        var agent = WeCom("a1");
        agent.Name = name;

        Assert.Equal(["agents[0].name"], Errors(agent));
    }

    [Fact]
    public void Validate_NoRoles_NamesRoles()
    {
        var none = WeCom("a1");
        none.Roles = [];
        var missing = WeCom("a2");
        missing.Roles = null;

        Assert.Equal(["agents[0].roles", "agents[1].roles"], Errors(none, missing));
    }

    [Fact]
    public void Validate_UnknownAndDuplicateRoles_NameEachEntry()
    {
        var agent = WeCom("a1");
        agent.Roles = ["after_sale", "AfterSale", "complaints", "after_sale"];

        Assert.Equal(["agents[0].roles[1]", "agents[0].roles[3]"], Errors(agent));
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(1, true)]
    [InlineData(500, true)]
    [InlineData(501, false)]
    public void Validate_MaxOpenTasks_Allows1To500(int max, bool valid)
    {
        var agent = WeCom("a1");
        agent.MaxOpenTasks = max;

        Assert.Equal(valid ? [] : ["agents[0].maxOpenTasks"], Errors(agent));
    }

    [Fact]
    public void Validate_MoreThan200Agents_NamesTheList()
    {
        var agents = Enumerable.Range(0, 201).Select(i => WeCom($"a{i}")).ToList();

        Assert.Equal(["agents"], Errors([.. agents]));
        Assert.True(AgentSettingsValidator.Validate(agents.Take(200).ToList()).IsValid);
    }

    [Fact]
    public void Validate_MissingChannel_NamesIt()
    {
        var agent = WeCom("a1");
        agent.Channel = null;

        Assert.Equal(["agents[0].channel"], Errors(agent));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("WeCom")]
    [InlineData("feishu")]
    public void Validate_UnknownChannelType_NamesType(string? type)
    {
        var agent = WeCom("a1");
        agent.Channel!.Type = type;

        Assert.Equal(["agents[0].channel.type"], Errors(agent));
    }

    [Theory]
    [InlineData("wecom", WeComUrl)]
    [InlineData("dingtalk", DingTalkUrl)]
    [InlineData("slack", SlackUrl)]
    [InlineData("webhook", WebhookUrl)]
    [InlineData("wecom", "https://QYAPI.weixin.qq.com/cgi-bin/webhook/send?key=abc")]
    [InlineData("dingtalk", "https://oapi.dingtalk.com/robot/send?foo=1&access_token=abc")]
    public void Validate_VendorUrl_IsValid(string type, string url)
    {
        Assert.Empty(Errors(Agent("a1", type, url, type == "webhook" ? WebhookSecret : null)));
    }

    [Theory]
    [InlineData("wecom", "https://qyapi.weixin.qq.com.evil.example/cgi-bin/webhook/send?key=abc")]
    [InlineData("wecom", "https://qyapi.weixin.qq.com/cgi-bin/webhook/send")]
    [InlineData("wecom", "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=")]
    [InlineData("wecom", "https://qyapi.weixin.qq.com/cgi-bin/message/send?key=abc")]
    [InlineData("wecom", "https://qyapi.weixin.qq.com:8443/cgi-bin/webhook/send?key=abc")]
    [InlineData("wecom", DingTalkUrl)]
    [InlineData("dingtalk", "https://oapi.dingtalk.com/robot/send")]
    [InlineData("dingtalk", "https://oapi.dingtalk.com/robot/send?access_token=abc&timestamp=1&sign=x")]
    [InlineData("dingtalk", "https://api.dingtalk.com/robot/send?access_token=abc")]
    [InlineData("slack", "https://hooks.slack.com/services/T000/B000")]
    [InlineData("slack", "https://hooks.slack.com/workflows/T000/B000/XXX")]
    [InlineData("slack", "https://hooks.slack.com/services/T000/B000/XXX/")]
    [InlineData("slack", "https://slack.com/services/T000/B000/XXX")]
    [InlineData("slack", WeComUrl)]
    public void Validate_UrlNotOfTheVendor_NamesUrl(string type, string url)
    {
        Assert.Equal(["agents[0].channel.url"], Errors(Agent("a1", type, url, null)));
    }

    [Theory]
    [InlineData("http://shop.example/agents")]
    [InlineData("ftp://shop.example/agents")]
    [InlineData("https://user:pass@shop.example/agents")]
    [InlineData("/relative/path")]
    [InlineData("https://10.0.0.5/agents")]
    [InlineData("https://169.254.169.254/latest/meta-data")]
    [InlineData("https://[fd00::1]/agents")]
    [InlineData("https://[::ffff:192.168.1.1]/agents")]
    public void Validate_NotHttpsOrNotPublic_NamesUrl(string url)
    {
        Assert.Equal(["agents[0].channel.url"], Errors(Agent("a1", "webhook", url, WebhookSecret)));
    }

    [Theory]
    [InlineData("wecom", "http://127.0.0.1:7072/wecom")]
    [InlineData("dingtalk", "http://localhost:7072/dingtalk")]
    [InlineData("slack", "http://[::1]:7072/slack")]
    [InlineData("webhook", "http://127.0.0.1:7072/agents")]
    public void Validate_LoopbackSink_StandsInForAnyChannel(string type, string url)
    {
        Assert.Empty(Errors(Agent("a1", type, url, type == "webhook" ? WebhookSecret : null)));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("too-short")]
    [InlineData("agent-webhook-secret-0123")]
    [InlineData("whsec_YWdlbnQtd2ViaG9vay1zZWNyZXQ")]
    public void Validate_WebhookWithoutGoodSecret_NamesSecret(string? secret)
    {
        Assert.Equal(["agents[0].channel.secret"], Errors(Agent("a1", "webhook", WebhookUrl, secret)));
    }

    [Theory]
    [InlineData("wecom", WeComUrl)]
    [InlineData("slack", SlackUrl)]
    public void Validate_SecretForUnsignedRobot_NamesSecret(string type, string url)
    {
        Assert.Equal(["agents[0].channel.secret"], Errors(Agent("a1", type, url, "some-secret-0123456789")));
    }

    [Theory]
    [InlineData(null, true)]
    [InlineData("", true)]
    [InlineData(DingTalkSecret, true)]
    [InlineData("test0123456789", false)]
    [InlineData("sec0123456789", false)]
    [InlineData("SEC with space", false)]
    public void Validate_DingTalkSecret_IsNoneOrStartsWithSec(string? secret, bool valid)
    {
        var result = AgentSettingsValidator.Validate([Agent("a1", "dingtalk", DingTalkUrl, secret)]);

        Assert.Equal(valid ? [] : ["agents[0].channel.secret"], result.Errors.Keys);
        if (valid)
        {
            Assert.Equal(string.IsNullOrEmpty(secret) ? null : secret, result.Value!.Single().Channel.Secret);
        }
    }

    [Fact]
    public void Validate_EveryBadFieldOfSeveralAgents_ReportsEachPath()
    {
        var noName = WeCom("a0");
        noName.Name = "";
        var badUrl = Agent("a1", "slack", "https://hooks.slack.com/nope", null);
        var badRoleAndMax = WeCom("a2");
        badRoleAndMax.Roles = ["cashier"];
        badRoleAndMax.MaxOpenTasks = 0;

        Assert.Equal(
            ["agents[0].name", "agents[1].channel.url", "agents[2].maxOpenTasks", "agents[2].roles[0]"],
            Errors(noName, badUrl, badRoleAndMax));
    }

    [Fact]
    public void ShopSettingsValidator_WithAgents_SetsThem()
    {
        var input = TestShops.ExampleInput();
        input.Agents = [WeCom("zhang.san"), Agent("ops", "webhook", WebhookUrl, WebhookSecret)];

        var result = ShopSettingsValidator.Validate(ShopId, input);

        Assert.True(result.IsValid, Describe(result.Errors));
        Assert.Equal(["zhang.san", "ops"], result.Value.Agents.Select(a => a.Id));
    }

    [Fact]
    public void ShopSettingsValidator_BadAgent_ReportsItsPath()
    {
        var input = TestShops.ExampleInput();
        var agent = WeCom("zhang.san");
        agent.Channel!.Url = "https://example.com/hook";
        input.Agents = [WeCom("a0"), WeCom("a1"), agent];

        Assert.Equal(["agents[2].channel.url"], ShopSettingsValidator.Validate(ShopId, input).Errors.Keys);
    }

    [Fact]
    public void ShopSettingsValidator_WithoutAgents_DefaultsToNone()
    {
        Assert.Empty(ShopSettingsValidator.Validate(ShopId, TestShops.ExampleInput()).Value!.Agents);
    }

    [Fact]
    public void From_ValidatedAgents_RoundTripsThroughJsonAndTheValidator()
    {
        var input = TestShops.ExampleInput();
        input.Agents = [WeCom("a1"), Agent("a2", "dingtalk", DingTalkUrl, DingTalkSecret), Agent("a3", "slack", SlackUrl, null), Agent("a4", "webhook", WebhookUrl, WebhookSecret)];
        input.Agents[0].Active = false;
        input.Agents[0].MaxOpenTasks = 7;
        var settings = ShopSettingsValidator.Validate(ShopId, input).Value!;

        var json = JsonSerializer.Serialize(ShopSettingsInput.From(settings), JsonSerializerOptions.Web);
        var again = ShopSettingsValidator.Validate(ShopId, JsonSerializer.Deserialize<ShopSettingsInput>(json, JsonSerializerOptions.Web)).Value!;

        Assert.Equal(settings.Agents.Select(a => a.ToString()), again.Agents.Select(a => a.ToString()));
        Assert.Equal(settings.Agents.Select(a => a.Channel), again.Agents.Select(a => a.Channel));
        Assert.Equal(settings.Agents.Select(a => a.Roles), again.Agents.Select(a => a.Roles));
    }

    [Fact]
    public void From_WithoutSecrets_LeavesOutSecretsAndRobotUrls()
    {
        var input = TestShops.ExampleInput();
        input.Agents = [WeCom("a1"), Agent("a2", "dingtalk", DingTalkUrl, DingTalkSecret), Agent("a3", "webhook", WebhookUrl, WebhookSecret)];
        var settings = ShopSettingsValidator.Validate(ShopId, input).Value!;

        var shown = ShopSettingsInput.From(settings, includeSecrets: false).Agents!;

        Assert.All(shown, a => Assert.Null(a.Channel!.Secret));
        Assert.Null(shown[0].Channel!.Url);
        Assert.Null(shown[1].Channel!.Url);
        Assert.Equal(WebhookUrl, shown[2].Channel!.Url);
        Assert.Equal("wecom", shown[0].Channel!.Type);
    }

    [Fact]
    public void Validate_ShownSettingsWithExisting_KeepStoredUrlsAndSecrets()
    {
        var input = TestShops.ExampleInput();
        input.Agents = [WeCom("a1"), Agent("a2", "dingtalk", DingTalkUrl, DingTalkSecret), Agent("a3", "webhook", WebhookUrl, WebhookSecret)];
        var existing = ShopSettingsValidator.Validate(ShopId, input).Value!;
        var shown = ShopSettingsInput.From(existing, includeSecrets: false);
        shown.Agents![0].Name = "Renamed";

        var result = ShopSettingsValidator.Validate(ShopId, shown, existing);

        Assert.True(result.IsValid, Describe(result.Errors));
        Assert.Equal("Renamed", result.Value.Agents[0].Name);
        Assert.Equal(existing.Agents.Select(a => a.Channel), result.Value.Agents.Select(a => a.Channel));
    }

    [Fact]
    public void ValidateStored_WebhookPlainSecretSavedBefore_StaysAcceptedAndIsKeptOnReplace()
    {
        var saved = TestShops.ExampleInput();
        saved.Agents = [Agent("a1", "webhook", WebhookUrl, "agent-webhook-secret-0123")];

        var existing = ShopSettingsValidator.ValidateStored(ShopId, saved);
        var kept = ShopSettingsValidator.Validate(ShopId, ShopSettingsInput.From(existing.Value!, includeSecrets: false), existing.Value);

        Assert.True(existing.IsValid, Describe(existing.Errors));
        Assert.True(kept.IsValid, Describe(kept.Errors));
        Assert.Equal("agent-webhook-secret-0123", kept.Value.Agents[0].Channel.Secret);
        Assert.Equal(["agents[0].channel.secret"], ShopSettingsValidator.Validate(ShopId, saved, existing.Value).Errors.Keys);
    }

    [Fact]
    public void Validate_ChannelTypeChangedWithoutUrl_DoesNotKeepTheOldUrl()
    {
        var input = TestShops.ExampleInput();
        input.Agents = [WeCom("a1")];
        var existing = ShopSettingsValidator.Validate(ShopId, input).Value!;
        var changed = ShopSettingsInput.From(existing, includeSecrets: false);
        changed.Agents![0].Channel!.Type = "slack";

        Assert.Equal(["agents[0].channel.url"], ShopSettingsValidator.Validate(ShopId, changed, existing).Errors.Keys);
    }

    [Fact]
    public void Validate_DingTalkEmptySecretWithExisting_RemovesIt()
    {
        var input = TestShops.ExampleInput();
        input.Agents = [Agent("a1", "dingtalk", DingTalkUrl, DingTalkSecret)];
        var existing = ShopSettingsValidator.Validate(ShopId, input).Value!;
        var update = ShopSettingsInput.From(existing, includeSecrets: false);
        update.Agents![0].Channel!.Secret = "";

        Assert.Null(ShopSettingsValidator.Validate(ShopId, update, existing).Value!.Agents[0].Channel.Secret);
    }

    [Fact]
    public void ToString_AgentsAndSettings_RevealNoSecretOrRobotUrl()
    {
        var input = TestShops.ExampleInput();
        input.Agents = [WeCom("a1"), Agent("a2", "dingtalk", DingTalkUrl, DingTalkSecret), Agent("a3", "webhook", WebhookUrl, WebhookSecret)];
        var settings = ShopSettingsValidator.Validate(ShopId, input).Value!;

        var texts = settings.Agents.Select(a => a.ToString()).Append(settings.ToString()).ToList();

        foreach (var text in texts)
        {
            Assert.DoesNotContain("key=", text, StringComparison.Ordinal);
            Assert.DoesNotContain("access_token", text, StringComparison.Ordinal);
            Assert.DoesNotContain(DingTalkSecret, text, StringComparison.Ordinal);
            Assert.DoesNotContain(WebhookSecret, text, StringComparison.Ordinal);
        }

        Assert.Contains("after_sale", texts[0], StringComparison.Ordinal);
        Assert.Contains("qyapi.weixin.qq.com", texts[0], StringComparison.Ordinal);
    }

    private static AgentInput WeCom(string id) => Agent(id, "wecom", WeComUrl, null);

    private static AgentInput Agent(string id, string type, string url, string? secret) => new()
    {
        Id = id,
        Name = "Agent " + id,
        Roles = ["after_sale"],
        Channel = new AgentChannelInput { Type = type, Url = url, Secret = secret },
    };

    private static List<string> Errors(params AgentInput?[] agents)
        => [.. AgentSettingsValidator.Validate(agents).Errors.Keys.Order(StringComparer.Ordinal)];

    private static string Describe(IReadOnlyDictionary<string, string[]> errors)
        => string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}"));
}
