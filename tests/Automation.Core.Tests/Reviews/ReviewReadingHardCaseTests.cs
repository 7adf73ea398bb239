using System.Globalization;
using System.Text;
using Automation.Core.Reviews;
using Automation.Core.Tests.Support;
using Xunit.Abstractions;

namespace Automation.Core.Tests.Reviews;

/// <summary>
/// The review reading on hard-cases.tsv: reviews the team wrote after the dev-set work, one or more per hard case (long
/// reviews, praise with a small drawback, complaints without complaint words, sarcasm, mixed scripts, typos, questions,
/// placeholders), each with the category and whether a person would let it be thanked in public at once. The safety
/// rule holds without exception: nothing but praise is ever answered at once. The rest are floors set below the first
/// run (see <see cref="FirstRun"/>), which guard against regressions.
/// </summary>
public sealed class ReviewReadingHardCaseTests(ITestOutputHelper output)
{
    /// <summary>
    /// Measured on the first run, before any change prompted by these rows. Its misses (complaints stated as facts, a
    /// legal threat at five stars, and a crash on a pattern that runs over a comma) were then fixed, so the rows tune the
    /// reading now: 0.94 (46/49) and 14/15 at the end of that session.
    /// </summary>
    private const string FirstRun = "first run: category 0.82 (40/49), clear praise answered at once 14/15, nothing but praise at once";

    private const double CategoryFloor = 0.90;
    private const int ClearPraiseAtOnceFloor = 13;

    private static readonly DateTimeOffset Now = Zones.At("2026-12-06T10:00:00+08:00");

    [Fact]
    public void HardCases_NothingButPraiseIsAnsweredAtOnce_AndTheReadingMeetsItsFloors()
    {
        var cases = HardCase.Load();
        var results = cases.Select(c => (Case: c, Decision: Decide(c))).ToList();

        var report = new StringBuilder();
        report.AppendLine("| rating | case | text | expected | got | at once (expected/got) | doubts | evidence |");
        report.AppendLine("| ---: | --- | --- | --- | --- | --- | --- | --- |");
        foreach (var (item, decision) in results)
        {
            var reading = decision.Classification;
            if (reading.Category != item.Category || decision.PostNow != item.AtOnce)
            {
                report.AppendLine(Invariant($"| {item.Rating} | {item.Kind} | {item.Text} | {item.Category} | {reading.Category} | {item.AtOnce}/{decision.PostNow} | {string.Join(",", reading.Doubts)} | {string.Join("; ", reading.Evidence.Select(e => $"{e.Text} → {e.Signal}"))} |"));
            }
        }

        var categoryRight = results.Count(r => r.Decision.Classification.Category == r.Case.Category);
        var clearPraise = results.Where(r => r.Case.AtOnce).ToList();
        var clearPraiseAtOnce = clearPraise.Count(r => r.Decision.PostNow);
        report.AppendLine();
        report.AppendLine(Invariant($"category {Ratio(categoryRight, results.Count):F2} ({categoryRight}/{results.Count}), clear praise answered at once {clearPraiseAtOnce}/{clearPraise.Count}; {FirstRun}"));
        output.WriteLine(report.ToString());

        // The rule that never bends: a review that is not positive is never thanked in public at once.
        Assert.All(results.Where(r => r.Case.Category != ReviewCategory.Positive), r => Assert.False(r.Decision.PostNow, r.Case.Text));
        Assert.All(results.Where(r => r.Decision.PostNow), r => Assert.Equal(ReviewCategory.Positive, r.Decision.Classification.Category));

        Assert.True(Ratio(categoryRight, results.Count) >= CategoryFloor, Invariant($"Category accuracy {Ratio(categoryRight, results.Count):F2} fell below {CategoryFloor}."));
        Assert.True(clearPraiseAtOnce >= ClearPraiseAtOnceFloor, Invariant($"Clear praise answered at once {clearPraiseAtOnce} fell below {ClearPraiseAtOnceFloor}."));
    }

    [Fact]
    public void HardCases_CoverEveryHardCaseTheIssueNames()
    {
        var kinds = HardCase.Load().Select(c => c.Kind).ToHashSet(StringComparer.Ordinal);

        Assert.Superset(
            new HashSet<string>(StringComparer.Ordinal) { "long_praise", "small_drawback", "complaint_without_words", "sarcasm", "mixed_script", "typo" },
            kinds);
    }

    private static ReviewDecision Decide(HardCase item) => ReviewHandling.Decide(
        TestShops.Shop(locale: item.IsChinese ? "zh-CN" : "en"),
        new ReviewEvent("evt", null, new PostedReview("rv-1", TestOrders.OrderId, item.Rating, item.Text, Now, "taobao", ItemTitle: null, Locale: null), Customer: null, Address: null),
        order: null,
        Now);

    private static double Ratio(int part, int whole) => whole == 0 ? 0 : (double)part / whole;

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private sealed record HardCase(int Rating, string Text, ReviewCategory Category, bool AtOnce, string Kind)
    {
        public bool IsChinese => Text.Any(c => c is >= '\u4E00' and <= '\u9FFF');

        public static List<HardCase> Load() => File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Reviews", "hard-cases.tsv"), Encoding.UTF8)
            .Where(line => line.Length > 0 && !line.StartsWith('#') && !line.StartsWith("rating\t", StringComparison.Ordinal))
            .Select(line => line.Split('\t'))
            .Select(c => new HardCase(
                int.Parse(c[0], CultureInfo.InvariantCulture),
                c[1],
                Enum.Parse<ReviewCategory>(c[2], ignoreCase: true),
                c[3] == "yes",
                c[4]))
            .ToList();
    }
}
