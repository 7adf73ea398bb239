using Automation.Core.Security;

namespace Automation.Core.Tests.Security;

public class ApiKeyRequestValidatorTests
{
    [Fact]
    public void Validate_ShopKey_WithNameAndLifetime_IsAccepted()
    {
        var result = ApiKeyRequestValidator.Validate(new ApiKeyIssueInput("shop", null, "ops laptop", "P90D"));

        Assert.True(result.IsValid);
        Assert.Equal(new ApiKeyRequest(ApiKeyScope.Shop, null, "ops laptop", TimeSpan.FromDays(90)), result.Value);
    }

    [Fact]
    public void Validate_AgentKey_NamesItsAgent_AndWorksUntilRevokedByDefault()
    {
        var result = ApiKeyRequestValidator.Validate(new ApiKeyIssueInput("agent", "agent-7", null, null));

        Assert.Equal(new ApiKeyRequest(ApiKeyScope.Agent, "agent-7", null, null), result.Value);
    }

    [Theory]
    [InlineData(null, null, "scope")]
    [InlineData("admin", null, "scope")]
    [InlineData("Shop", null, "scope")]
    [InlineData("agent", null, "agentId")]
    [InlineData("agent", "has space", "agentId")]
    [InlineData("shop", "agent-1", "agentId")]
    public void Validate_ScopeAndAgentMismatch_NamesTheField(string? scope, string? agentId, string field)
    {
        var result = ApiKeyRequestValidator.Validate(new ApiKeyIssueInput(scope, agentId, null, null));

        Assert.Equal([field], result.Errors.Keys);
    }

    [Theory]
    [InlineData("P401D")]
    [InlineData("PT0S")]
    [InlineData("-P1D")]
    [InlineData("P1Y")]
    [InlineData("forever")]
    public void Validate_LifetimeOutOfRange_IsRefused(string validFor)
    {
        Assert.Equal(["validFor"], ApiKeyRequestValidator.Validate(new ApiKeyIssueInput("shop", null, null, validFor)).Errors.Keys);
    }

    [Fact]
    public void Validate_NameWithInvisibleCharactersOrTooLong_IsRefused()
    {
        Assert.Equal(["name"], ApiKeyRequestValidator.Validate(new ApiKeyIssueInput("shop", null, "ops\u200Blaptop", null)).Errors.Keys);
        Assert.Equal(["name"], ApiKeyRequestValidator.Validate(new ApiKeyIssueInput("shop", null, new string('n', 101), null)).Errors.Keys);
    }

    [Fact]
    public void Validate_NoBody_SaysWhatToSend()
    {
        Assert.Contains("scope", ApiKeyRequestValidator.Validate((ApiKeyIssueInput?)null).Errors[""][0], StringComparison.Ordinal);
    }

    [Fact]
    public void ValidateRotation_Defaults_KeepTheOldKeyForADay()
    {
        Assert.Equal(new ApiKeyRotation(TimeSpan.FromHours(24), null), ApiKeyRequestValidator.Validate((ApiKeyRotateInput?)null).Value);
    }

    [Theory]
    [InlineData("PT0S", true)]
    [InlineData("P30D", true)]
    [InlineData("P31D", false)]
    [InlineData("-PT1H", false)]
    public void ValidateRotation_GraceFromNowUpTo30Days(string previousValidFor, bool valid)
    {
        Assert.Equal(valid, ApiKeyRequestValidator.Validate(new ApiKeyRotateInput(previousValidFor, null)).IsValid);
    }
}
