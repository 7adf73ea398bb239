using System.Globalization;
using System.Text;
using Automation.Core.Reviews;
using Xunit.Abstractions;

namespace Automation.Core.Tests.Reviews;

/// <summary>
/// Measures the classifier on two hand-labelled sets and guards against regressions with floors set below what was
/// measured: labelled-reviews.tsv (252 reviews, written before the classifier, then used to shape its lexicon) and
/// holdout-reviews.tsv (80 reviews, written after the lexicon was frozen, never tuned on). The figures are printed and
/// written to artifacts/review-classifier-labelled-reviews.md and artifacts/review-classifier-holdout-reviews.md.
/// </summary>
public class ReviewClassifierEvaluationTests(ITestOutputHelper output)
{
    public static TheoryData<string, double, double, double> Sets => new()
    {
        // The tuning set. Measured when the floors were set: accuracy 1.000, cause 0.957, legal 0.992. The lexicon was
        // written with this set in view, so its figures flatter the classifier; the floors guard regressions.
        { "labelled-reviews.tsv", 0.95, 0.90, 0.98 },

        // The held-out set, written after the lexicon was frozen and never tuned on: the honest estimate.
        // The first held-out set. Its first run, before any change prompted by it, measured accuracy 0.812, cause 0.528,
        // legal 0.975; the lexicon was then widened after reading its misses, so it is a tuning set too now. Floors
        // from that first run.
        { "holdout-reviews.tsv", 0.75, 0.45, 0.95 },

        // The second held-out set, written after the classifier was final. First run, nothing changed for it: accuracy
        // 0.812, cause 0.553, legal 1.000. Its misses then prompted the drawback rule, "zero" as a negator and "apart
        // from" as a contrast, so it is a tuning set too now (0.912). Floors from that first run.
        { "holdout2-reviews.tsv", 0.75, 0.45, 0.95 },

        // The third held-out set, written after the classifier's last change and never tuned on: the honest estimate.
        // First run: accuracy 0.883 (53/60), cause 0.562 (18/32), legal 0.983 (59/60: "市场监督管理局" was missed, then
        // added to the legal words, since a missed legal threat gets an automatic reply).
        { "holdout3-reviews.tsv", 0.80, 0.45, 0.95 },
    };

    // December 2026, reading real reviews (issue 18): the lexicon grew for the development sets in ../shared/data/reviews/,
    // and the cause rules were widened after reading the misses of all four sets here (the nearest topic earlier in the
    // sentence, words that name their cause). All four are tuning sets now; their figures after: accuracy 0.988, 1.000,
    // 0.938, 1.000 and cause 0.957, 0.860, 0.898, 0.944 (all four: 0.983 and 0.929, 276/297). The honest estimates are
    // the development sets (ReviewReadingBenchmarks) and the hard cases' first run (ReviewReadingHardCaseTests).
    private const double AllSetsAccuracyFloor = 0.95;
    private const double AllSetsCauseFloor = 0.75;

    [Fact]
    public void Classify_AllLabelledSetsTogether_KeepAccuracyAndCauseFloors()
    {
        var results = Sets.Select(row => (string)row[0])
            .SelectMany(LabelledReview.Load)
            .Select(item => (Item: item, Actual: ReviewClassifier.Classify(item.Rating, item.Text)))
            .ToList();
        var right = results.Where(r => r.Actual.Category == r.Item.Category).ToList();
        var withCause = right.Where(r => r.Item.Cause is not null).ToList();

        var accuracy = Ratio(right.Count, results.Count);
        var cause = Ratio(withCause.Count(r => r.Actual.Cause == r.Item.Cause), withCause.Count);
        output.WriteLine(Invariant($"all sets: accuracy {accuracy:F3} ({right.Count}/{results.Count}), cause {cause:F3}"));

        Assert.True(accuracy >= AllSetsAccuracyFloor, Invariant($"Accuracy {accuracy:F3} over all labelled sets fell below {AllSetsAccuracyFloor}."));
        Assert.True(cause >= AllSetsCauseFloor, Invariant($"Cause accuracy {cause:F3} over all labelled sets fell below {AllSetsCauseFloor}."));
    }

    [Theory]
    [MemberData(nameof(Sets))]
    public void Classify_LabelledSet_MeetsAccuracyFloors(string file, double accuracyFloor, double causeAccuracyFloor, double legalAccuracyFloor)
    {
        var items = LabelledReview.Load(file);
        var results = items.Select(item => (Item: item, Actual: ReviewClassifier.Classify(item.Rating, item.Text))).ToList();

        var categoryRight = results.Where(r => r.Actual.Category == r.Item.Category).ToList();
        var accuracy = Ratio(categoryRight.Count, results.Count);

        var causeItems = categoryRight.Where(r => r.Item.Cause is not null).ToList();
        var causeRight = causeItems.Count(r => r.Actual.Cause == r.Item.Cause);
        var causeAccuracy = Ratio(causeRight, causeItems.Count);

        var legalRight = results.Count(r => r.Actual.MentionsLegalAction == r.Item.Legal);
        var legalAccuracy = Ratio(legalRight, results.Count);

        var report = new StringBuilder();
        report.AppendLine(Invariant($"# Review classifier evaluation: {file}"));
        report.AppendLine();
        report.AppendLine(Invariant($"Labelled set: {items.Count} reviews ({items.Count(i => i.IsChinese)} Chinese, {items.Count(i => !i.IsChinese)} English)."));
        report.AppendLine();
        report.AppendLine("| class | support | predicted | precision | recall |");
        report.AppendLine("| --- | ---: | ---: | ---: | ---: |");
        foreach (var category in Enum.GetValues<ReviewCategory>())
        {
            var support = results.Count(r => r.Item.Category == category);
            var predicted = results.Count(r => r.Actual.Category == category);
            var right = results.Count(r => r.Item.Category == category && r.Actual.Category == category);
            report.AppendLine(Invariant($"| {category} | {support} | {predicted} | {Ratio(right, predicted):F3} | {Ratio(right, support):F3} |"));
        }

        report.AppendLine();
        report.AppendLine(Invariant($"- Overall accuracy: {accuracy:F3} ({categoryRight.Count}/{results.Count})"));
        foreach (var chinese in new[] { true, false })
        {
            var part = results.Where(r => r.Item.IsChinese == chinese).ToList();
            var partRight = part.Count(r => r.Actual.Category == r.Item.Category);
            report.AppendLine(Invariant($"  - {(chinese ? "Chinese" : "English")}: {Ratio(partRight, part.Count):F3} ({partRight}/{part.Count})"));
        }

        report.AppendLine(Invariant($"- Cause accuracy (mixed/negative items whose category was right): {causeAccuracy:F3} ({causeRight}/{causeItems.Count})"));
        report.AppendLine(Invariant($"- Legal flag accuracy: {legalAccuracy:F3} ({legalRight}/{results.Count})"));
        report.AppendLine();
        report.AppendLine("## Misses");
        report.AppendLine();
        report.AppendLine("| rating | text | expected | got | evidence |");
        report.AppendLine("| ---: | --- | --- | --- | --- |");
        foreach (var (item, actual) in results)
        {
            var expected = Describe(item.Category, item.Cause, item.Legal);
            var got = Describe(actual.Category, actual.Cause, actual.MentionsLegalAction);
            if (expected != got)
            {
                var evidence = string.Join("; ", actual.Evidence.Select(e => $"{e.Text} → {e.Signal}"));
                report.AppendLine(Invariant($"| {item.Rating} | {item.Text} | {expected} | {got} | {evidence} |"));
            }
        }

        var text = report.ToString();
        output.WriteLine(text);
        WriteArtifact(Path.ChangeExtension(file, ".md"), text);

        Assert.True(accuracy >= accuracyFloor, Invariant($"Accuracy {accuracy:F3} fell below {accuracyFloor}."));
        Assert.True(causeAccuracy >= causeAccuracyFloor, Invariant($"Cause accuracy {causeAccuracy:F3} fell below {causeAccuracyFloor}."));
        Assert.True(legalAccuracy >= legalAccuracyFloor, Invariant($"Legal flag accuracy {legalAccuracy:F3} fell below {legalAccuracyFloor}."));
    }

    [Theory]
    [InlineData("labelled-reviews.tsv", 200)]
    [InlineData("holdout-reviews.tsv", 80)]
    [InlineData("holdout2-reviews.tsv", 80)]
    [InlineData("holdout3-reviews.tsv", 60)]
    public void LabelledSet_Composition_IsLargeEnoughBalancedAndCoversEveryClass(string file, int minimumSize)
    {
        var items = LabelledReview.Load(file);

        Assert.True(items.Count >= minimumSize, $"{file} has {items.Count} reviews, fewer than {minimumSize}.");
        var chinese = items.Count(i => i.IsChinese);

        Assert.InRange(chinese, items.Count * 2 / 5, items.Count * 3 / 5);
        Assert.All(Enum.GetValues<ReviewCategory>(), category => Assert.Contains(items, i => i.Category == category));
        Assert.All(items.Where(i => i.Category is ReviewCategory.Mixed or ReviewCategory.Negative), i => Assert.NotNull(i.Cause));
        Assert.All(items.Where(i => i.Category is ReviewCategory.Positive or ReviewCategory.Neutral), i => Assert.Null(i.Cause));
    }

    private static string Describe(ReviewCategory category, ReviewCause? cause, bool legal) =>
        $"{category}{(cause is null ? string.Empty : "/" + cause)}{(legal ? " +legal" : string.Empty)}";

    private static double Ratio(int part, int whole) => whole == 0 ? 0 : (double)part / whole;

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static void WriteArtifact(string name, string text)
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Automation.sln")))
        {
            directory = directory.Parent;
        }

        if (directory is null)
        {
            return;
        }

        var artifacts = Directory.CreateDirectory(Path.Combine(directory.FullName, "artifacts"));
        File.WriteAllText(Path.Combine(artifacts.FullName, "review-classifier-" + name), text);
    }

    private sealed record LabelledReview(int Rating, string Text, ReviewCategory Category, ReviewCause? Cause, bool Legal)
    {
        public bool IsChinese => Text.Any(c => c is >= '\u4E00' and <= '\u9FFF');

        public static List<LabelledReview> Load(string file)
        {
            var path = Path.Combine(AppContext.BaseDirectory, "Reviews", file);
            return File.ReadLines(path, Encoding.UTF8)
                .Where(line => line.Length > 0 && !line.StartsWith('#') && !line.StartsWith("rating\t", StringComparison.Ordinal))
                .Select(Parse)
                .ToList();
        }

        private static LabelledReview Parse(string line)
        {
            var columns = line.Split('\t');
            if (columns.Length != 5)
            {
                throw new FormatException($"Expected 5 tab-separated columns: {line}");
            }

            return new LabelledReview(
                int.Parse(columns[0], CultureInfo.InvariantCulture),
                columns[1],
                Enum.Parse<ReviewCategory>(columns[2], ignoreCase: true),
                columns[3] == "-" ? null : Enum.Parse<ReviewCause>(columns[3]),
                columns[4] == "yes");
        }
    }
}
