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
}
