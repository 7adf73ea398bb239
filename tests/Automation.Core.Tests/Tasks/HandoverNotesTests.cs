using Automation.Core.Sweep;
using Automation.Core.Tasks;

namespace Automation.Core.Tests.Tasks;

public class HandoverNotesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 1, 30, 0, TimeSpan.Zero);
    private static readonly DateOnly Day = new(2026, 11, 30);

    [Fact]
    public void NoteId_WithoutAnId_IsTheSameForAnExactRetry_AndDiffersByAuthorDayOrText()
    {
        var note = Valid(new HandoverInput { Text = "Call the buyer of A1 back", OrderId = "A1" });

        var id = HandoverNotes.NoteId(note, "ann", Day);

        Assert.StartsWith("~", id, StringComparison.Ordinal);
        Assert.Equal(id, HandoverNotes.NoteId(Valid(new HandoverInput { Text = "Call the buyer of A1 back", OrderId = "A1" }), "ann", Day));
        Assert.NotEqual(id, HandoverNotes.NoteId(note, "bob", Day));
        Assert.NotEqual(id, HandoverNotes.NoteId(note, "ann", Day.AddDays(1)));
        Assert.NotEqual(id, HandoverNotes.NoteId(note with { Text = "Call the buyer of A1 back today" }, "ann", Day));
        Assert.NotEqual(id, HandoverNotes.NoteId(note with { OrderId = null }, "ann", Day));
    }

    [Fact]
    public void NoteId_WithAnId_IsThatId()
    {
        Assert.Equal("night-1", HandoverNotes.NoteId(Valid(new HandoverInput { Id = "night-1", Text = "x" }), "ann", Day));
    }

    [Fact]
    public void ToTask_Note_IsAnOpenUnassignedHandoverTaskWithTheSweepsIdAndKind()
    {
        var note = Valid(new HandoverInput { Text = "Photos arrived by mail", CaseId = "C-9", Role = "complaints" });

        var task = HandoverNotes.ToTask("shop-1", note, "n1", "ops", Now);

        var item = BacklogItems.ForHandover("n1", note.Text, null, "C-9", Now, SweepRole.Complaints);
        Assert.Equal((item.TaskId, item.Kind), (task.TaskId, task.Kind));
        Assert.Equal(("handover_note:n1", AgentTaskState.Open, null, "C-9", 5), (task.TaskId, task.State, task.AssignedTo, task.CaseId, task.Priority));
        Assert.Equal(Now.AddDays(1), task.DueAt);
        Assert.Equal(
            [new("note", "Photos arrived by mail"), new("written by", "ops"), new("case", "C-9"), new("role", "complaints")],
            task.Evidence);
    }

    [Fact]
    public void Validate_TextWithControlAndBidiCharacters_KeepsLineBreaksAndRemovesTheRest()
    {
        var note = Valid(new HandoverInput { Text = "  line\u202E one\r\nline\u200B two\u0007  " });

        Assert.Equal("line one\nline two", note.Text);
    }

    [Theory]
    [InlineData(null, "text")]
    [InlineData("\u202E\u200B", "text")]
    public void Validate_NoUsableText_NamesText(string? text, string field)
    {
        var result = HandoverNotes.Validate(new HandoverInput { Text = text });

        Assert.Equal([field], result.Errors.Keys);
    }

    [Fact]
    public void Validate_TextOver2000Characters_NamesText()
    {
        Assert.Equal(["text"], HandoverNotes.Validate(new HandoverInput { Text = new string('x', 2001) }).Errors.Keys);
    }

    [Fact]
    public void TaskDoneValidate_Resolution_IsCleanedAndLimitedTo1000Characters()
    {
        Assert.Equal("refunded", TaskDone.Validate(new TaskDoneInput { Resolution = " refunded\u202E " }).Value?.Resolution);
        Assert.Equal(["resolution"], TaskDone.Validate(new TaskDoneInput { Resolution = new string('x', 1001) }).Errors.Keys);
        Assert.Equal(["resolution"], TaskDone.Validate(null).Errors.Keys);
    }

    [Fact]
    public void FailedDeliveryTasksFor_Message_IsTheSweepsFailedMessageTaskWithKindAndFailureOnly()
    {
        var task = FailedDeliveryTasks.For("shop-1", "m-1", "A1", "payment_reminder", "refused_http_422", Now);

        Assert.Equal(BacklogItems.ForFailedMessage("m-1", "A1", "payment_reminder", "refused_http_422", Now).TaskId, task.TaskId);
        Assert.Equal(("message_delivery_failed:A1:m-1", "message_delivery_failed", 5, Now.AddDays(1)), (task.TaskId, task.Kind, task.Priority, task.DueAt));
        Assert.Equal([new("message", "payment_reminder"), new("failure", "refused_http_422")], task.Evidence);
    }

    private static HandoverNote Valid(HandoverInput input)
    {
        var result = HandoverNotes.Validate(input);
        Assert.True(result.IsValid, string.Join("; ", result.Errors.Keys));
        return result.Value;
    }
}
