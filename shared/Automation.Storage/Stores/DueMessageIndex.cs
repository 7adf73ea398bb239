using System.Globalization;
using Azure;
using Azure.Data.Tables;

namespace Automation.Storage.Stores;

/// <summary>An entry of the due index: a message that should be handed to the delivery queue at <see cref="DueAt"/>.</summary>
public sealed record DueEntry(MessageKey Key, DateTimeOffset DueAt, string PartitionKey, string RowKey, ETag ETag);

/// <summary>
/// The time index of due messages. Partition = one UTC hour ("b-yyyyMMddHH"), row key = zero-padded due ticks
/// plus the message id, so a sweep reads only the rows due by now in the few hours it has not finished, and its
/// cost grows with the work due, not with the number of orders stored. A watermark row remembers the oldest
/// hour that may still hold rows. Entries due in the past are filed under the current hour (never behind the
/// watermark), and the watermark trails the clock by a grace period, so a slow writer never lands behind it.
/// </summary>
public sealed class DueMessageIndex(StoreTables tables)
{
    /// <summary>How far the watermark trails the clock: longer than any write between computing a bucket and storing it.</summary>
    public static readonly TimeSpan WatermarkGrace = TimeSpan.FromMinutes(15);

    /// <summary>Where a sweep starts when no watermark was ever written (a new deployment).</summary>
    public static readonly TimeSpan FirstSweepLookBack = TimeSpan.FromHours(6);

    private const string WatermarkPartition = "watermark";
    private const string WatermarkRow = "due-messages";

    /// <summary>Files a message under its due time: an upsert with a deterministic key, so repeating it leaves one entry (with a new ETag). 1 transaction.</summary>
    public async Task AddAsync(MessageKey key, DateTimeOffset dueAt, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        var bucket = BucketStart(dueAt > now ? dueAt : now);
        var entity = new TableEntity(BucketKey(bucket), RowKey(dueAt, key))
        {
            ["ShopId"] = key.ShopId,
            ["OrderId"] = key.OrderId,
            ["Kind"] = key.Kind,
            ["Step"] = key.Step,
            ["DueAt"] = EntityValues.Checked(dueAt, "DueAt"),
        };
        var table = await tables.GetAsync(StoreTables.DueMessages, cancellationToken).ConfigureAwait(false);
        await table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Hands every entry due by <paramref name="now"/> to <paramref name="handOff"/> (at most <paramref name="limit"/>),
    /// removing each entry only after its hand-off succeeded, so a crash loses nothing (the next sweep hands it off
    /// again; the receiver is idempotent). Two sweeps at once may both hand an entry off; removal uses the ETag read.
    /// Costs: 1 watermark read, 1 query per hour bucket walked (normally 1 or 2), 1 delete per entry, and a watermark
    /// write when it moves (once an hour).
    /// </summary>
    public async Task<int> SweepAsync(
        DateTimeOffset now,
        int limit,
        int parallelism,
        Func<DueEntry, CancellationToken, Task> handOff,
        CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(StoreTables.DueMessages, cancellationToken).ConfigureAwait(false);
        var watermarkEntity = await table.GetEntityIfExistsAsync<TableEntity>(WatermarkPartition, WatermarkRow, cancellationToken: cancellationToken)
            .ConfigureAwait(false);
        var watermark = (watermarkEntity.HasValue ? watermarkEntity.Value!.GetDateTimeOffset("Bucket") : null)
            ?? BucketStart(now - FirstSweepLookBack);
        var nowKey = now.UtcTicks.ToString("D19", CultureInfo.InvariantCulture) + "|~";
        var handed = 0;
        var complete = true;

        for (var bucket = watermark; bucket <= now; bucket = bucket.AddHours(1))
        {
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {BucketKey(bucket)} and RowKey le {nowKey}");
            var due = new List<DueEntry>();
            await foreach (var entity in table.QueryAsync<TableEntity>(filter, maxPerPage: 1000, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                if (handed + due.Count >= limit)
                {
                    complete = false;
                    break;
                }

                due.Add(ReadEntry(entity));
            }

            await Parallel.ForEachAsync(
                due,
                new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken },
                async (entry, ct) =>
                {
                    await handOff(entry, ct).ConfigureAwait(false);
                    try
                    {
                        // A 404 (another sweep deleted it first) is no error: DeleteEntityAsync returns it as a response.
                        await table.DeleteEntityAsync(entry.PartitionKey, entry.RowKey, entry.ETag, ct).ConfigureAwait(false);
                    }
                    catch (RequestFailedException e) when (e.Status == 412)
                    {
                        // Filed again meanwhile (a repeated webhook): the next sweep hands it off once more, harmlessly.
                    }
                }).ConfigureAwait(false);
            handed += due.Count;
            if (!complete)
            {
                break;
            }
        }

        var next = BucketStart(now - WatermarkGrace);
        if (complete && next > watermark)
        {
            var entity = new TableEntity(WatermarkPartition, WatermarkRow) { ["Bucket"] = next };
            await table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        }

        return handed;
    }

    private static DateTimeOffset BucketStart(DateTimeOffset instant)
    {
        var utc = instant.ToUniversalTime();
        return new DateTimeOffset(utc.Year, utc.Month, utc.Day, utc.Hour, 0, 0, TimeSpan.Zero);
    }

    private static string BucketKey(DateTimeOffset bucketStart) =>
        "b-" + bucketStart.ToString("yyyyMMddHH", CultureInfo.InvariantCulture);

    private static string RowKey(DateTimeOffset dueAt, MessageKey key) =>
        dueAt.UtcTicks.ToString("D19", CultureInfo.InvariantCulture) + "|" + key.MessageId;

    private static DueEntry ReadEntry(TableEntity entity) => new(
        new MessageKey(
            entity.GetString("ShopId") ?? "",
            entity.GetString("OrderId") ?? "",
            entity.GetString("Kind") ?? "",
            entity.GetInt32("Step") ?? 0),
        entity.GetDateTimeOffset("DueAt") ?? default,
        entity.PartitionKey,
        entity.RowKey,
        entity.ETag);
}
