using Automation.Core.Agents;
using Automation.Core.Tasks;
using Automation.Core.Tests.Support;
using static Automation.Core.Tests.Agents.TestDigests;

namespace Automation.Core.Tests.Agents;

public class AgentDigestTests
{
    [Fact]
    public void Create_Entries_KeepTheirOrderAsRanks()
    {
        var digest = WithTasks(Task(3), Task(1), Task(2));

        Assert.Equal([1, 2, 3], digest.Tasks.Select(t => t.Rank));
        Assert.Equal(["A1003", "A1001", "A1002"], digest.Tasks.Select(t => t.OrderId));
    }

    [Fact]
    public void Create_Links_PointAtTheTaskApi()
    {
        var digest = Digest(1);

        Assert.Equal(
            "https://automation.example.net/api/shops/demo-shop/tasks/shipment_exception%3AA1001%3Aship-1%3Alost",
            digest.Tasks[0].Link.AbsoluteUri);
        Assert.Equal("https://automation.example.net/api/shops/demo-shop/tasks?agent=zhang.san&state=open", digest.ListLink.AbsoluteUri);
    }

    [Fact]
    public void Create_MorningAndNoonListsOfOneDay_HaveTheirOwnIds_NamedForTheSweepDayNotTheSendingDay()
    {
        var sentAfterMidnight = Now.AddDays(1);
        var morning = AgentDigest.Create(TestShops.Shop(), Agent(), [Entry(Task(1))], ApiBase, Day, DigestPurpose.MorningList, ClearBy, Now);
        var morningAgain = AgentDigest.Create(TestShops.Shop(), Agent(), [Entry(Task(1))], ApiBase, Day, DigestPurpose.MorningList, ClearBy, sentAfterMidnight);
        var noon = AgentDigest.Create(TestShops.Shop(), Agent(), [Entry(Task(1))], ApiBase, Day, DigestPurpose.NoonEscalation, ClearBy, Now);

        Assert.Equal("agent_digest:zhang.san:2026-11-30", morning.DigestId);
        Assert.Equal(morning.DigestId, morningAgain.DigestId);
        Assert.Equal("agent_digest:zhang.san:2026-11-30:noon", noon.DigestId);
    }

    [Fact]
    public void Create_ApiBaseWithPath_KeepsThePath()
    {
        var digest = AgentDigest.Create(TestShops.Shop(), Agent(), [Entry(Task(1))], new Uri("https://host.example/prefix"), Day, DigestPurpose.MorningList, ClearBy, Now);

        Assert.StartsWith("https://host.example/prefix/api/shops/demo-shop/tasks/", digest.Tasks[0].Link.AbsoluteUri, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_Times_AreInTheShopsZone()
    {
        var digest = AgentDigest.Create(TestShops.Shop(timeZoneId: "America/New_York"), Agent(), [Entry(Task(1))], ApiBase, Day, DigestPurpose.MorningList, ClearBy, Now);

        Assert.Equal(TimeSpan.FromHours(-5), digest.GeneratedAt.Offset);
        Assert.Equal(TimeSpan.FromHours(-5), digest.Tasks[0].DueAt.Offset);
        Assert.Equal(Now.AddHours(1), digest.Tasks[0].DueAt);
        Assert.Equal(23, digest.ClearBy.Hour);
    }

    [Fact]
    public void Headline_ChineseShop_CountsTasksAndClearBy()
    {
        Assert.Equal("3 项任务，12:00 前处理完", Digest(3).Headline);
    }

    [Theory]
    [InlineData(1, "1 task, clear by 12:00")]
    [InlineData(2, "2 tasks, clear by 12:00")]
    public void Headline_EnglishShop_CountsTasksAndClearBy(int count, string expected)
    {
        Assert.Equal(expected, Digest(count, TestShops.Shop(locale: "en")).Headline);
    }

    [Fact]
    public void Create_Evidence_KeepsAFewCleanSingleLines()
    {
        var task = Task(1, 1,
            new TaskEvidence("message", "line one\r\nline two\u202E\u200B  end"),
            new TaskEvidence("empty", "  "),
            new TaskEvidence("long", new string('x', 500)),
            new TaskEvidence("third", "c"),
            new TaskEvidence("fourth", "d"));

        var evidence = WithTasks(task).Tasks[0].Evidence;

        Assert.Equal(["message", "long", "third"], evidence.Select(e => e.Label));
        Assert.Equal("line one line two end", evidence[0].Value);
        Assert.Equal(AgentDigest.MaxTextLength, evidence[1].Value.Length);
        Assert.EndsWith("…", evidence[1].Value, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_DigestId_NamesTheAgentAndTheShopsDay()
    {
        Assert.Equal("agent_digest:zhang.san:2026-11-30", Digest(1).DigestId);
    }
}
