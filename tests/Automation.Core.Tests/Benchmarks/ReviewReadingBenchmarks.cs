using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Automation.Core.Reviews;
using Automation.Core.Tests.Support;
using Xunit.Abstractions;

namespace Automation.Core.Tests.Benchmarks;

/// <summary>
/// How the review reading does on real buyers' words: the development sets in <c>../shared/data/reviews/</c> (public
/// datasets nobody here wrote; read from beside the repository, never copied into it), each text posted at 5 stars as a
/// marketplace's default praise, then the English set with its own ratings; next to the product's own labelled sets;
/// with the reading's speed, cold start and memory. Not part of <c>./test.sh</c> (Category=Benchmark):
/// <c>dotnet test tests/Automation.Core.Tests -c Release --filter "FullyQualifiedName~ReviewReadingBenchmarks" --logger "console;verbosity=normal"</c>.
/// The figures go to the test output and artifacts/review-reading.md. With <c>REVIEW_MISREADS</c> set to a file path,
/// the misread dev rows are written there for study (outside the repository: the texts may not be copied into it).
/// </summary>
[Trait("Category", "Benchmark")]
public sealed class ReviewReadingBenchmarks(ITestOutputHelper output)
{
    private static readonly DateTimeOffset Now = Zones.At("2026-11-28T10:00:00+08:00");

    [Fact]
    public void ReviewReading_DevSetsAndLabelledSets_PrintsAccuracyGateAndSpeed()
    {
        var report = new StringBuilder();
        var coldStart = MeasureColdStart();
        var misreads = new StringBuilder();

        var devDirectory = DevSetDirectory();
        report.AppendLine("# Review reading on real reviews");
        report.AppendLine();
        if (devDirectory is null)
        {
            report.AppendLine("The development sets (../shared/data/reviews/dev-zh.jsonl, dev-en.jsonl) are not beside the repository: only the product's own sets are measured.");
        }
        else
        {
            var zh = DevReview.Load(Path.Combine(devDirectory, "dev-zh.jsonl"));
            var en = DevReview.Load(Path.Combine(devDirectory, "dev-en.jsonl"));
            report.AppendLine("Each text is posted at 5 stars (the marketplace's default praise); \"at once\" is a public reply posted with no person, under the default settings.");
            report.AppendLine();
            report.AppendLine("| set | reviews | praise kept positive | complaints found | balanced accuracy | praise answered at once | complaints thanked at once |");
            report.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
            AtFiveStars(report, misreads, "zh", "zh-CN", zh);
            AtFiveStars(report, misreads, "en (1–2★ and 4–5★)", "en", en.Where(r => r.Label != "neutral").ToList());
            report.AppendLine();
            report.AppendLine("The English set with its own ratings:");
            report.AppendLine();
            report.AppendLine("| stars | reviews | answered at once | read positive | read mixed | read neutral | read negative |");
            report.AppendLine("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
            foreach (var stars in en.GroupBy(r => r.Rating!.Value).OrderBy(g => g.Key))
            {
                var decisions = stars.Select(r => Decide(r.Rating!.Value, r.Text, "en")).ToList();
                report.AppendLine(Invariant($"| {stars.Key} | {decisions.Count} | {Share(decisions.Count(d => d.PostNow), decisions.Count)} | {Share(decisions.Count(d => d.Classification.Category == ReviewCategory.Positive), decisions.Count)} | {Share(decisions.Count(d => d.Classification.Category == ReviewCategory.Mixed), decisions.Count)} | {Share(decisions.Count(d => d.Classification.Category == ReviewCategory.Neutral), decisions.Count)} | {Share(decisions.Count(d => d.Classification.Category == ReviewCategory.Negative), decisions.Count)} |"));
            }
        }

        report.AppendLine();
        report.AppendLine("The product's own labelled sets (tests/Automation.Core.Tests/Reviews/*.tsv), at their own ratings:");
        report.AppendLine();
        report.AppendLine("| set | reviews | category right | cause right (mixed/negative, category right) |");
        report.AppendLine("| --- | ---: | ---: | ---: |");
        var all = new List<(int Rating, string Text, ReviewCategory Category, ReviewCause? Cause)>();
        foreach (var file in new[] { "labelled-reviews.tsv", "holdout-reviews.tsv", "holdout2-reviews.tsv", "holdout3-reviews.tsv" })
        {
            var items = LabelledSet(file);
            all.AddRange(items);
            LabelledFigures(report, file, items);
        }

        LabelledFigures(report, "all four", all);

        var texts = all.Select(i => i.Text).ToList();
        if (devDirectory is not null)
        {
            texts.AddRange(DevReview.Load(Path.Combine(devDirectory, "dev-zh.jsonl")).Select(r => r.Text));
            texts.AddRange(DevReview.Load(Path.Combine(devDirectory, "dev-en.jsonl")).Select(r => r.Text));
        }

        var (perSecond, bytesPerReview) = MeasureSpeed(texts);
        report.AppendLine();
        report.AppendLine(Invariant($"- Speed: {perSecond:N0} reviews/s on one thread, warm, over {texts.Count} texts of {texts.Average(t => t.Length):N0} characters on average; {bytesPerReview:N0} bytes allocated per review."));
        report.AppendLine(Invariant($"- Cold start: the first reading in this process took {coldStart.Milliseconds:N1} ms and left {coldStart.HeapBytes / 1024.0:N0} KiB more managed heap (the lexicon, built once)."));

        var text = report.ToString();
        output.WriteLine(text);
        WriteArtifact("review-reading.md", text);
        if (Environment.GetEnvironmentVariable("REVIEW_MISREADS") is { Length: > 0 } misreadPath)
        {
            File.WriteAllText(misreadPath, misreads.ToString());
        }

        Assert.True(perSecond > 0);
    }

    private static void AtFiveStars(StringBuilder report, StringBuilder misreads, string name, string locale, List<DevReview> rows)
    {
        int praise = 0, praiseKept = 0, praiseAtOnce = 0, complaints = 0, complaintsFound = 0, complaintsAtOnce = 0;
        foreach (var row in rows)
        {
            var decision = Decide(5, row.Text, locale);
            var positive = decision.Classification.Category == ReviewCategory.Positive;
            var reason = decision.ApprovalReason ?? "at_once";
            if (row.Label == "positive")
            {
                praise++;
                praiseKept += positive ? 1 : 0;
                praiseAtOnce += decision.PostNow ? 1 : 0;
                if (!decision.PostNow)
                {
                    misreads.AppendLine(Invariant($"{name}\tpraise-held\t{decision.Classification.Category}\t{reason}\t{row.Text.ReplaceLineEndings(" ")}\t{Evidence(decision.Classification)}"));
                }
            }
            else
            {
                complaints++;
                complaintsFound += positive ? 0 : 1;
                complaintsAtOnce += decision.PostNow ? 1 : 0;
                if (positive)
                {
                    misreads.AppendLine(Invariant($"{name}\tcomplaint-{(decision.PostNow ? "thanked" : "positive-held")}\t{decision.Classification.Category}\t{reason}\t{row.Text.ReplaceLineEndings(" ")}\t{Evidence(decision.Classification)}"));
                }
            }
        }

        var kept = Ratio(praiseKept, praise);
        var found = Ratio(complaintsFound, complaints);
        report.AppendLine(Invariant($"| {name} | {rows.Count} | {kept:F3} ({praiseKept}/{praise}) | {found:F3} ({complaintsFound}/{complaints}) | {(kept + found) / 2:F3} | {Share(praiseAtOnce, praise)} | {Share(complaintsAtOnce, complaints)} |"));
    }

    private static void LabelledFigures(StringBuilder report, string name, List<(int Rating, string Text, ReviewCategory Category, ReviewCause? Cause)> items)
    {
        var read = items.Select(i => (Item: i, Actual: ReviewClassifier.Classify(i.Rating, i.Text))).ToList();
        var right = read.Where(r => r.Actual.Category == r.Item.Category).ToList();
        var withCause = right.Where(r => r.Item.Cause is not null).ToList();
        var causeRight = withCause.Count(r => r.Actual.Cause == r.Item.Cause);
        report.AppendLine(Invariant($"| {name} | {items.Count} | {Ratio(right.Count, items.Count):F3} ({right.Count}) | {Ratio(causeRight, withCause.Count):F3} ({causeRight}/{withCause.Count}) |"));
    }

    private static ReviewDecision Decide(int rating, string text, string locale) => ReviewHandling.Decide(
        TestShops.Shop(locale: locale),
        new ReviewEvent("evt", null, new PostedReview("rv-1", TestOrders.OrderId, rating, text, Now, "taobao", ItemTitle: null, Locale: locale), Customer: null, Address: null),
        order: null,
        Now);

    private static (double Milliseconds, long HeapBytes) MeasureColdStart()
    {
        var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
        var watch = Stopwatch.StartNew();
        ReviewClassifier.Classify(5, "物流很快，质量不错，就是有点色差。");
        watch.Stop();
        var heapAfter = GC.GetTotalMemory(forceFullCollection: true);
        return (watch.Elapsed.TotalMilliseconds, heapAfter - heapBefore);
    }

    private static (double PerSecond, double BytesPerReview) MeasureSpeed(List<string> texts)
    {
        foreach (var text in texts)
        {
            ReviewClassifier.Classify(5, text);
        }

        const int Rounds = 3;
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var watch = Stopwatch.StartNew();
        for (var round = 0; round < Rounds; round++)
        {
            foreach (var text in texts)
            {
                ReviewClassifier.Classify(5, text);
            }
        }

        watch.Stop();
        var readings = Rounds * texts.Count;
        return (readings / watch.Elapsed.TotalSeconds, (double)(GC.GetAllocatedBytesForCurrentThread() - allocatedBefore) / readings);
    }

    private static string Evidence(ReviewClassification classification) =>
        Invariant($"{string.Join(",", classification.Doubts)}\t{classification.Confidence:F2}\t{string.Join("; ", classification.Evidence.Select(e => $"{e.Text} → {e.Signal}"))}");

    private static string? DevSetDirectory()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Automation.sln")))
        {
            directory = directory.Parent;
        }

        var devSets = directory?.Parent is { } parent ? Path.Combine(parent.FullName, "shared", "data", "reviews") : null;
        return devSets is not null && File.Exists(Path.Combine(devSets, "dev-zh.jsonl")) && File.Exists(Path.Combine(devSets, "dev-en.jsonl")) ? devSets : null;
    }

    private static List<(int Rating, string Text, ReviewCategory Category, ReviewCause? Cause)> LabelledSet(string file) =>
        File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Reviews", file), Encoding.UTF8)
            .Where(line => line.Length > 0 && !line.StartsWith('#') && !line.StartsWith("rating\t", StringComparison.Ordinal))
            .Select(line => line.Split('\t'))
            .Select(c => (int.Parse(c[0], CultureInfo.InvariantCulture), c[1], Enum.Parse<ReviewCategory>(c[2], ignoreCase: true), c[3] == "-" ? (ReviewCause?)null : Enum.Parse<ReviewCause>(c[3])))
            .ToList();

    private static void WriteArtifact(string name, string text)
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Automation.sln")))
        {
            directory = directory.Parent;
        }

        if (directory is not null)
        {
            File.WriteAllText(Path.Combine(Directory.CreateDirectory(Path.Combine(directory.FullName, "artifacts")).FullName, name), text);
        }
    }

    private static double Ratio(int part, int whole) => whole == 0 ? 0 : (double)part / whole;

    private static string Share(int part, int whole) => Invariant($"{Ratio(part, whole) * 100:F1}% ({part})");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private sealed record DevReview(string Text, string Label, int? Rating)
    {
        public static List<DevReview> Load(string path) => File.ReadLines(path, Encoding.UTF8)
            .Where(line => line.Length > 0)
            .Select(line =>
            {
                using var json = JsonDocument.Parse(line);
                var root = json.RootElement;
                return new DevReview(
                    root.GetProperty("text").GetString()!,
                    root.GetProperty("label").GetString()!,
                    root.TryGetProperty("rating", out var rating) ? rating.GetInt32() : null);
            })
            .ToList();
    }
}
