using Automation.Core.FollowUps;

namespace Automation.Core.Tests.FollowUps;

public class CustomerRepliesTests
{
    [Theory]
    [InlineData("退订")]
    [InlineData(" td ")]
    [InlineData("T")]
    [InlineData("stop")]
    [InlineData("STOP!")]
    [InlineData("Unsubscribe.")]
    [InlineData("别再发了")]
    public void Read_AnOptOutKeywordAlone_OptsOut(string text)
    {
        Assert.True(CustomerReplies.Read(text, ["别再发了"]).OptsOut);
    }

    [Theory]
    [InlineData("Please don't stop making these hoodies")]
    [InlineData("退订了怎么重新订阅")]
    [InlineData("Tea")]
    public void Read_AKeywordInsideASentence_DoesNotOptOut(string text)
    {
        Assert.False(CustomerReplies.Read(text, []).OptsOut);
    }

    [Theory]
    [InlineData("收到了，但是袖口开线了，有点失望", CustomerMood.Unhappy)]
    [InlineData("It arrived, but the zipper broke on day one.", CustomerMood.Unhappy)]
    [InlineData("不太满意，颜色和图片差太多", CustomerMood.Unhappy)]
    [InlineData("很喜欢，质量很好，谢谢！", CustomerMood.Happy)]
    [InlineData("All good, thanks! 👍", CustomerMood.Happy)]
    [InlineData("收到", CustomerMood.Neutral)]
    [InlineData("ok", CustomerMood.Neutral)]
    public void Read_TheMessagesMood(string text, CustomerMood mood)
    {
        var reply = CustomerReplies.Read(text, []);

        Assert.Equal(mood, reply.Mood);
        Assert.False(reply.OptsOut);
        if (mood != CustomerMood.Neutral)
        {
            Assert.NotEmpty(reply.Evidence);
        }
    }
}
