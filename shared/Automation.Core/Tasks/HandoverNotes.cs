using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Automation.Core.Agents;
using Automation.Core.Orders;
using Automation.Core.Sweep;

namespace Automation.Core.Tasks;

/// <summary>
/// The body of <c>POST /api/shops/{shopId}/handover</c>:
/// <c>{ "id"?, "text", "orderId"?, "caseId"?, "role"?: "after_sale" | "complaints" | "supervisor" | "pre_sale" }</c>.
/// </summary>
public sealed class HandoverInput
{
    public string? Id { get; set; }

    public string? Text { get; set; }

    public string? OrderId { get; set; }

    public string? CaseId { get; set; }

    public string? Role { get; set; }
}

/// <summary>A validated night-shift note; <see cref="Id"/> is the caller's, or null to derive one.</summary>
public sealed record HandoverNote(string? Id, string Text, string? OrderId, string? CaseId, SweepRole Role);

/// <summary>
/// Night-shift notes become open, unassigned tasks of kind <see cref="SweepTaskKinds.HandoverNote"/>, built from
/// <see cref="BacklogItems.ForHandover"/> so the morning sweep reads them as it reads its own items. The task id is
/// <c>handover_note:{id}</c>: the caller's id, or, without one, <c>~</c> and a hash of the author, the shop-local day,
/// the role, order, case and text. So a retried POST (with or without an id) finds the task it opened, and the same
/// words written again on another day are a new note. '~' cannot start a caller's id, so the two never collide.
/// </summary>
public static class HandoverNotes
{
    public const int MaxTextLength = 2000;

    /// <summary>A note has no due time of its own; it is due a day after it was written, so the sweep ranks it by age.</summary>
    public static readonly TimeSpan DueAfter = TimeSpan.FromDays(1);

    public static ValidationResult<HandoverNote> Validate(HandoverInput? input)
    {
        var errors = new ValidationErrors();
        if (input is null)
        {
            errors.Add("body", "Send { \"text\": \"…\" }, with \"orderId\", \"caseId\", \"role\" and \"id\" optional.");
            return errors.ToFailure<HandoverNote>();
        }

        if (input.Id is not null && !OrderEventValidator.IsValidId(input.Id))
        {
            errors.Add("id", "Must be 1 to 128 characters of letters, digits, '.', '_', ':' and '-', starting with a letter or digit.");
        }

        var text = input.Text is { } raw ? TaskText.Clean(raw) : null;
        if (string.IsNullOrEmpty(text))
        {
            errors.Add("text", "The note is required (1 to 2000 characters).");
        }
        else if (text.Length > MaxTextLength)
        {
            errors.Add("text", "At most 2000 characters.");
        }

        if (input.OrderId is not null && !OrderEventValidator.IsValidId(input.OrderId))
        {
            errors.Add("orderId", "Not an order id: 1 to 128 characters of letters, digits, '.', '_', ':' and '-'.");
        }

        if (input.CaseId is not null && !OrderEventValidator.IsValidId(input.CaseId))
        {
            errors.Add("caseId", "Not a case id: 1 to 128 characters of letters, digits, '.', '_', ':' and '-'.");
        }

        var role = SweepRole.AfterSale;
        if (input.Role is not null)
        {
            if (AgentNames.TryParseRole(input.Role, out var agentRole))
            {
                role = ToSweepRole(agentRole);
            }
            else
            {
                errors.Add("role", "Must be one of: " + string.Join(", ", AgentNames.Roles) + ".");
            }
        }

        return errors.ToResult(() => new HandoverNote(input.Id, text!, input.OrderId, input.CaseId, role));
    }

    /// <summary>The note's id: the caller's, or one derived from what makes an exact retry the same note (see the type).</summary>
    public static string NoteId(HandoverNote note, string author, DateOnly localDay)
    {
        ArgumentNullException.ThrowIfNull(note);
        if (note.Id is { } given)
        {
            return given;
        }

        var material = string.Join('\n', author, localDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), AgentNames.Name(ToAgentRole(note.Role)),
            note.OrderId ?? "", note.CaseId ?? "", note.Text);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(material));
        return "~" + Convert.ToHexStringLower(hash.AsSpan(0, 12));
    }

    /// <summary>The open, unassigned task for a note, with its text, author, order, case and role as evidence.</summary>
    public static AgentTask ToTask(string shopId, HandoverNote note, string noteId, string author, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(note);
        var item = BacklogItems.ForHandover(noteId, note.Text, note.OrderId, note.CaseId, now, note.Role);
        var evidence = new List<TaskEvidence>(item.Evidence) { new("written by", author) };
        if (note.OrderId is { } orderId)
        {
            evidence.Add(new("order", orderId));
        }

        if (note.CaseId is { } caseId)
        {
            evidence.Add(new("case", caseId));
        }

        // The task has no role field; the sweep reads the note's intended role from here (after-sale when absent).
        evidence.Add(new("role", AgentNames.Name(ToAgentRole(note.Role))));
        return new AgentTask(item.TaskId, shopId, item.Kind, item.OrderId, item.CaseId, item.ReviewId,
            BacklogRanking.Score(item, now).Priority, item.DueAt ?? now + DueAfter, AgentTaskState.Open, evidence, now);
    }

    /// <summary>Whether a stored task is the same note as <paramref name="task"/> (a retry), not another one under the same id.</summary>
    public static bool IsSameNote(AgentTask stored, AgentTask task)
    {
        ArgumentNullException.ThrowIfNull(stored);
        ArgumentNullException.ThrowIfNull(task);
        return stored.Kind == task.Kind && stored.OrderId == task.OrderId && stored.CaseId == task.CaseId && stored.Evidence.SequenceEqual(task.Evidence);
    }

    private static SweepRole ToSweepRole(AgentRole role) => role switch
    {
        AgentRole.PreSale => SweepRole.PreSale,
        AgentRole.Complaints => SweepRole.Complaints,
        AgentRole.Supervisor => SweepRole.Supervisor,
        _ => SweepRole.AfterSale,
    };

    private static AgentRole ToAgentRole(SweepRole role) => role switch
    {
        SweepRole.PreSale => AgentRole.PreSale,
        SweepRole.Complaints => AgentRole.Complaints,
        SweepRole.Supervisor => AgentRole.Supervisor,
        _ => AgentRole.AfterSale,
    };
}

/// <summary>
/// A message that could not be delivered for good becomes a task (<see cref="BacklogItems.ForFailedMessage"/>): reach
/// the customer another way. The evidence is the message's kind and the failure code, never its text or the customer.
/// </summary>
public static class FailedDeliveryTasks
{
    /// <summary>Due a day after the failure: the customer is waiting for what the message would have said.</summary>
    public static readonly TimeSpan DueAfter = TimeSpan.FromDays(1);

    public static AgentTask For(string shopId, string messageId, string orderId, string messageKind, string failure, DateTimeOffset failedAt)
    {
        var item = BacklogItems.ForFailedMessage(messageId, orderId, messageKind, failure, failedAt);
        return new AgentTask(item.TaskId, shopId, item.Kind, item.OrderId, item.CaseId, item.ReviewId,
            BacklogRanking.Score(item, failedAt).Priority, item.DueAt ?? failedAt + DueAfter, AgentTaskState.Open, item.Evidence, failedAt);
    }
}
