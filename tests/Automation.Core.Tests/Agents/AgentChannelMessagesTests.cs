using System.Text;
using System.Text.Json;
using Automation.Core.Agents;
using Automation.Core.Security;
using Automation.Core.Tasks;
using Automation.Core.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using StandardWebhooks;
using StandardWebhooks.Diagnostics;
using static Automation.Core.Tests.Agents.TestDigests;

namespace Automation.Core.Tests.Agents;

/// <summary>Each format against its published shape (reference: agent-channels.md §1–3 and the product's signing).</summary>
public class AgentChannelMessagesTests
{
    private const string WeComUrl = "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa";
    private const string DingTalkUrl = "https://oapi.dingtalk.com/robot/send?access_token=0123456789abcdef";
    private const string SlackUrl = "https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX";
    private const string WebhookUrl = "https://shop.example/agents";
    private const string WebhookSecret = "whsec_YWdlbnQtd2ViaG9vay1zZWNyZXQtMDEyMzQ1Njc4OQ==";

    private static readonly TaskEvidence Hostile = new("message", "<!channel> <@U0123> <https://evil.example|click> **bold** `code` [x](https://evil.example) ![i](https://evil.example/i.png) a & b \\*");

    private static readonly AgentChannel WeCom = new(AgentChannelType.WeCom, new Uri(WeComUrl), null);
    private static readonly AgentChannel DingTalk = new(AgentChannelType.DingTalk, new Uri(DingTalkUrl), null);
    private static readonly AgentChannel SignedDingTalk = new(AgentChannelType.DingTalk, new Uri(DingTalkUrl), "SECtest0123456789");
    private static readonly AgentChannel Slack = new(AgentChannelType.Slack, new Uri(SlackUrl), null);
    private static readonly AgentChannel Webhook = new(AgentChannelType.Webhook, new Uri(WebhookUrl), WebhookSecret);

    [Fact]
    public void Create_WeCom_IsAMarkdownMessageOfThePublishedShape()
    {
        var request = AgentChannelMessages.Create(WeCom, Digest(3), Now);

        using var json = Parse(request);
        var root = json.RootElement;
        Assert.Equal(["msgtype", "markdown"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal("markdown", root.GetProperty("msgtype").GetString());
        Assert.Equal(["content"], root.GetProperty("markdown").EnumerateObject().Select(p => p.Name));
        var content = root.GetProperty("markdown").GetProperty("content").GetString()!;
        Assert.StartsWith("**Demo Shop · 3 项任务，12:00 前处理完**\n负责人：张三\n", content, StringComparison.Ordinal);
        Assert.Contains("1. <font color=\"warning\">P1</font> **物流异常** · 订单 A1001 · 截止 11-30 10:00\n", content, StringComparison.Ordinal);
        Assert.Contains("2. <font color=\"comment\">P2</font>", content, StringComparison.Ordinal);
        Assert.Contains("> 原因: lost parcel, 48 h target (分值 80.5)\n> status: lost\n> carrier: SF\n", content, StringComparison.Ordinal);
        Assert.Contains("[打开任务](https://automation.example.net/api/shops/demo-shop/tasks/shipment_exception%3AA1001%3Aship-1%3Alost)", content, StringComparison.Ordinal);
        Assert.EndsWith("[查看全部任务](https://automation.example.net/api/shops/demo-shop/tasks?agent=zhang.san&state=open)", content, StringComparison.Ordinal);
        Assert.Equal(new Uri(WeComUrl), request.Url);
        Assert.Empty(request.Headers);
        Assert.Equal("application/json; charset=utf-8", request.ContentType);
        Assert.Equal(0, request.TasksLeftOut);
    }

    [Fact]
    public void Create_WeComBody_WritesChineseAndMarkupAsIs()
    {
        var request = AgentChannelMessages.Create(WeCom, Digest(1), Now);

        // As in the published examples: UTF-8 text and <font color=\"warning\"> rather than \u escapes, which count
        // six bytes each against the limits.
        var body = Encoding.UTF8.GetString(request.Body);
        Assert.StartsWith("{\"msgtype\":\"markdown\",\"markdown\":{\"content\":\"**Demo Shop · 1 项任务，12:00 前处理完**\\n", body, StringComparison.Ordinal);
        Assert.Contains("<font color=\\\"warning\\\">P1</font>", body, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_WeComLongList_StaysWithin4096ContentBytesAndSaysHowManyMore()
    {
        var digest = Digest(60, task: n => Task(n, 2, new TaskEvidence("留言", new string('货', 150)), new TaskEvidence("状态", "丢件")));

        var request = AgentChannelMessages.Create(WeCom, digest, Now);

        var content = Content(request);
        Assert.InRange(Encoding.UTF8.GetByteCount(content), 1, 4096);
        Assert.InRange(request.TasksLeftOut, 1, 59);
        Assert.Contains($"… 另有 {request.TasksLeftOut} 项 · [查看全部任务](", content, StringComparison.Ordinal);
        Assert.Contains("1. <font", content, StringComparison.Ordinal);
        Assert.Contains($"{60 - request.TasksLeftOut}. <font", content, StringComparison.Ordinal);
        Assert.DoesNotContain($"\n{61 - request.TasksLeftOut}. <font", content, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_WeComListThatFits_IsNotCut()
    {
        var request = AgentChannelMessages.Create(WeCom, Digest(5), Now);

        Assert.Equal(0, request.TasksLeftOut);
        Assert.DoesNotContain("另有", Content(request), StringComparison.Ordinal);
    }

    [Fact]
    public void Create_WeComUserText_CannotMentionLinkOrFormat()
    {
        var request = AgentChannelMessages.Create(WeCom, WithTasks(Task(1, 1, Hostile)), Now);

        var line = Content(request).Split('\n').Single(l => l.StartsWith("> message:", StringComparison.Ordinal));
        Assert.Equal("> message: ＜!channel＞ ＜@U0123＞ ＜https://evil.example|click＞ ＊＊bold＊＊ ｀code｀ ［x］（https://evil.example） !［i］（https://evil.example/i.png） a ＆ b ＼＊", line);
    }

    [Fact]
    public void Create_DingTalk_IsAMarkdownMessageWithTitle()
    {
        var request = AgentChannelMessages.Create(DingTalk, Digest(3, TestShops.Shop(locale: "en")), Now);

        using var json = Parse(request);
        var root = json.RootElement;
        Assert.Equal(["msgtype", "markdown"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal("markdown", root.GetProperty("msgtype").GetString());
        var markdown = root.GetProperty("markdown");
        Assert.Equal(["title", "text"], markdown.EnumerateObject().Select(p => p.Name));
        Assert.Equal("Demo Shop · 3 tasks, clear by 12:00", markdown.GetProperty("title").GetString());
        var text = markdown.GetProperty("text").GetString()!;
        Assert.StartsWith("#### Demo Shop · 3 tasks, clear by 12:00  \nFor 张三\n\n", text, StringComparison.Ordinal);
        Assert.Contains("**1. P1 · Shipment exception**  \norder A1001 · due 11-30 10:00  \nwhy: lost parcel, 48 h target (score 80.5)  \nstatus: lost  \ncarrier: SF  \n[Open task](https://automation.example.net/api/shops/demo-shop/tasks/shipment_exception%3AA1001%3Aship-1%3Alost)\n\n", text, StringComparison.Ordinal);
        Assert.EndsWith("[Open the full list](https://automation.example.net/api/shops/demo-shop/tasks?agent=zhang.san&state=open)", text, StringComparison.Ordinal);
        Assert.Equal(new Uri(DingTalkUrl), request.Url);
        Assert.Empty(request.Headers);
    }

    [Fact]
    public void Sign_ReferenceCheckVector_MatchesTheDocumentedSignature()
    {
        // agent-channels.md §2: secret SECtest0123456789, timestamp 1700000000000 (also computed with Python's hmac).
        Assert.Equal("yBKp5IlG6qCzcQWmgyRK%2FziJBdVNJmHfFE2ST%2FCzT%2Fg%3D", DingTalkRobotMessage.Sign("SECtest0123456789", 1700000000000));
    }

    [Fact]
    public void Sign_NonAsciiSecret_SignsItsUtf8Bytes()
    {
        // Python: quote(b64encode(hmac.new(s.encode(), f"{ts}\n{s}".encode(), sha256).digest()), safe='')
        Assert.Equal("Pu6VkmHaSF8OfKcxtMfh%2Ft9gA0v524HHKgugdtheqeg%3D", DingTalkRobotMessage.Sign("SEC秘密0123", 1795939200000));
    }

    [Fact]
    public void Create_SignedDingTalk_AppendsTimestampInMillisecondsAndSign()
    {
        var now = DateTimeOffset.FromUnixTimeMilliseconds(1700000000000);

        var request = AgentChannelMessages.Create(SignedDingTalk, Digest(1), now);

        Assert.Equal(
            DingTalkUrl + "&timestamp=1700000000000&sign=yBKp5IlG6qCzcQWmgyRK%2FziJBdVNJmHfFE2ST%2FCzT%2Fg%3D",
            request.Url.AbsoluteUri);
        Assert.Equal("yBKp5IlG6qCzcQWmgyRK/ziJBdVNJmHfFE2ST/CzT/g=", Query(request.Url, "sign"));
        Assert.Equal("0123456789abcdef", Query(request.Url, "access_token"));
    }

    [Fact]
    public void Create_SignedDingTalkOnLocalSink_StartsTheQuery()
    {
        var sink = SignedDingTalk with { Url = new Uri("http://127.0.0.1:7072/dingtalk") };

        var request = AgentChannelMessages.Create(sink, Digest(1), DateTimeOffset.FromUnixTimeMilliseconds(1700000000000));

        Assert.Equal("http://127.0.0.1:7072/dingtalk?timestamp=1700000000000&sign=yBKp5IlG6qCzcQWmgyRK%2FziJBdVNJmHfFE2ST%2FCzT%2Fg%3D", request.Url.AbsoluteUri);
    }

    [Fact]
    public void Create_DingTalkLongList_StaysWithin20000BodyBytes()
    {
        // Quotes are escaped in JSON (\"): two bytes each, which the budget has to count.
        var digest = Digest(300, task: n => Task(n, 2, new TaskEvidence("留言", new string('"', 100) + new string('货', 100)), new TaskEvidence("状态", "丢件")));

        var request = AgentChannelMessages.Create(DingTalk, digest, Now);

        Assert.InRange(request.Body.Length, 15_000, 20_000);
        Assert.InRange(request.TasksLeftOut, 1, 299);
        using var json = Parse(request);
        Assert.Contains($"… 另有 {request.TasksLeftOut} 项", json.RootElement.GetProperty("markdown").GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Create_DingTalkUserText_CannotLinkEmbedOrFormat()
    {
        var request = AgentChannelMessages.Create(DingTalk, WithTasks(Task(1, 1, Hostile)), Now);

        using var json = Parse(request);
        var line = json.RootElement.GetProperty("markdown").GetProperty("text").GetString()!
            .Split('\n').Single(l => l.StartsWith("message:", StringComparison.Ordinal));
        Assert.Equal("message: ＜!channel＞ ＜@U0123＞ ＜https://evil.example|click＞ ＊＊bold＊＊ ｀code｀ ［x］（https://evil.example） !［i］（https://evil.example/i.png） a ＆ b ＼＊  ", line);
    }

    [Fact]
    public void Create_Slack_HasFallbackTextAndBlocks()
    {
        var request = AgentChannelMessages.Create(Slack, Digest(3, TestShops.Shop(locale: "en")), Now);

        using var json = Parse(request);
        var root = json.RootElement;
        Assert.Equal("Demo Shop: 3 tasks, clear by 12:00", root.GetProperty("text").GetString());
        var blocks = root.GetProperty("blocks").EnumerateArray().ToList();
        Assert.Equal(["header", "context", "section", "section", "section", "context"], blocks.Select(b => b.GetProperty("type").GetString()));
        Assert.Equal("plain_text", blocks[0].GetProperty("text").GetProperty("type").GetString());
        Assert.Equal("Demo Shop · 3 tasks, clear by 12:00", blocks[0].GetProperty("text").GetProperty("text").GetString());
        Assert.Equal("For 张三", blocks[1].GetProperty("elements")[0].GetProperty("text").GetString());
        var first = blocks[2];
        Assert.Equal("mrkdwn", first.GetProperty("text").GetProperty("type").GetString());
        Assert.Equal(
            "*1. P1 · Shipment exception*\norder A1001 · due 11-30 10:00 · score 80.5 · <https://automation.example.net/api/shops/demo-shop/tasks/shipment_exception%3AA1001%3Aship-1%3Alost|Open task>",
            first.GetProperty("text").GetProperty("text").GetString());
        Assert.Equal(["why: lost parcel, 48 h target", "status: lost", "carrier: SF"], first.GetProperty("fields").EnumerateArray().Select(f => f.GetProperty("text").GetString()));
        Assert.All(first.GetProperty("fields").EnumerateArray(), f => Assert.Equal("plain_text", f.GetProperty("type").GetString()));
        Assert.Equal(
            "<https://automation.example.net/api/shops/demo-shop/tasks?agent=zhang.san&state=open|Open the full list>",
            blocks[^1].GetProperty("elements")[0].GetProperty("text").GetString());
        Assert.Equal(new Uri(SlackUrl), request.Url);
    }

    [Fact]
    public void Create_SlackUserText_StaysOutOfMrkdwn()
    {
        var request = AgentChannelMessages.Create(Slack, WithTasks(Task(1, 1, Hostile)), Now);

        using var json = Parse(request);
        var mrkdwn = MrkdwnTexts(json.RootElement).ToList();
        Assert.All(mrkdwn, text => Assert.DoesNotContain("<!channel>", text, StringComparison.Ordinal));
        Assert.All(mrkdwn, text => Assert.DoesNotContain("<@U0123>", text, StringComparison.Ordinal));
        var field = json.RootElement.GetProperty("blocks")[2].GetProperty("fields")[1];
        Assert.Equal("plain_text", field.GetProperty("type").GetString());
        Assert.Equal($"message: {Hostile.Value}", field.GetProperty("text").GetString());
    }

    [Fact]
    public void Create_SlackShopAndAgentNames_AreEscapedInMrkdwn()
    {
        var shop = TestShops.Shop(locale: "en") with { Name = "A&B <!here> Shop" };

        var request = AgentChannelMessages.Create(Slack, Digest(1, shop), Now);

        using var json = Parse(request);
        Assert.Equal("A&amp;B &lt;!here&gt; Shop: 1 task, clear by 12:00", json.RootElement.GetProperty("text").GetString());
        // The header is plain_text, which Slack does not parse: the name as it is.
        Assert.Equal("A&B <!here> Shop · 1 task, clear by 12:00", json.RootElement.GetProperty("blocks")[0].GetProperty("text").GetProperty("text").GetString());
    }

    [Fact]
    public void Create_SlackLongList_StaysWithinBlockLimits()
    {
        var digest = Digest(200, TestShops.Shop(locale: "en"), n => Task(n, 2, new TaskEvidence("message", new string('x', 150))));

        var request = AgentChannelMessages.Create(Slack, digest, Now);

        using var json = Parse(request);
        var blocks = json.RootElement.GetProperty("blocks").EnumerateArray().ToList();
        Assert.InRange(blocks.Count, 4, 50);
        Assert.InRange(blocks[0].GetProperty("text").GetProperty("text").GetString()!.Length, 1, 150);
        var sections = blocks.Where(b => b.GetProperty("type").GetString() == "section").ToList();
        Assert.All(sections, s => Assert.InRange(s.GetProperty("text").GetProperty("text").GetString()!.Length, 1, 3000));
        Assert.All(sections, s => Assert.InRange(s.GetProperty("fields").GetArrayLength(), 1, 10));
        Assert.All(sections.SelectMany(s => s.GetProperty("fields").EnumerateArray()), f => Assert.InRange(f.GetProperty("text").GetString()!.Length, 1, 2000));
        Assert.InRange(AllTexts(json.RootElement.GetProperty("blocks")).Sum(t => t.Length), 1, 12_000);
        Assert.Equal(200 - sections.Count, request.TasksLeftOut);
        Assert.StartsWith($"… and {request.TasksLeftOut} more · <", blocks[^1].GetProperty("elements")[0].GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Create_SlackManySmallTasks_StopsAt50Blocks()
    {
        var digest = Digest(100, TestShops.Shop(locale: "en"), n => Task(n, 2, new TaskEvidence("s", "x")));

        var request = AgentChannelMessages.Create(Slack, digest, Now);

        using var json = Parse(request);
        Assert.Equal(50, json.RootElement.GetProperty("blocks").GetArrayLength());
        Assert.Equal(53, request.TasksLeftOut);
    }

    [Fact]
    public void Create_Webhook_IsSignedAsStandardWebhooksWithTheDigestIdAsItsId()
    {
        var digest = Digest(3);

        var request = AgentChannelMessages.Create(Webhook, digest, Now);

        Assert.Equal(new Uri(WebhookUrl), request.Url);
        Assert.Equal(digest.DigestId, request.Headers[StandardWebhookHeaders.Id]);
        Assert.Equal(digest.DigestId, request.Headers[StandardWebhookHeaders.IdempotencyKey]);
        Assert.Equal("1796000400", request.Headers[StandardWebhookHeaders.Timestamp]);
        Assert.StartsWith("v1,", request.Headers[StandardWebhookHeaders.Signature], StringComparison.Ordinal);
    }

    [Fact]
    public void Create_WebhookSignedNow_VerifiesWithTheStandardWebhooksPackage()
    {
        var request = AgentChannelMessages.Create(Webhook, Digest(3), DateTimeOffset.UtcNow);

        new StandardWebhook(WebhookSecret).Verify(Encoding.UTF8.GetString(request.Body), AsReceived(request));
    }

    [Fact]
    public void Create_WebhookBodyTampered_FailsThePackagesCheck()
    {
        var request = AgentChannelMessages.Create(Webhook, Digest(3), DateTimeOffset.UtcNow);
        var tampered = Encoding.UTF8.GetString(request.Body).Replace("zhang.san", "li.si", StringComparison.Ordinal);

        Assert.Throws<WebhookVerificationException>(() => new StandardWebhook(WebhookSecret).Verify(tampered, AsReceived(request)));
    }

    [Fact]
    public void Create_WebhookCheckedWithAnotherSecret_FailsThePackagesCheck()
    {
        var request = AgentChannelMessages.Create(Webhook, Digest(3), DateTimeOffset.UtcNow);

        Assert.Throws<WebhookVerificationException>(
            () => new StandardWebhook(TestShops.ChannelSecret).Verify(Encoding.UTF8.GetString(request.Body), AsReceived(request)));
    }

    [Fact]
    public void Create_Webhook_BodyHasTheDigestAndEveryTask()
    {
        var request = AgentChannelMessages.Create(Webhook, Digest(300), Now);

        using var json = Parse(request);
        var root = json.RootElement;
        Assert.Equal("demo-shop", root.GetProperty("shopId").GetString());
        Assert.Equal("zhang.san", root.GetProperty("agentId").GetString());
        Assert.Equal("2026-11-30T09:00:00+08:00", root.GetProperty("generatedAt").GetString());
        Assert.Equal("2026-11-30T12:00:00+08:00", root.GetProperty("clearBy").GetString());
        Assert.Equal("300 项任务，12:00 前处理完", root.GetProperty("headline").GetString());
        Assert.Equal(300, root.GetProperty("tasks").GetArrayLength());
        Assert.Equal(300, root.GetProperty("taskCount").GetInt32());
        Assert.Equal(0, root.GetProperty("tasksLeftOut").GetInt32());
        var task = root.GetProperty("tasks")[0];
        Assert.Equal(1, task.GetProperty("rank").GetInt32());
        Assert.Equal("shipment_exception:A1001:ship-1:lost", task.GetProperty("taskId").GetString());
        Assert.Equal("shipment_exception", task.GetProperty("kind").GetString());
        Assert.Equal(1, task.GetProperty("priority").GetInt32());
        Assert.Equal(80.5, task.GetProperty("score").GetDouble());
        Assert.Equal("lost parcel, 48 h target", task.GetProperty("reason").GetString());
        Assert.Equal("2026-11-30T10:00:00+08:00", task.GetProperty("dueAt").GetString());
        Assert.Equal("A1001", task.GetProperty("orderId").GetString());
        Assert.Equal(JsonValueKind.Null, task.GetProperty("caseId").ValueKind);
        Assert.Equal("lost", task.GetProperty("evidence")[0].GetProperty("value").GetString());
        Assert.Equal("https://automation.example.net/api/shops/demo-shop/tasks/shipment_exception%3AA1001%3Aship-1%3Alost", task.GetProperty("link").GetString());
        Assert.Equal(0, request.TasksLeftOut);
    }

    [Fact]
    public void Create_Webhook_ASupervisorsLongReport_ListsTheFirst500AndSaysHowManyMore()
    {
        // A whole agent's list always fits (maxOpenTasks is at most 500); only a supervisor's report of unassigned
        // work can be longer, thousands at a big shop, and the body stays bounded.
        var request = AgentChannelMessages.Create(Webhook, Digest(1_234), Now);

        using var json = Parse(request);
        var root = json.RootElement;
        Assert.Equal(500, root.GetProperty("tasks").GetArrayLength());
        Assert.Equal(500, root.GetProperty("tasks")[499].GetProperty("rank").GetInt32());
        Assert.Equal(1_234, root.GetProperty("taskCount").GetInt32());
        Assert.Equal(734, root.GetProperty("tasksLeftOut").GetInt32());
        Assert.Equal(734, request.TasksLeftOut);
    }

    [Theory]
    [InlineData(AgentChannelType.WeCom)]
    [InlineData(AgentChannelType.DingTalk)]
    [InlineData(AgentChannelType.Slack)]
    public void Create_ChatChannelWithContactDataInEvidence_MasksItForTheGroup(AgentChannelType type)
    {
        var channel = type switch { AgentChannelType.WeCom => WeCom, AgentChannelType.DingTalk => DingTalk, _ => Slack };
        var digest = WithTasks(Task(1, 1, new TaskEvidence("message", "call 13812345678 or lilei@example.com")));

        var body = Encoding.UTF8.GetString(AgentChannelMessages.Create(channel, digest, Now).Body);

        Assert.DoesNotContain("13812345678", body, StringComparison.Ordinal);
        Assert.DoesNotContain("lilei@example.com", body, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_WebhookWithContactDataInEvidence_KeepsTheTaskAsIs()
    {
        var digest = WithTasks(Task(1, 1, new TaskEvidence("message", "call 13812345678")));

        var body = Encoding.UTF8.GetString(AgentChannelMessages.Create(Webhook, digest, Now).Body);

        Assert.Contains("call 13812345678", body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(AgentChannelType.WeCom)]
    [InlineData(AgentChannelType.DingTalk)]
    [InlineData(AgentChannelType.Slack)]
    [InlineData(AgentChannelType.Webhook)]
    public void Create_EmptyDigest_IsStillAValidMessage(AgentChannelType type)
    {
        var channel = type switch { AgentChannelType.WeCom => WeCom, AgentChannelType.DingTalk => DingTalk, AgentChannelType.Slack => Slack, _ => Webhook };

        var request = AgentChannelMessages.Create(channel, WithTasks(), Now);

        using var json = Parse(request);
        Assert.Equal(JsonValueKind.Object, json.RootElement.ValueKind);
        Assert.Contains("0 项任务", Encoding.UTF8.GetString(request.Body), StringComparison.Ordinal);
        Assert.Equal(0, request.TasksLeftOut);
    }

    [Fact]
    public void Create_WebhookWithoutSecret_Throws()
    {
        Assert.Throws<ArgumentException>(() => AgentChannelMessages.Create(Webhook with { Secret = null }, Digest(1), Now));
    }

    [Fact]
    public void ToString_RobotRequest_HidesTheUrlsCredential()
    {
        var request = AgentChannelMessages.Create(SignedDingTalk, Digest(1), Now);

        Assert.DoesNotContain("access_token", request.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("sign=", request.ToString(), StringComparison.Ordinal);
        Assert.Contains("oapi.dingtalk.com", request.ToString(), StringComparison.Ordinal);
    }

    private static HeaderDictionary AsReceived(AgentChannelRequest request)
        => new(request.Headers.ToDictionary(h => h.Key, h => new StringValues(h.Value), StringComparer.OrdinalIgnoreCase));

    private static JsonDocument Parse(AgentChannelRequest request) => JsonDocument.Parse(request.Body);

    private static string Content(AgentChannelRequest request)
    {
        using var json = Parse(request);
        return json.RootElement.GetProperty("markdown").GetProperty("content").GetString()!;
    }

    private static string? Query(Uri url, string name)
        => url.Query.TrimStart('?').Split('&').Select(p => p.Split('=', 2)).Where(p => p[0] == name).Select(p => Uri.UnescapeDataString(p[1])).SingleOrDefault();

    private static IEnumerable<string> MrkdwnTexts(JsonElement element) => Texts(element, "mrkdwn");

    private static IEnumerable<string> AllTexts(JsonElement element) => Texts(element, null);

    // Every text object's text (of one type, or of any), anywhere in the JSON.
    private static IEnumerable<string> Texts(JsonElement element, string? type)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            if (element.TryGetProperty("type", out var t) && t.GetString() is "mrkdwn" or "plain_text"
                && (type is null || t.GetString() == type) && element.TryGetProperty("text", out var text) && text.ValueKind == JsonValueKind.String)
            {
                yield return text.GetString()!;
            }

            foreach (var property in element.EnumerateObject())
            {
                foreach (var inner in Texts(property.Value, type))
                {
                    yield return inner;
                }
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray())
            {
                foreach (var inner in Texts(item, type))
                {
                    yield return inner;
                }
            }
        }
    }
}
