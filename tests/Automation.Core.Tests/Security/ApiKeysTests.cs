using Automation.Core.Security;

namespace Automation.Core.Tests.Security;

public class ApiKeysTests
{
    [Fact]
    public void Issue_TokenParsesBack_AndItsSecretMatchesTheStoredHash()
    {
        var issued = ApiKeys.Issue("demo-shop");

        Assert.True(ApiKeys.TryParse(issued.Token, out var keyId, out var secret));
        Assert.Equal(issued.KeyId, keyId);
        Assert.StartsWith("sak." + keyId + ".", issued.Token, StringComparison.Ordinal);
        Assert.True(ApiKeys.Matches("demo-shop", keyId, secret, issued.SecretHash));
        Assert.DoesNotContain(secret, issued.SecretHash, StringComparison.Ordinal);
    }

    [Fact]
    public void Issue_ManyKeys_AreAllDifferent()
    {
        var tokens = Enumerable.Range(0, 1000).Select(_ => ApiKeys.Issue("demo-shop")).ToList();

        Assert.Equal(1000, tokens.Select(t => t.KeyId).Distinct().Count());
        Assert.Equal(1000, tokens.Select(t => t.Token).Distinct().Count());
    }

    [Fact]
    public void Hash_KnownVector_IsSha256OverShopKeyIdAndSecret()
    {
        // Computed with Python: base64(sha256(b"demo-shop\nabcdefghijklmnop\nsecret-value"))
        Assert.Equal("ReuI6+3c08Yef16TaKoJXQJF5cRMgPdPPBU3yyiZcaM=", ApiKeys.Hash("demo-shop", "abcdefghijklmnop", "secret-value"));
    }

    [Fact]
    public void Matches_TheSameSecretForAnotherShopOrKeyId_IsFalse()
    {
        var issued = ApiKeys.Issue("shop-a");
        Assert.True(ApiKeys.TryParse(issued.Token, out var keyId, out var secret));

        Assert.False(ApiKeys.Matches("shop-b", keyId, secret, issued.SecretHash));
        Assert.False(ApiKeys.Matches("shop-a", "abcdefghijklmnop", secret, issued.SecretHash));
        Assert.False(ApiKeys.Matches("shop-a", keyId, secret[..^1] + (secret[^1] == 'A' ? 'B' : 'A'), issued.SecretHash));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("sak")]
    [InlineData("sak.abcdefghijklmnop")]
    [InlineData("sak.abcdefghijklmnop.short")]
    [InlineData("xyz.abcdefghijklmnop.0123456789012345678901234567890123456789012")]
    [InlineData("sak.ABCDEFGHIJKLMNOP.0123456789012345678901234567890123456789012")]
    [InlineData("sak.abcdefghijklmno1.0123456789012345678901234567890123456789012")]
    [InlineData("sak.abcdefghijklmnop.012345678901234567890123456789012345678901=")]
    [InlineData("sak.abcdefghijklmnop.01234567890123456789012345678901234567890123")]
    public void TryParse_AnythingNotShapedLikeAKey_IsFalse(string? token)
    {
        Assert.False(ApiKeys.TryParse(token, out _, out _));
    }

    [Fact]
    public void Grant_AgentKey_SeesOnlyItsOwnAgentsTasks_ShopKeySeesEveryAgents()
    {
        var agent = new ApiKeyGrant("demo-shop", "abcdefghijklmnop", ApiKeyScope.Agent, "agent-1");
        var shop = new ApiKeyGrant("demo-shop", "bcdefghijklmnopq", ApiKeyScope.Shop, null);

        Assert.True(agent.MaySeeTasksOf("agent-1"));
        Assert.False(agent.MaySeeTasksOf("agent-2"));
        Assert.False(agent.IsShopWide);
        Assert.True(shop.MaySeeTasksOf("agent-2"));
        Assert.True(shop.IsShopWide);
    }
}
