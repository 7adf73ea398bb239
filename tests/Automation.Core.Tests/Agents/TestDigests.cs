using Automation.Core.Agents;
using Automation.Core.Shops;
using Automation.Core.Tasks;
using Automation.Core.Tests.Support;

namespace Automation.Core.Tests.Agents;

/// <summary>Builders for agents, ranked tasks and digests: a Shanghai shop's morning of 2026-11-30.</summary>
internal static class TestDigests
{
    public static readonly Uri ApiBase = new("https://automation.example.net/");

    /// <summary>09:00 in Shanghai.</summary>
    public static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-11-30T01:00:00Z", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>12:00 in Shanghai.</summary>
    public static readonly DateTimeOffset ClearBy = Now.AddHours(3);

    /// <summary>The sweep day of <see cref="Now"/> in the test shop's zone (Shanghai).</summary>
    public static readonly DateOnly Day = new(2026, 11, 30);

    public static Agent Agent(AgentChannel? channel = null) => new(
        "zhang.san",
        "张三",
        [AgentRole.AfterSale],
        Active: true,
        MaxOpenTasks: 20,
        channel ?? new AgentChannel(AgentChannelType.WeCom, new Uri("https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abc"), null));

    public static AgentTask Task(int n, int priority = 2, params TaskEvidence[] evidence) => new(
        $"shipment_exception:A{1000 + n}:ship-1:lost",
        TestOrders.ShopId,
        TaskKinds.ShipmentException,
        $"A{1000 + n}",
        CaseId: null,
        ReviewId: null,
        priority,
        DueAt: Now.AddHours(n),
        AgentTaskState.Open,
        evidence.Length > 0 ? evidence : [new("status", "lost"), new("carrier", "SF")],
        CreatedAt: Now.AddDays(-1));

    public static DigestEntry Entry(AgentTask task, double score = 80.5, string reason = "lost parcel, 48 h target") => new(task, score, reason);

    public static AgentDigest Digest(int count = 3, ShopSettings? shop = null, Func<int, AgentTask>? task = null)
        => AgentDigest.Create(
            shop ?? TestShops.Shop(),
            Agent(),
            Enumerable.Range(1, count).Select(n => Entry((task ?? (i => Task(i, priority: i == 1 ? 1 : 2)))(n))),
            ApiBase,
            Day,
            DigestPurpose.MorningList,
            ClearBy,
            Now);

    public static AgentDigest WithTasks(params AgentTask[] tasks)
        => AgentDigest.Create(TestShops.Shop(), Agent(), tasks.Select(t => Entry(t)), ApiBase, Day, DigestPurpose.MorningList, ClearBy, Now);
}
