using Automation.Core.Messaging;

namespace Automation.Core.Tasks;

/// <summary>Who closed a task when it was not an agent: a shop key is ops'.</summary>
public static class TaskClosers
{
    public const string Ops = "ops";

    /// <summary>The product itself: the task no longer applied (its case closed or moved on).</summary>
    public const string Automation = "automation";
}

/// <summary>A task the product closes because the work it stood for no longer applies, with why ("case closed").</summary>
public sealed record TaskClosure(string TaskId, string Resolution);

/// <summary>
/// Text people write into tasks (resolutions, handover notes): cleaned like event text (<see cref="CustomerText"/>),
/// because it is shown to other agents in their work chat, but its line breaks are kept, since notes are often lists.
/// </summary>
public static class TaskText
{
    public static string Clean(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Replace('\t', ' ').Split('\n');
        return string.Join('\n', lines.Select(line => CustomerText.Clean(line).TrimEnd())).Trim();
    }
}

/// <summary>The body of <c>POST /api/shops/{shopId}/tasks/{taskId}/done</c>: <c>{ "resolution": "…" }</c>.</summary>
public sealed class TaskDoneInput
{
    public string? Resolution { get; set; }
}

/// <summary>A validated resolution: cleaned, 1 to <see cref="MaxResolutionLength"/> characters.</summary>
public sealed record TaskDone(string Resolution)
{
    public const int MaxResolutionLength = 1000;

    public static ValidationResult<TaskDone> Validate(TaskDoneInput? input)
    {
        var errors = new ValidationErrors();
        var resolution = input?.Resolution is { } text ? TaskText.Clean(text) : null;
        if (string.IsNullOrEmpty(resolution))
        {
            errors.Add("resolution", "Say how the task was resolved (1 to 1000 characters).");
        }
        else if (resolution.Length > MaxResolutionLength)
        {
            errors.Add("resolution", "At most 1000 characters.");
        }

        return errors.ToResult(() => new TaskDone(resolution!));
    }
}
