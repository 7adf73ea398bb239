using System.Globalization;
using System.Text;
using Automation.Core.Security;
using Microsoft.AspNetCore.Http;
using StandardWebhooks;
using StandardWebhooks.Diagnostics;

namespace Automation.Core.Tests.Security;

/// <summary>
/// The signer against the spec's published example and against a receiver: the StandardWebhooks package, which reads
/// the headers and the secret as any Standard Webhooks library does (and checks the timestamp against the real clock,
/// so what it verifies is signed now).
/// </summary>
public class StandardWebhookSignatureTests
{
    // The example of the Standard Webhooks reference libraries' tests: this secret, id, timestamp and payload sign to this.
    private const string SpecSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private const string SpecId = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private const string SpecTimestamp = "1614265330";
    private const string SpecPayload = "{\"test\": 2432232314}";
    private const string SpecSignature = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

    private const string Secret = "whsec_c2hvcC1jaGFubmVsLXNlY3JldC0wMTIzNDU2Nzg5YWJj";
    private const string MessageId = "demo-shop:A1001:payment_reminder:1";
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("{\"messageId\":\"demo-shop:A1001:payment_reminder:1\",\"text\":\"您好，订单 A1001 还未付款\"}");

    [Fact]
    public void Compute_SpecExample_IsThePublishedSignature()
    {
        var signature = StandardWebhookSignature.Compute(SigningSecrets.KeyOf(SpecSecret), SpecId, SpecTimestamp, Encoding.UTF8.GetBytes(SpecPayload));

        Assert.Equal(SpecSignature, signature);
    }

    [Fact]
    public void Sign_SpecExample_MatchesThePackagesOwnSigner()
    {
        var at = DateTimeOffset.FromUnixTimeSeconds(long.Parse(SpecTimestamp, CultureInfo.InvariantCulture));

        var ours = StandardWebhookSignature.Sign(SpecSecret, SpecId, at, Encoding.UTF8.GetBytes(SpecPayload));

        Assert.Equal(new StandardWebhook(SpecSecret).Sign(SpecId, at, SpecPayload), ours.Signature);
        Assert.Equal((SpecId, SpecTimestamp), (ours.Id, ours.Timestamp));
    }

    [Fact]
    public void Sign_Now_VerifiesWithTheStandardWebhooksPackage()
    {
        var headers = StandardWebhookSignature.Sign(Secret, MessageId, DateTimeOffset.UtcNow, Body);

        new StandardWebhook(Secret).Verify(Encoding.UTF8.GetString(Body), AsReceived(headers));
    }

    [Fact]
    public void Sign_TamperedBody_FailsThePackagesCheck()
    {
        var headers = StandardWebhookSignature.Sign(Secret, MessageId, DateTimeOffset.UtcNow, Body);
        var tampered = Encoding.UTF8.GetString(Body).Replace("A1001", "A1002", StringComparison.Ordinal);

        Assert.Throws<WebhookVerificationException>(() => new StandardWebhook(Secret).Verify(tampered, AsReceived(headers)));
    }

    [Fact]
    public void Sign_AnotherSecret_FailsThePackagesCheck()
    {
        var headers = StandardWebhookSignature.Sign(Secret, MessageId, DateTimeOffset.UtcNow, Body);

        Assert.Throws<WebhookVerificationException>(() => new StandardWebhook(SpecSecret).Verify(Encoding.UTF8.GetString(Body), AsReceived(headers)));
    }

    [Fact]
    public void Sign_AnotherMessageId_FailsThePackagesCheck()
    {
        var headers = StandardWebhookSignature.Sign(Secret, MessageId, DateTimeOffset.UtcNow, Body);
        var received = AsReceived(headers);
        received[StandardWebhookHeaders.Id] = "demo-shop:A1001:payment_reminder:2";

        Assert.Throws<WebhookVerificationException>(() => new StandardWebhook(Secret).Verify(Encoding.UTF8.GetString(Body), received));
    }

    [Fact]
    public void Sign_PlainSecretSavedBefore_VerifiesWithWhsecOfItsUtf8Bytes()
    {
        // The conversion the README gives the receiver of a shop that still has a plain secret.
        const string plain = "channel-secret-0123456789";
        var headers = StandardWebhookSignature.Sign(plain, MessageId, DateTimeOffset.UtcNow, Body);

        new StandardWebhook("whsec_" + Convert.ToBase64String(Encoding.UTF8.GetBytes(plain))).Verify(Encoding.UTF8.GetString(Body), AsReceived(headers));
    }

    [Fact]
    public void Sign_SendsTheMessageIdAsWebhookIdAndIdempotencyKey()
    {
        var at = DateTimeOffset.Parse("2026-11-28T10:00:00.900Z", CultureInfo.InvariantCulture);

        var headers = StandardWebhookSignature.Sign(Secret, MessageId, at, Body);

        Assert.Equal(
            [
                new(StandardWebhookHeaders.Id, MessageId),
                new(StandardWebhookHeaders.Timestamp, "1795860000"),
                new(StandardWebhookHeaders.Signature, headers.Signature),
                new("Idempotency-Key", MessageId),
            ],
            headers.All);
        Assert.Matches(@"^v1,[A-Za-z0-9+/]{43}=\z", headers.Signature);
    }

    [Theory]
    [InlineData(24)]
    [InlineData(32)]
    [InlineData(64)]
    public void IsStandard_WhsecAndBase64OfTheSpecsKeySizes_IsTrue(int bytes)
    {
        var secret = "whsec_" + Convert.ToBase64String(Enumerable.Range(1, bytes).Select(b => (byte)b).ToArray());

        Assert.True(SigningSecrets.IsStandard(secret));
        Assert.Null(SigningSecrets.ProblemWithStandard(secret));
        Assert.Equal(bytes, SigningSecrets.KeyOf(secret).Length);
    }

    [Theory]
    [InlineData("", "Must be a Standard Webhooks secret")]
    [InlineData("channel-secret-0123456789", "Must be a Standard Webhooks secret")]
    [InlineData("WHSEC_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "Must be a Standard Webhooks secret")]
    [InlineData("whsec_", "standard base64")]
    [InlineData("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaS", "standard base64")] // not a multiple of 4
    [InlineData("whsec_MfKQ9r8GKYqrTwjUPD8I LPZIo2LaLaSw", "standard base64")]
    [InlineData("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLa-_", "standard base64")] // the URL-safe alphabet
    [InlineData("whsec_AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGR==", "standard base64")] // unused bits set: decodes, but not canonically
    [InlineData("whsec_MDEyMzQ1Njc4OWFiY2RlZg==", "is 16 bytes")]
    public void ProblemWithStandard_NotAWhsecSecretOfTheSpec_SaysWhat(string secret, string expected)
    {
        Assert.False(SigningSecrets.IsStandard(secret));
        Assert.Contains(expected, SigningSecrets.ProblemWithStandard(secret), StringComparison.Ordinal);
    }

    [Fact]
    public void ProblemWithStandard_KeyOver64Bytes_SaysHowLong()
    {
        var secret = "whsec_" + Convert.ToBase64String(new byte[65]);

        Assert.Contains("is 65 bytes", SigningSecrets.ProblemWithStandard(secret), StringComparison.Ordinal);
    }

    [Fact]
    public void KeyOf_PlainSecret_IsItsUtf8Bytes()
    {
        Assert.Equal(Encoding.UTF8.GetBytes("秘密-channel-secret"), SigningSecrets.KeyOf("秘密-channel-secret"));
    }

    private static HeaderDictionary AsReceived(SignedMessageHeaders headers)
    {
        var received = new HeaderDictionary();
        foreach (var (name, value) in headers.All)
        {
            received[name] = value;
        }

        return received;
    }
}
