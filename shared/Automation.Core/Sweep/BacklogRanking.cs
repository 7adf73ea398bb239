using System.Globalization;
using Automation.Core.Tasks;

namespace Automation.Core.Sweep;

/// <summary>A backlog item with its score, the reason for the score (shown to the agent) and the task priority it maps to.</summary>
public sealed record RankedItem(BacklogItem Item, int Score, string Reason, int Priority)
{
    public string TaskId => Item.TaskId;
}

/// <summary>
/// Ranks the morning's backlog. The score of an item at <c>now</c> is the sum of:
/// <list type="table">
/// <item><term>source</term><description>1000 × (10 − position in <see cref="BacklogSource"/>): an escalated
/// platform dispute +10000 down to a handover note +0. Every other part together stays below 1000, so the source order
/// of issue 9 always decides first.</description></item>
/// <item><term>overdue</term><description>120 + 1 per whole minute past due, at most 600 (reached 8 h overdue).</description></item>
/// <item><term>due within 24 h</term><description>(1440 − minutes left) / 12: 0 a day ahead, 120 at the due instant, so
/// the score never drops as time passes.</description></item>
/// <item><term>age</term><description>1 per 30 minutes since the work arose, at most 96 (two days).</description></item>
/// <item><term>amount at stake</term><description>1 per 50 of the currency, at most 100. Currencies are not
/// converted: the amount only orders items of one shop, which mostly sells in one currency.</description></item>
/// </list>
/// Ties go to the earlier due time (none last), then the task id (ordinal), so the order is total and deterministic.
/// The task priority is 5 − min(4, score / 2000): 1 for disputes, overdue and due-soon cases, 2 for returns and
/// exchanges waiting on the shop, 3 for review drafts and unhappy customers, 4 for deliveries, 5 for failed messages
/// and handover notes. The reason lists every non-zero part, e.g.
/// "escalated platform dispute (+10000); overdue by 3h (+300); open 1d 2h (+52); ¥420 at stake (+8)".
/// </summary>
public static class BacklogRanking
{
    public const int SourceStep = 1000;
    public const int OverdueBase = 120;
    public const int MaxTimeBonus = 600;
    public const int MaxAgeBonus = 96;
    public const int MaxAmountBonus = 100;

    private const int MinutesPerDay = 24 * 60;
    private static readonly int SourceCount = Enum.GetValues<BacklogSource>().Length;

    /// <summary>Score descending, then due time (none last), then task id: the order of the sweep's lists.</summary>
    public static IComparer<RankedItem> Order { get; } = Comparer<RankedItem>.Create((a, b) =>
    {
        var byScore = b.Score.CompareTo(a.Score);
        if (byScore != 0)
        {
            return byScore;
        }

        var byDue = (a.Item.DueAt, b.Item.DueAt) switch
        {
            (null, null) => 0,
            (null, _) => 1,
            (_, null) => -1,
            ({ } x, { } y) => x.CompareTo(y),
        };
        return byDue != 0 ? byDue : string.CompareOrdinal(a.TaskId, b.TaskId);
    });

    /// <summary>
    /// Scores and orders the items. Items with the same task id are one task (a case found both escalated and overdue):
    /// the highest-ranked one stays, with the assignee of whichever copy had one.
    /// </summary>
    public static IReadOnlyList<RankedItem> Rank(IEnumerable<BacklogItem> items, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(items);
        return items
            .Select(item => Score(item, now))
            .GroupBy(ranked => ranked.TaskId, StringComparer.Ordinal)
            .Select(copies =>
            {
                var ordered = copies.Order(Order).ToList();
                var assignee = ordered.Select(c => c.Item.AssignedTo).FirstOrDefault(a => a is not null);
                return ordered[0] with { Item = ordered[0].Item with { AssignedTo = assignee } };
            })
            .Order(Order)
            .ToList();
    }

    /// <summary>One item's score, reason and priority at <paramref name="now"/> (see the type's summary for the formula).</summary>
    public static RankedItem Score(BacklogItem item, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(item);
        var parts = new List<(string Label, int Points)>
        {
            (SourceName(item.Source), SourceWeight(item.Source)),
        };

        if (item.DueAt is { } due)
        {
            if (due < now)
            {
                var late = WholeMinutes(now - due);
                parts.Add(($"overdue by {Duration(late)}", (int)Math.Min(MaxTimeBonus, OverdueBase + late)));
            }
            else
            {
                var left = WholeMinutes(due - now);
                if (left < MinutesPerDay)
                {
                    parts.Add(($"due in {Duration(left)}", (int)((MinutesPerDay - left) / 12)));
                }
            }
        }

        if (item.CreatedAt < now)
        {
            var age = WholeMinutes(now - item.CreatedAt);
            parts.Add(($"open {Duration(age)}", (int)Math.Min(MaxAgeBonus, age / 30)));
        }

        if (item.AtStake is { Amount: > 0 } money)
        {
            parts.Add(($"{Money(money)} at stake", (int)Math.Min(MaxAmountBonus, decimal.Floor(money.Amount / 50))));
        }

        // The source is always shown (a handover note's +0 says why it is last); other parts only when they count.
        var shown = parts.Take(1).Concat(parts.Skip(1).Where(p => p.Points > 0)).ToList();
        var score = shown.Sum(p => p.Points);
        var reason = string.Join("; ", shown.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Label} (+{p.Points})")));
        return new RankedItem(item, score, reason, PriorityFor(score));
    }

    /// <summary>The source's share of the score: 1000 per place above the last source.</summary>
    public static int SourceWeight(BacklogSource source) => (SourceCount - 1 - (int)source) * SourceStep;

    /// <summary>Task priority 1 (most urgent) to 5 from a score: bands of 2000, i.e. of two sources.</summary>
    public static int PriorityFor(int score) => 5 - Math.Clamp(score / (2 * SourceStep), 0, 4);

    /// <summary>
    /// The task the sweep opens for a ranked item: its priority, its due time (or <paramref name="dueIfNone"/>, normally
    /// the sweep's deadline), the item's evidence, and the score with its reason (<see cref="AgentTask.WhyNow"/>), so the agent sees why.
    /// </summary>
    public static AgentTask ToTask(RankedItem ranked, string shopId, DateTimeOffset dueIfNone, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(ranked);
        var item = ranked.Item;
        // The score and its reason travel as the task's own fields (Score, WhyNow), not as evidence.
        var evidence = new List<TaskEvidence>();
        if (item.AtStake is { } money)
        {
            evidence.Add(new("amount", Money(money)));
        }

        evidence.AddRange(item.Evidence);
        return new AgentTask(ranked.TaskId, shopId, item.Kind, item.OrderId, item.CaseId, item.ReviewId, ranked.Priority, item.DueAt ?? dueIfNone,
            AgentTaskState.Open, evidence, now)
        {
            AssignedTo = item.AssignedTo,
            Score = ranked.Score,
            WhyNow = string.Create(CultureInfo.InvariantCulture, $"score {ranked.Score}: {ranked.Reason}"),
        };
    }

    /// <summary>How a source reads in a reason: "escalated platform dispute".</summary>
    public static string SourceName(BacklogSource source) => source switch
    {
        BacklogSource.EscalatedDispute => "escalated platform dispute",
        BacklogSource.OverdueCase => "overdue case",
        BacklogSource.DueSoonCase => "case due soon",
        BacklogSource.ReturnReceivedNotRefunded => "return received, not refunded",
        BacklogSource.ExchangeAwaitingReshipment => "exchange awaiting reshipment",
        BacklogSource.ReviewDraftAwaitingApproval => "review draft awaiting approval",
        BacklogSource.UnhappyFollowUp => "unhappy follow-up",
        BacklogSource.UnconfirmedDelivery => "unconfirmed delivery",
        BacklogSource.ShipmentException => "shipment exception",
        BacklogSource.FailedMessageDelivery => "failed message delivery",
        _ => "handover note",
    };

    /// <summary>"¥420", "$19.90", or "420 SEK" for currencies without a well-known symbol.</summary>
    public static string Money(MoneyAtStake money)
    {
        ArgumentNullException.ThrowIfNull(money);
        var amount = money.Amount.ToString("0.##", CultureInfo.InvariantCulture);
        return money.Currency.ToUpperInvariant() switch
        {
            "CNY" or "RMB" or "JPY" => $"¥{amount}",
            "USD" => $"${amount}",
            "EUR" => $"€{amount}",
            "GBP" => $"£{amount}",
            var code => $"{amount} {code}",
        };
    }

    /// <summary>"45m", "3h", "2h 30m", "1d 2h": whole minutes, the two largest units.</summary>
    internal static string Duration(long minutes)
    {
        var days = minutes / MinutesPerDay;
        var hours = minutes % MinutesPerDay / 60;
        var rest = minutes % 60;
        return (days, hours, rest) switch
        {
            ( > 0, 0, _) => $"{days}d",
            ( > 0, _, _) => $"{days}d {hours}h",
            (_, > 0, 0) => $"{hours}h",
            (_, > 0, _) => $"{hours}h {rest}m",
            _ => $"{rest}m",
        };
    }

    private static long WholeMinutes(TimeSpan span) => span.Ticks / TimeSpan.TicksPerMinute;
}
