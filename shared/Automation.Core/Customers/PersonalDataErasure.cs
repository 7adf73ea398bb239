using Automation.Core.Cases;
using Automation.Core.Orders;
using Automation.Core.Reviews;
using Automation.Core.Sweep;
using Automation.Core.Tasks;

namespace Automation.Core.Customers;

/// <summary>What a task is about, as its id and its columns say: how an erasure finds a customer's tasks.</summary>
public enum TaskSubject
{
    Order,
    Case,
    Review,
}

/// <summary>
/// What erasing a customer's personal data (GDPR art. 17, Shopify's <c>customers/redact</c>) removes from each thing
/// the product keeps, and what it keeps and why. Pure: the stores apply it.
/// <list type="bullet">
/// <item>Orders lose the customer (id, name, phone, email, locale) and the pay link (it can carry a checkout token);
/// status, items, amounts, shipments and times stay: they are the shop's facts and the report's.</item>
/// <item>Cases lose their evidence's words and links (the buyer's text and photos) and the platform's free-text reason;
/// each evidence keeps its type, so "has photos" still holds and the case's state machine is unchanged.</item>
/// <item>Reviews lose the text (it is the buyer's own words: a privacy check finds phones, emails and the known
/// name, but not a nickname, an address written out or a story only this buyer has, so it all goes), the buyer's
/// facts and id, and the words the classifier quoted; rating, category, cause and the shop's reply stay.</item>
/// <item>Tasks keep their state (a reshipment or a refund may still be owed) and every evidence the product wrote
/// itself; evidence that quotes the buyer or free text is replaced by <see cref="Erased"/>.</item>
/// </list>
/// Kept on purpose: an opt-out (a record of the wish not to be contacted; erasing it could lead to contacting them
/// again when the platform sends the customer once more), and ids, times and outcomes (no personal data).
/// </summary>
public static class PersonalDataErasure
{
    /// <summary>What replaces an erased piece of text that a reader would otherwise miss (a task's evidence).</summary>
    public const string Erased = "(erased)";

    /// <summary>
    /// Evidence labels whose values the product writes from its own facts (statuses, causes, carriers, times, its own
    /// reply drafts): kept. Every other label is erased, so a label added later is erased until someone decides.
    /// </summary>
    private static readonly HashSet<string> ProductEvidenceLabels = new(StringComparer.Ordinal)
    {
        "shipment", "status", "carrier", "tracking number", "reported at", "shipped at", "in reply to", "likely cause",
        "why a person approves", "draft reply", "draft", "what to do", "rating", "platform", "category", "case", "kind",
        "reason", "amount", "opened at", "written by", "order", "role", "failure",
    };

    /// <summary>
    /// Task kinds by what their ids begin with after the kind (<c>{kind}:{subject id}…</c>) and which column names it, so an
    /// erasure finds them with one prefix range query each. Every task kind is here or in <see cref="TaskKindsNotBySubject"/>.
    /// </summary>
    public static IReadOnlyDictionary<TaskSubject, IReadOnlyList<string>> TaskKindsBySubject { get; } = new Dictionary<TaskSubject, IReadOnlyList<string>>
    {
        [TaskSubject.Order] = [TaskKinds.ShipmentException, TaskKinds.DeliveryUnconfirmed, TaskKinds.UnhappyFollowUp, SweepTaskKinds.MessageDeliveryFailed],
        [TaskSubject.Case] = [SweepTaskKinds.AfterSaleCase, CaseActionKinds.RequestPhotos, CaseActionKinds.ReshipThenClaim, CaseActionKinds.ExtendReturnDeadline],
        [TaskSubject.Review] = [TaskKinds.ReviewFollowUp, TaskKinds.ReviewReplyApproval, TaskKinds.ReviewLegalAction, SweepTaskKinds.ReviewDraftApproval],
    };

    /// <summary>
    /// Task kinds an erasure does not reach: a handover note's id is the author's (its text may name an order, but
    /// finding it would mean reading every note), and a data request is the record of the customer's request itself.
    /// </summary>
    public static IReadOnlyList<string> TaskKindsNotBySubject { get; } = [SweepTaskKinds.HandoverNote, DataRequestTasks.Kind];

    /// <summary>The order without its customer and pay link; null when it holds neither (nothing to erase).</summary>
    public static Order? Erase(Order order)
    {
        ArgumentNullException.ThrowIfNull(order);
        return order.Customer is null && order.PayUrl is null ? null : order with { Customer = null, PayUrl = null };
    }

    /// <summary>The case without the buyer's words, links and the free-text reason; null when it holds none.</summary>
    public static Case? Erase(Case c)
    {
        ArgumentNullException.ThrowIfNull(c);
        return c.ReasonText is null && c.Evidence.All(e => e.Url is null && e.Text is null)
            ? null
            : c with { ReasonText = null, Evidence = [.. c.Evidence.Select(e => new CaseEvidence(e.Type, null, null))] };
    }

    /// <summary>The review without its text; null when it has none (erased before, or the buyer wrote nothing).</summary>
    public static PostedReview? Erase(PostedReview review)
    {
        ArgumentNullException.ThrowIfNull(review);
        return review.Text.Length == 0 ? null : review with { Text = string.Empty };
    }

    /// <summary>The classification with the quoted words erased (the signals, which are the product's, stay).</summary>
    public static ReviewClassification Erase(ReviewClassification classification)
    {
        ArgumentNullException.ThrowIfNull(classification);
        return classification with { Evidence = [.. classification.Evidence.Select(e => e with { Text = Erased })] };
    }

    /// <summary>
    /// The task's evidence with every value that is not the product's own replaced by <see cref="Erased"/>; null when
    /// nothing changes. A failed delivery's task names the message's kind under "message" and holds nothing of the
    /// customer by design; elsewhere "message" is what the customer wrote.
    /// </summary>
    public static IReadOnlyList<TaskEvidence>? EraseEvidence(AgentTask task)
    {
        ArgumentNullException.ThrowIfNull(task);
        var erased = task.Evidence
            .Select(e => e.Value == Erased || ProductEvidenceLabels.Contains(e.Label) || (task.Kind == SweepTaskKinds.MessageDeliveryFailed && e.Label == "message")
                ? e
                : e with { Value = Erased })
            .ToList();
        return erased.SequenceEqual(task.Evidence) ? null : erased;
    }
}
