using Automation.DevHost.Http;
using Microsoft.AspNetCore.Http;

namespace Automation.DevHost.Tests.Http;

public sealed class InvocationTransformerTests
{
    [Theory]
    [InlineData("", "")]
    [InlineData("?x=1", "?x=1")]
    [InlineData("?code=k", "")]
    [InlineData("?x=1&code=k&y=a%26b", "?x=1&y=a%26b")]
    [InlineData("?CODE=k&x=1", "?x=1")]
    [InlineData("?zipcode=1", "?zipcode=1")]
    public void WithoutKey_Query_DropsOnlyTheCodeParameter(string query, string expected) =>
        Assert.Equal(expected, InvocationTransformer.WithoutKey(new QueryString(query.Length == 0 ? null : query)).Value ?? string.Empty);
}
