using System.Collections.Frozen;
using System.Globalization;
using Automation.Core.Cases;
using Automation.Core.Tasks;

namespace Automation.Core.Agents;

/// <summary>The fixed words of an agent's list, in Chinese for any zh locale and English otherwise (as domain.md asks).</summary>
internal sealed class DigestText
{
    private static readonly DigestText Chinese = new(
        zh: true,
        new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [TaskKinds.ShipmentException] = "物流异常",
            [TaskKinds.DeliveryUnconfirmed] = "签收未确认",
            [TaskKinds.UnhappyFollowUp] = "客户不满意",
            [CaseActionKinds.RequestPhotos] = "请客户补图",
            [CaseActionKinds.ReshipThenClaim] = "先补发，再向快递索赔",
        }.ToFrozenDictionary(StringComparer.Ordinal));

    private static readonly DigestText English = new(
        zh: false,
        new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [TaskKinds.ShipmentException] = "Shipment exception",
            [TaskKinds.DeliveryUnconfirmed] = "Delivery unconfirmed",
            [TaskKinds.UnhappyFollowUp] = "Unhappy customer",
            [CaseActionKinds.RequestPhotos] = "Request photos",
            [CaseActionKinds.ReshipThenClaim] = "Reship first, claim from the carrier after",
        }.ToFrozenDictionary(StringComparer.Ordinal));

    private readonly bool _zh;
    private readonly FrozenDictionary<string, string> _kinds;

    private DigestText(bool zh, FrozenDictionary<string, string> kinds)
    {
        _zh = zh;
        _kinds = kinds;
    }

    public static DigestText For(string locale)
        => locale.StartsWith("zh", StringComparison.OrdinalIgnoreCase) ? Chinese : English;

    public string Headline(int count, DateTimeOffset clearBy)
    {
        var by = Time(clearBy);
        return _zh
            ? string.Create(CultureInfo.InvariantCulture, $"{count} 项任务，{by} 前处理完")
            : string.Create(CultureInfo.InvariantCulture, $"{count} {(count == 1 ? "task" : "tasks")}, clear by {by}");
    }

    /// <summary>The kind in words; an unknown kind reads as its code with spaces ("return_received" → "return received").</summary>
    public string Kind(string kind) => _kinds.TryGetValue(kind, out var name) ? name : kind.Replace('_', ' ');

    public string Recipient(string agentName) => _zh ? $"负责人：{agentName}" : $"For {agentName}";

    public string Order => _zh ? "订单" : "order";

    public string Case => _zh ? "售后单" : "case";

    public string Review => _zh ? "评价" : "review";

    public string Why => _zh ? "原因" : "why";

    public string Score => _zh ? "分值" : "score";

    public string OpenTask => _zh ? "打开任务" : "Open task";

    public string OpenList => _zh ? "查看全部任务" : "Open the full list";

    public string Due(DateTimeOffset dueAt, DateTimeOffset now)
    {
        var when = dueAt.ToString("MM-dd HH:mm", CultureInfo.InvariantCulture);
        return dueAt < now
            ? (_zh ? $"已逾期（{when}）" : $"overdue since {when}")
            : (_zh ? $"截止 {when}" : $"due {when}");
    }

    public string AndMore(int count) => _zh
        ? string.Create(CultureInfo.InvariantCulture, $"… 另有 {count} 项")
        : string.Create(CultureInfo.InvariantCulture, $"… and {count} more");

    public static string Time(DateTimeOffset at) => at.ToString("HH:mm", CultureInfo.InvariantCulture);

    public static string Number(double score) => score.ToString("0.##", CultureInfo.InvariantCulture);
}
