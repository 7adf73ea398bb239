using Automation.Core.Cases;
using Automation.Core.Tasks;

namespace Automation.Core.Tests.Cases;

public class CaseTasksTests
{
    private static readonly DateTimeOffset Opened = new(2026, 11, 30, 2, 0, 0, TimeSpan.Zero);

    [Fact]
    public void For_LostParcel_OpensAReshipFirstTask_DueWithTheLogisticsTarget_WithPriorityOne()
    {
        var c = TestCases.At(CaseKind.RefundOnly, CaseStatus.PendingReview, Opened) with { Reason = CaseReason.LostParcel };

        var task = Assert.Single(CaseTasks.For(c, CaseDeadlines.For(c, ServiceTargets.Default, TimeZoneInfo.Utc, Opened), Opened));

        Assert.Equal(("reship_then_claim:C1001", 1, Opened.AddHours(48)), (task.TaskId, task.Priority, task.DueAt));
        Assert.Equal((TestCases.OrderId, TestCases.CaseId, AgentTaskState.Open), (task.OrderId, task.CaseId, task.State));
        Assert.Contains(task.Evidence, e => e is { Label: "reason", Value: "lost_parcel" });
    }

    [Fact]
    public void For_QualityComplaintWithoutPhotos_OpensOneRequestPhotosTask_AndNoneOnceAPhotoIsThere()
    {
        var c = TestCases.At(CaseKind.ReturnRefund, CaseStatus.PendingReview, Opened) with { Reason = CaseReason.Quality };
        var withPhoto = c with { Evidence = [new CaseEvidence(CaseEvidenceType.Photo, "https://img.example/1.jpg", null)] };
        var due = CaseDeadlines.For(c, ServiceTargets.Default, TimeZoneInfo.Utc, Opened);

        var task = Assert.Single(CaseTasks.For(c, due, Opened));

        Assert.Equal((CaseActionKinds.RequestPhotos, "request_photos:C1001"), (task.Kind, task.TaskId));
        Assert.True(task.DueAt > Opened);
        Assert.Empty(CaseTasks.For(withPhoto, due, Opened));
    }
}
