using System.Text.Json;
using Automation.Core.Cases;
using static Automation.Core.Tests.Support.Zones;

namespace Automation.Core.Tests.Cases;

public class CaseEventValidatorTests
{
    private static CaseEventInput Parse(string json) => JsonSerializer.Deserialize<CaseEventInput>(json, JsonSerializerOptions.Web)!;

    private static string Describe<T>(ValidationResult<T> result)
        where T : class
        => string.Join("; ", result.Errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}"));

    [Fact]
    public void Validate_FullExample_GivesTheFacts()
    {
        var input = Parse("""
            { "id": "evt-9", "type": "case.opened", "occurredAt": "2026-11-23T10:00:30+08:00",
              "case": { "id": "C1001", "orderId": "A1001", "kind": "return_refund", "status": "pending_review",
                        "reason": "quality", "amount": 199.00, "currency": "cny", "openedAt": "2026-11-23T10:00:00+08:00",
                        "escalated": false, "returnTracking": { "carrier": "SF Express", "trackingNumber": "SF123" },
                        "evidence": [ { "type": "photo", "url": "https://img.example.com/1.jpg" }, { "type": "text", "text": "Torn seam." } ] } }
            """);

        var result = CaseEventValidator.Validate(input);

        Assert.True(result.IsValid, Describe(result));
        var facts = result.Value.Facts;
        Assert.Equal(CaseEventTypes.Opened, result.Value.Type);
        Assert.Equal(At("2026-11-23T02:00:30Z"), result.Value.OccurredAt);
        Assert.Equal(CaseKind.ReturnRefund, facts.Kind);
        Assert.Equal(CaseStatus.PendingReview, facts.Status);
        Assert.Equal(CaseReason.Quality, facts.Reason);
        Assert.Equal("CNY", facts.Currency);
        Assert.Equal(At("2026-11-23T02:00:00Z"), facts.OpenedAt);
        Assert.Equal(new ReturnTracking("SF Express", "SF123"), facts.ReturnTracking);
        Assert.Equal(
            [new CaseEvidence(CaseEvidenceType.Photo, "https://img.example.com/1.jpg", null), new CaseEvidence(CaseEvidenceType.Text, null, "Torn seam.")],
            facts.Evidence);
    }

    [Fact]
    public void Validate_ManyBadFields_ReportsEveryOneByPath()
    {
        var input = Parse("""
            { "id": "evt 9", "type": "case.updated", "occurredAt": "2026-11-23T10:00:00",
              "case": { "id": "C1001", "orderId": "", "kind": "return_refund", "status": "awaiting_reshipment",
                        "reason": "broken", "amount": -1, "currency": "RMB1", "openedAt": "yesterday",
                        "returnTracking": { "carrier": "SF" },
                        "evidence": [ { "type": "video", "url": "https://img.example.com/1.mp4" }, { "type": "photo", "url": "ftp://x/1.jpg" },
                                      { "type": "photo" }, { "type": "text", "text": "  " }, null ] } }
            """);

        var result = CaseEventValidator.Validate(input);

        Assert.False(result.IsValid);
        Assert.Equal(
            new[]
            {
                "case.amount", "case.currency", "case.evidence[0].type", "case.evidence[1].url", "case.evidence[2].url", "case.evidence[3].text",
                "case.evidence[4]", "case.openedAt", "case.orderId", "case.returnTracking.trackingNumber", "case.status", "id", "occurredAt",
            },
            result.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("'awaiting_reshipment' is not a status of return_refund cases", result.Errors["case.status"][0], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{ "kind": "refund", "status": "approved" }""", "case.kind")]
    [InlineData("""{ "kind": "exchange", "status": "Approved" }""", "case.status")]
    [InlineData("""{ "kind": "refund_only", "status": "received" }""", "case.status")]
    [InlineData("""{ "kind": "refund_only", "status": "rejected" }""", "case.rejectionReason")]
    [InlineData("""{ "kind": "refund_only", "status": "rejected", "rejectionReason": "\u200B" }""", "case.rejectionReason")]
    [InlineData("""{ "kind": "refund_only" }""", "case.status")]
    public void Validate_BadCase_NamesTheField(string caseFields, string path)
    {
        var input = Parse($$"""{ "id": "evt-1", "type": "case.updated", "case": { "id": "C1", "orderId": "A1", {{caseFields[1..]}} }""");

        var result = CaseEventValidator.Validate(input);

        Assert.Equal([path], result.Errors.Keys);
    }

    [Theory]
    [InlineData("case.opened", CaseStatus.PendingReview)]
    [InlineData("case.closed", CaseStatus.Closed)]
    public void Validate_StatusOmitted_DefaultsByEventType(string type, CaseStatus expected)
    {
        var input = Parse($$"""{ "id": "evt-1", "type": "{{type}}", "case": { "id": "C1", "orderId": "A1", "kind": "exchange" } }""");

        Assert.Equal(expected, CaseEventValidator.Validate(input).Value?.Facts.Status);
    }

    [Fact]
    public void Validate_ClosedEventWithOtherStatus_IsAnError()
    {
        var input = Parse("""{ "id": "evt-1", "type": "case.closed", "case": { "id": "C1", "orderId": "A1", "kind": "exchange", "status": "reshipped" } }""");

        Assert.Contains("case.status", CaseEventValidator.Validate(input).Errors.Keys);
    }

    [Theory]
    [InlineData("quality", null, CaseReason.Quality, null)]
    [InlineData("Not-As-Described", null, CaseReason.NotAsDescribed, null)]
    [InlineData(" wrong item ", "Sent the blue one", CaseReason.WrongItem, "Sent the blue one")]
    [InlineData("质量问题", null, CaseReason.Other, "质量问题")]
    [InlineData("SIZE_TOO_SMALL", null, CaseReason.Other, "SIZE_TOO_SMALL")]
    [InlineData("broken", "Arrived cracked", CaseReason.Other, "Arrived cracked")]
    [InlineData(null, "Ordered a medium, got an XXL", CaseReason.Other, "Ordered a medium, got an XXL")]
    [InlineData("  ", null, null, null)]
    [InlineData(null, null, null, null)]
    public void Validate_Reason_OneOfOursIsThatReason_AnythingElseIsOtherWithTheWordsKept(string? reason, string? reasonText, CaseReason? expected, string? expectedText)
    {
        var input = Parse("""{ "id": "evt-1", "type": "case.opened", "case": { "id": "C1", "orderId": "A1", "kind": "refund_only" } }""");
        input.Case!.Reason = reason;
        input.Case.ReasonText = reasonText;

        var result = CaseEventValidator.Validate(input);

        Assert.True(result.IsValid, Describe(result));
        Assert.Equal((expected, expectedText), (result.Value.Facts.Reason, result.Value.Facts.ReasonText));
    }

    [Fact]
    public void Validate_LongFreeTextReason_IsCutNotRefused_AndCleaned()
    {
        var input = Parse("""{ "id": "evt-1", "type": "case.opened", "case": { "id": "C1", "orderId": "A1", "kind": "refund_only" } }""");
        input.Case!.Reason = "买家说\u202E" + new string('慢', 800);

        var facts = CaseEventValidator.Validate(input).Value!.Facts;

        Assert.Equal(CaseReason.Other, facts.Reason);
        Assert.Equal(500, facts.ReasonText!.Length);
        Assert.StartsWith("买家说慢", facts.ReasonText, StringComparison.Ordinal);
        Assert.EndsWith("…", facts.ReasonText, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_TextWithSpoofingCharacters_IsCleaned()
    {
        var input = Parse("""
            { "id": "evt-1", "type": "case.updated",
              "case": { "id": "C1", "orderId": "A1", "kind": "refund_only", "status": "rejected", "rejectionReason": "Used\u202E item",
                        "evidence": [ { "type": "text", "text": "Bro\u200Bken" } ] } }
            """);

        var facts = CaseEventValidator.Validate(input).Value!.Facts;

        Assert.Equal("Used item", facts.RejectionReason);
        Assert.Equal("Broken", facts.Evidence![0].Text);
    }

    [Theory]
    [InlineData(null, "body")]
    [InlineData("""{ "id": "evt-1", "type": "order.paid" }""", "type")]
    [InlineData("""{ "id": "evt-1", "type": "case.opened" }""", "case")]
    public void Validate_MissingParts_NamesThem(string? json, string path)
    {
        var result = CaseEventValidator.Validate(json is null ? null : Parse(json));

        Assert.Contains(path, result.Errors.Keys);
    }
}
