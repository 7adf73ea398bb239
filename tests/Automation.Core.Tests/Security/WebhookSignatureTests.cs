using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Automation.Core.Security;

namespace Automation.Core.Tests.Security;

public class WebhookSignatureTests
{
    private const string Secret = "at-least-16-characters";
    private const string Timestamp = "1795860000"; // 2026-11-28T10:00:00Z
    private static readonly DateTimeOffset SignedAt = DateTimeOffset.FromUnixTimeSeconds(1795860000);
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("""{"id":"evt-1001"}""");
    private static readonly TimeSpan Tolerance = WebhookSignature.DefaultTolerance;

    [Fact]
    public void Compute_KnownVector_MatchesHmacComputedElsewhere()
    {
        // Computed with Python: hmac.new(secret, b'1795860000.' + body, sha256).hexdigest()
        Assert.Equal(
            "sha256=b6f493186111bd0d39b419b052a0f47165d6c931694a6d58f2655f106283f614",
            WebhookSignature.Compute(Secret, Timestamp, Body));
    }

    [Fact]
    public void Compute_NonAsciiSecretAndBody_SignsTheUtf8Bytes()
    {
        var body = Encoding.UTF8.GetBytes("""{"name":"连帽衫"}""");

        Assert.Equal(
            "sha256=a11de43c1b727bfb7472b6234368d98d8d8904ace9944c9800350f47fc89a856",
            WebhookSignature.Compute("秘密-at-least-16-chars", Timestamp, body));
    }

    [Fact]
    public void Compute_AnyBody_EqualsHmacSha256OverTimestampDotBody()
    {
        var body = RandomNumberGenerator.GetBytes(1000);
        byte[] message = [.. Encoding.UTF8.GetBytes(Timestamp + "."), .. body];
        var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), message);

        Assert.Equal("sha256=" + Convert.ToHexStringLower(expected), WebhookSignature.Compute(Secret, Timestamp, body));
    }

    [Fact]
    public void Verify_CorrectSignatureWithinTolerance_IsValid()
    {
        var signature = WebhookSignature.Compute(Secret, Timestamp, Body);

        Assert.Equal(SignatureCheck.Valid, WebhookSignature.Verify(Secret, Timestamp, signature, Body, SignedAt.AddSeconds(30), Tolerance));
    }

    [Fact]
    public void Verify_UppercaseHex_IsValid()
    {
        var signature = "sha256=" + WebhookSignature.Compute(Secret, Timestamp, Body)["sha256=".Length..].ToUpperInvariant();

        Assert.Equal(SignatureCheck.Valid, WebhookSignature.Verify(Secret, Timestamp, signature, Body, SignedAt, Tolerance));
    }

    [Fact]
    public void Verify_TamperedBody_IsMismatch()
    {
        var signature = WebhookSignature.Compute(Secret, Timestamp, Body);
        var tampered = Encoding.UTF8.GetBytes("""{"id":"evt-1002"}""");

        Assert.Equal(SignatureCheck.Mismatch, WebhookSignature.Verify(Secret, Timestamp, signature, tampered, SignedAt, Tolerance));
    }

    [Fact]
    public void Verify_TimestampChangedAfterSigning_IsMismatch()
    {
        var signature = WebhookSignature.Compute(Secret, Timestamp, Body);

        Assert.Equal(SignatureCheck.Mismatch, WebhookSignature.Verify(Secret, "1795860001", signature, Body, SignedAt, Tolerance));
    }

    [Fact]
    public void Verify_OtherShopsSecret_IsMismatch()
    {
        var signature = WebhookSignature.Compute("another-shops-secret-0000", Timestamp, Body);

        Assert.Equal(SignatureCheck.Mismatch, WebhookSignature.Verify(Secret, Timestamp, signature, Body, SignedAt, Tolerance));
    }

    [Theory]
    [InlineData(-301)]
    [InlineData(301)]
    [InlineData(-86400)]
    [InlineData(86400)]
    public void Verify_TimestampBeyondTolerance_IsStale(int secondsFromNow)
    {
        var now = SignedAt.AddSeconds(-secondsFromNow);
        var signature = WebhookSignature.Compute(Secret, Timestamp, Body);

        Assert.Equal(SignatureCheck.Stale, WebhookSignature.Verify(Secret, Timestamp, signature, Body, now, Tolerance));
    }

    [Theory]
    [InlineData(-300)]
    [InlineData(300)]
    public void Verify_TimestampExactlyAtTolerance_IsValid(int secondsFromNow)
    {
        var now = SignedAt.AddSeconds(-secondsFromNow);
        var signature = WebhookSignature.Compute(Secret, Timestamp, Body);

        Assert.Equal(SignatureCheck.Valid, WebhookSignature.Verify(Secret, Timestamp, signature, Body, now, Tolerance));
    }

    [Theory]
    [InlineData(null, "sha256=00")]
    [InlineData("", "sha256=00")]
    [InlineData("1795860000", null)]
    [InlineData("1795860000", "  ")]
    public void Verify_HeaderAbsent_IsMissing(string? timestamp, string? signature)
    {
        Assert.Equal(SignatureCheck.Missing, WebhookSignature.Verify(Secret, timestamp, signature, Body, SignedAt, Tolerance));
    }

    [Theory]
    [InlineData("17958600xx")]
    [InlineData("-1795860000")]
    [InlineData("+1795860000")]
    [InlineData("1795860000.5")]
    [InlineData("1.79586e9")]
    [InlineData("2026-11-28T10:00:00Z")]
    [InlineData("99999999999999999999")]
    [InlineData("999999999999")] // after year 9999
    public void Verify_TimestampNotUnixSeconds_IsMalformed(string timestamp)
    {
        var signature = WebhookSignature.Compute(Secret, timestamp, Body);

        Assert.Equal(SignatureCheck.Malformed, WebhookSignature.Verify(Secret, timestamp, signature, Body, SignedAt, Tolerance));
    }

    [Theory]
    [InlineData("b6f493186111bd0d39b419b052a0f47165d6c931694a6d58f2655f106283f614")]          // no prefix
    [InlineData("sha1=b6f493186111bd0d39b419b052a0f47165d6c931694a6d58f2655f106283f614")]
    [InlineData("sha256=b6f493186111bd0d39b419b052a0f47165d6c931694a6d58f2655f106283f6")]     // too short
    [InlineData("sha256=b6f493186111bd0d39b419b052a0f47165d6c931694a6d58f2655f106283f61400")] // too long
    [InlineData("sha256=z6f493186111bd0d39b419b052a0f47165d6c931694a6d58f2655f106283f614")]   // not hex
    [InlineData("sha256=")]
    public void Verify_SignatureNotSha256Hex_IsMalformed(string signature)
    {
        Assert.Equal(SignatureCheck.Malformed, WebhookSignature.Verify(Secret, Timestamp, signature, Body, SignedAt, Tolerance));
    }

    [Fact]
    public void Verify_EmptyBody_IsSignedLikeAnyOther()
    {
        var signature = WebhookSignature.Compute(Secret, Timestamp, []);

        Assert.Equal(SignatureCheck.Valid, WebhookSignature.Verify(Secret, Timestamp, signature, [], SignedAt, Tolerance));
        Assert.Equal(SignatureCheck.Mismatch, WebhookSignature.Verify(Secret, Timestamp, signature, Body, SignedAt, Tolerance));
    }

    [Fact]
    public void Verify_EmptySecret_Throws()
    {
        Assert.Throws<ArgumentException>(() => WebhookSignature.Verify("", Timestamp, "sha256=00", Body, SignedAt, Tolerance));
    }
}
