namespace Automation.Core.Messaging;

/// <summary>
/// A message whose text was settled before it was due (an approved reply to a review), stored with its outbox row and
/// sent exactly as stored: nothing is composed from templates at send time.
/// </summary>
/// <param name="CustomerId">Who it answers, if known (only the id: a public reply needs no contact details).</param>
/// <param name="ReviewId">The review it answers, for a public reply.</param>
/// <param name="Platform">Where the review was posted, so the shop's channel knows where to post the reply.</param>
public sealed record PreparedMessage(string Text, string Locale, string? CustomerId, string? ReviewId, string? Platform)
{
    public override string ToString() => $"PreparedMessage {{ Locale = {Locale}, ReviewId = {ReviewId}, Platform = {Platform} }}";
}
