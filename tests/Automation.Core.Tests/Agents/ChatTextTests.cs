using Automation.Core.Agents;

namespace Automation.Core.Tests.Agents;

public class ChatTextTests
{
    [Fact]
    public void Markdown_MarkupCharacters_BecomeFullWidthLookAlikes()
    {
        Assert.Equal("＊＊b＊＊ ｀c｀ ＜@u＞ ＆amp; ［l］（u） ＼x", ChatText.Markdown("**b** `c` <@u> &amp; [l](u) \\x"));
    }

    [Fact]
    public void Markdown_OrdinaryText_IsUnchanged()
    {
        Assert.Equal("退款 A1001_x ~ 10:30, size M!", ChatText.Markdown("退款 A1001_x ~ 10:30, size M!"));
    }

    [Fact]
    public void Slack_EscapesOnlyAmpersandAndAngleBrackets()
    {
        Assert.Equal("&amp;lt; &lt;!channel&gt; *b* _i_ `c`", ChatText.Slack("&lt; <!channel> *b* _i_ `c`"));
    }

    [Fact]
    public void SingleLine_BreaksTabsAndInvisibles_BecomeOneLine()
    {
        Assert.Equal("a b c d", ChatText.SingleLine(" a\r\n\tb \u2028 c\u200B\u202E d ", 100));
    }

    [Fact]
    public void SingleLine_LongText_IsCutWithEllipsisOutsideSurrogatePairs()
    {
        var text = "ab" + string.Concat(Enumerable.Repeat("😀", 10));

        var cut = ChatText.SingleLine(text, 6);

        Assert.Equal("ab😀…", cut);
    }

    [Fact]
    public void ForGroup_PhoneAndEmail_AreMasked()
    {
        Assert.Equal("请联系 *** 或 ***，谢谢", ChatText.ForGroup("请联系 13812345678 或 lilei@example.com，谢谢"));
    }

    [Fact]
    public void ForGroup_TrackingNumbersAndTimes_AreKept()
    {
        const string text = "SF1234567890 reported at 2026-11-30T01:00:00.0000000+00:00, order A1001";

        Assert.Equal(text, ChatText.ForGroup(text));
    }
}
