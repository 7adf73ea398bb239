using Automation.Core.Messaging;

namespace Automation.Core.Tests.Messaging;

public class CustomerTextTests
{
    [Theory]
    [InlineData("Li Lei")]
    [InlineData("李雷")]
    [InlineData("Zoë – 🎉")]
    [InlineData("שלום עולם")]
    [InlineData("\U0001F600")]
    public void FindForbidden_OrdinaryText_FindsNothing(string text)
    {
        Assert.Null(CustomerText.FindForbidden(text));
        Assert.Same(text, CustomerText.Clean(text));
    }

    [Theory]
    [InlineData("nul\u0000", "U+0000")]
    [InlineData("bell\u0007", "U+0007")]
    [InlineData("line\nbreak", "U+000A")]
    [InlineData("del\u007F", "U+007F")]
    [InlineData("c1\u0085", "U+0085")]
    [InlineData("abc\u202Egnp.exe", "U+202E")]
    [InlineData("\u202Aembed", "U+202A")]
    [InlineData("iso\u2066late\u2069", "U+2066")]
    [InlineData("zero\u200Bwidth", "U+200B")]
    [InlineData("zw\u200Dj", "U+200D")]
    [InlineData("word\u2060joiner", "U+2060")]
    [InlineData("\uFEFFbom", "U+FEFF")]
    [InlineData("non\uFDD0char", "U+FDD0")]
    [InlineData("non\uFFFEchar", "U+FFFE")]
    [InlineData("non\uFFFF", "U+FFFF")]
    [InlineData("plane1 \U0001FFFE", "U+1FFFE")]
    public void FindForbidden_SpoofingOrBreakingCharacter_NamesIt(string text, string expected)
    {
        Assert.Contains(expected, CustomerText.FindForbidden(text), StringComparison.Ordinal);
    }

    // Built at run time: attribute arguments cannot carry an unpaired surrogate (they are stored as UTF-8).
    [Theory]
    [InlineData(0xD800)]
    [InlineData(0xDC00)]
    public void FindForbidden_UnpairedSurrogate_NamesIt_AndCleanRemovesIt(int surrogate)
    {
        var text = "lone " + (char)surrogate + "surrogate";

        Assert.Contains($"U+{surrogate:X4}", CustomerText.FindForbidden(text), StringComparison.Ordinal);
        Assert.Equal("lone surrogate", CustomerText.Clean(text));
    }

    [Theory]
    [InlineData("two\nlines")]
    [InlineData("crlf\r\nand\ttab")]
    public void FindForbidden_LineBreaksWhenAllowed_FindsNothing(string text)
    {
        Assert.Null(CustomerText.FindForbidden(text, allowLineBreaks: true));
    }

    [Fact]
    public void FindForbidden_OtherControlsWhenLineBreaksAllowed_NamesThem()
    {
        Assert.Contains("U+0000", CustomerText.FindForbidden("a\n\u0000", allowLineBreaks: true), StringComparison.Ordinal);
        Assert.Contains("U+202E", CustomerText.FindForbidden("a\n\u202E", allowLineBreaks: true), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("abc\u202Egnp.exe", "abcgnp.exe")]
    [InlineData("\uFEFFLi\u200B Lei\u0000", "Li Lei")]
    [InlineData("emoji \U0001F600 kept", "emoji \U0001F600 kept")]
    [InlineData("\u202E\u2066", "")]
    public void Clean_RemovesEveryForbiddenCharacter(string text, string expected)
    {
        Assert.Equal(expected, CustomerText.Clean(text));
    }
}
