using System.Reflection;
using Automation.Core.Cases;
using Automation.Core.Customers;
using Automation.Core.Orders;
using Automation.Core.Sweep;
using Automation.Core.Tasks;

namespace Automation.Core.Tests.Customers;

public sealed class PersonalDataErasureTests
{
    private static readonly DateTimeOffset Now = new(2030, 3, 10, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void TaskKinds_EveryKindTheProductOpens_IsFoundBySubjectOrNamedAsNot()
    {
        // A kind added without a place here would keep a buyer's words through an erasure: this fails first.
        var kinds = new[] { typeof(TaskKinds), typeof(SweepTaskKinds), typeof(CaseActionKinds), typeof(DataRequestTasks) }
            .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral && f.FieldType == typeof(string)))
            .Select(f => (string)f.GetRawConstantValue()!)
            .ToHashSet(StringComparer.Ordinal);
        var classified = PersonalDataErasure.TaskKindsBySubject.Values.SelectMany(k => k).Concat(PersonalDataErasure.TaskKindsNotBySubject).ToList();

        Assert.Equal(kinds.Order(StringComparer.Ordinal), classified.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void EraseEvidence_UnhappyMessage_ErasesTheBuyersWordsAndKeepsTheProductsFacts()
    {
        var task = Task(TaskKinds.UnhappyFollowUp, [new("message", "Li Lei here, call 13800000000"), new("in reply to", "the follow-up"), new("likely cause", "product_quality"), new("negative", "torn")]);

        var erased = PersonalDataErasure.EraseEvidence(task);

        Assert.Equal([new("message", PersonalDataErasure.Erased), new("in reply to", "the follow-up"), new("likely cause", "product_quality"), new("negative", PersonalDataErasure.Erased)], erased);
        Assert.Null(PersonalDataErasure.EraseEvidence(task with { Evidence = erased! }));
    }

    [Fact]
    public void EraseEvidence_FailedDelivery_KeepsTheMessageKind()
    {
        var task = Task(SweepTaskKinds.MessageDeliveryFailed, [new("message", "payment_reminder"), new("failure", "refused_http_422")]);

        Assert.Null(PersonalDataErasure.EraseEvidence(task));
    }

    [Fact]
    public void Erase_Order_DropsCustomerAndPayLink_KeepsTheRest_AndNullWhenNothingIsLeft()
    {
        var order = new Order("s", "A1", OrderStatus.Paid, Now, null, 10m, "CNY", "https://pay.example/t", new Customer("c1", "Li Lei", "138", "li@example.com", "zh-CN"), [new OrderItem(null, "Hoodie", 1, 10m)], null);

        var erased = PersonalDataErasure.Erase(order);

        Assert.Equal(order with { Customer = null, PayUrl = null }, erased);
        Assert.Null(PersonalDataErasure.Erase(erased!));
    }

    [Fact]
    public void Erase_Case_KeepsEvidenceTypesSoPhotosStillCount()
    {
        var c = new Case("s", "K1", "A1", CaseKind.ReturnRefund, CaseStatus.PendingReview, CaseReason.Other, null, null, null, Now, false, null,
            [new CaseEvidence(CaseEvidenceType.Photo, "https://img.example/li.jpg", null), new CaseEvidence(CaseEvidenceType.Text, null, "Li Lei: torn")])
        { ReasonText = "买家说袖口开线" };

        var erased = PersonalDataErasure.Erase(c)!;

        Assert.Equal((true, 2, null), (erased.HasPhotos, erased.Evidence.Count, erased.ReasonText));
        Assert.All(erased.Evidence, e => Assert.Equal((null, null), (e.Url, e.Text)));
        Assert.Null(PersonalDataErasure.Erase(erased));
    }

    [Fact]
    public void DataRequest_IsAnOpenTaskNamedByTheRequest_AndRefusesAnIdThatIsNot()
    {
        var task = DataRequestTasks.Task("s", "dr-1", "c1", ["A1", "A2"], Now);

        Assert.Equal(("customer_data_request:dr-1", AgentTaskState.Open, Now + DataRequestTasks.AnswerWithin), (task.TaskId, task.State, task.DueAt));
        Assert.Contains(new TaskEvidence("orders", "A1, A2"), task.Evidence);
        Assert.Throws<ArgumentException>(() => DataRequestTasks.Task("s", "dr 1", "c1", [], Now));
    }

    private static AgentTask Task(string kind, IReadOnlyList<TaskEvidence> evidence) =>
        new(kind + ":A1:x", "s", kind, "A1", null, null, 2, Now, AgentTaskState.Open, evidence, Now);
}
