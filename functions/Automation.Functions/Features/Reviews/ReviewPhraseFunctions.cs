using Automation.Core.Reviews;
using Automation.Functions.Features.Access;
using Automation.Functions.Features.Http;
using Automation.Storage.Stores;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Automation.Functions.Features.Reviews;

/// <summary>
/// Ops see the phrases the shop's agents taught the review reading (<c>ReviewPhrases</c>), with who taught each, when
/// and from which review, and remove one that teaches the wrong thing (<c>ForgetReviewPhrase</c>). Shop key only.
/// </summary>
internal sealed partial class ReviewPhraseFunctions(ReviewStore reviews, TaughtPhrasesCache taughtPhrases, ApiKeyAuthentication access, ILogger<ReviewPhraseFunctions> logger)
{
    private const int MaxAttempts = 5;

    /// <summary>The shop's taught phrases, oldest first. Storage: the key check and 1 point read.</summary>
    [Function(nameof(ReviewPhrases))]
    public async Task<IResult> ReviewPhrases(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "shops/{shopId}/review-phrases")] HttpRequest request,
        string shopId,
        CancellationToken cancellationToken)
    {
        if (await access.RequireShopKeyAsync(request, shopId, cancellationToken) is { } denied)
        {
            return denied;
        }

        var stored = await reviews.GetPhrasesAsync(shopId, cancellationToken);
        return TypedResults.Ok(ReviewPhraseList.From(stored.Entries));
    }

    /// <summary>
    /// Removes a phrase (matched as the classifier matches it: case and full-width folded): 204, or 404 when the shop has
    /// not taught it. Reviews read from then on no longer see it (on other instances within the settings cache's period);
    /// decisions stored with reviews keep what they taught. Storage: the key check, 1 point read, 1 write under the ETag
    /// read (read and written again when a correction changed the list meanwhile).
    /// </summary>
    [Function(nameof(ForgetReviewPhrase))]
    public async Task<IResult> ForgetReviewPhrase(
        [HttpTrigger(AuthorizationLevel.Function, "delete", Route = "shops/{shopId}/review-phrases/{text}")] HttpRequest request,
        string shopId,
        string text,
        CancellationToken cancellationToken)
    {
        if (await access.RequireShopKeyAsync(request, shopId, cancellationToken) is { } denied)
        {
            return denied;
        }

        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            var stored = await reviews.GetPhrasesAsync(shopId, cancellationToken);
            var (kept, removed) = TaughtPhraseList.Remove(stored.Entries, text);
            if (!removed)
            {
                return ApiProblems.Status(StatusCodes.Status404NotFound, "Unknown phrase", $"The shop has not taught the phrase '{TaughtPhrases.Normalize(text)}'.");
            }

            if (await reviews.TrySavePhrasesAsync(shopId, new TaughtPhrasesWrite(kept, stored), cancellationToken))
            {
                taughtPhrases.Invalidate(shopId);
                LogForgotten(logger, shopId, kept.Count);
                return TypedResults.NoContent();
            }
        }

        request.HttpContext.Response.Headers.RetryAfter = "1";
        return ApiProblems.Status(StatusCodes.Status503ServiceUnavailable, "Busy",
            $"The shop's taught phrases were changed by corrections {MaxAttempts} times in a row; nothing was removed. Send it again.");
    }

    [LoggerMessage(EventId = 2036, Level = LogLevel.Information, Message = "Shop {ShopId}: ops removed a taught review phrase ({Left} left)")]
    private static partial void LogForgotten(ILogger logger, string shopId, int left);
}

/// <summary>The shop's taught phrases as ops read them, with the cap.</summary>
internal sealed record ReviewPhraseList(int Count, int Max, IReadOnlyList<ReviewPhraseList.TaughtPhraseView> Phrases)
{
    public static ReviewPhraseList From(IReadOnlyList<TaughtPhraseEntry> entries) =>
        new(entries.Count, TaughtPhrases.MaxPhrases, [.. entries.Select(e => new TaughtPhraseView(e.Text, ReviewReadings.Name(e.Reading), e.By, e.At, e.ReviewId))]);

    internal sealed record TaughtPhraseView(string Text, string Reading, string By, DateTimeOffset At, string ReviewId);
}
