using Automation.Core.Sweep;
using Automation.Core.Tasks;

namespace Automation.Core.Tests.Sweep;

/// <summary>Builders for backlog items and agents in the sweep tests.</summary>
internal static class SweepItems
{
    public static readonly DateTimeOffset Now = new(2026, 11, 30, 1, 0, 0, TimeSpan.Zero); // 09:00 in Shanghai

    public static BacklogItem Item(
        string id,
        BacklogSource source = BacklogSource.OverdueCase,
        DateTimeOffset? due = null,
        DateTimeOffset? created = null,
        SweepRole? role = null,
        decimal? amount = null,
        string? assignedTo = null)
        => new(TaskIds.For("test", id), source, "test", role ?? BacklogItems.DefaultRole(source), "order-" + id, "case-" + id, null, due, created ?? Now, [])
        {
            AtStake = amount is { } a ? new MoneyAtStake(a, "CNY") : null,
            AssignedTo = assignedTo,
        };


    /// <summary>An agent; after-sale unless <paramref name="roles"/> says otherwise.</summary>
    public static SweepAgent Agent(string id, int max = 20, int open = 0, bool active = true, SweepRole[]? roles = null)
        => new(id, new HashSet<SweepRole>(roles ?? [SweepRole.AfterSale]), active, max, open);

    public static IReadOnlyList<RankedItem> Ranked(params BacklogItem[] items) => BacklogRanking.Rank(items, Now);

}
