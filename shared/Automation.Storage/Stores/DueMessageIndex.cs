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

    /// <summary>The partition of the per-bucket lease rows (row key = the bucket's partition key).</summary>
    private const string LeasePartition = "lease";

    /// <summary>
    /// How long a sweep may hold an hour bucket: far longer than handing off a sweep's limit takes, short enough that
    /// the entries of a sweep that crashed are handed off by the sweep a few minutes later. A sweep slower than
    /// this may overlap with the next one, which then only repeats hand-offs (the receiver is idempotent).
    /// </summary>
    public static readonly TimeSpan SweepLease = TimeSpan.FromMinutes(5);

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
    /// Removes the entry <see cref="AddAsync"/> filed with the same arguments, once the message was handed to delivery
    /// by other means (a notice queued the moment it was planned), or its shop was erased: 1 transaction. Gone already
    /// is fine (false).
    /// </summary>
    public async Task<bool> RemoveAsync(MessageKey key, DateTimeOffset dueAt, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        var bucket = BucketStart(dueAt > now ? dueAt : now);
        var table = await tables.GetAsync(StoreTables.DueMessages, cancellationToken).ConfigureAwait(false);
        var response = await table.DeleteEntityAsync(BucketKey(bucket), RowKey(dueAt, key), ETag.All, cancellationToken).ConfigureAwait(false);
        return response.Status != 404;
    }

    /// <summary>
    /// Hands every entry due by <paramref name="now"/> to <paramref name="handOff"/> (at most <paramref name="limit"/>),
    /// removing each entry only after its hand-off succeeded, so a crash loses nothing (the next sweep hands it off
    /// again once the crashed sweep's lease has run out; the receiver is idempotent).
    /// <para>Overlapping sweeps (the admin API while the timer runs, a timer on a second instance) must not hand the
    /// same entries off again: an hour bucket with due work is swept only under its lease, a row taken with an ETag
    /// condition (an insert, or a replace of an expired lease). A sweep that finds the lease held leaves the bucket
    /// to its holder, and does not move the watermark past it, so a holder that crashes leaves the entries to a
    /// later sweep rather than losing them. Entries are read again once the lease is held: the first read may
    /// predate another sweep that has handed them off since.</para>
    /// Costs: 1 watermark read, 1 query per hour bucket walked (normally 1 or 2); for a bucket with due entries 3
    /// more (the lease, the query again, the release), and 1 delete per entry; a watermark write when it moves (once
    /// an hour). A bucket found held costs 1 or 2 more (the lease insert, and its read) and is left to its holder.
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
        var handed = 0;
        var complete = true;
        var held = false;

        for (var bucket = watermark; bucket <= now && complete; bucket = bucket.AddHours(1))
        {
            // Most buckets walked have nothing due: they cost one query and no lease.
            var (due, more) = await ReadDueAsync(table, bucket, now, limit - handed, cancellationToken).ConfigureAwait(false);
            if (due.Count == 0)
            {
                if (more)
                {
                    // No room left within the limit: the rest waits for the next sweep.
                    complete = false;
                    break;
                }

                continue;
            }

            var lease = await TryTakeLeaseAsync(table, bucket, now, cancellationToken).ConfigureAwait(false);
            if (lease is null)
            {
                // Another sweep holds this hour (or held it and crashed): leave it to that one, or to a sweep after
                // its lease ran out, and keep the watermark before it. Later hours are not held up by it.
                held = true;
                continue;
            }

            try
            {
                (due, more) = await ReadDueAsync(table, bucket, now, limit - handed, cancellationToken).ConfigureAwait(false);
                await Parallel.ForEachAsync(
                    due,
                    new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken },
                    async (entry, ct) =>
                    {
                        await handOff(entry, ct).ConfigureAwait(false);
                        try
                        {
                            // A 404 (deleted meanwhile) is no error: DeleteEntityAsync returns it as a response.
                            await table.DeleteEntityAsync(entry.PartitionKey, entry.RowKey, entry.ETag, ct).ConfigureAwait(false);
                        }
                        catch (RequestFailedException e) when (e.Status == 412)
                        {
                            // Filed again meanwhile (a repeated webhook): the next sweep hands it off once more, harmlessly.
                        }
                    }).ConfigureAwait(false);
                handed += due.Count;
                complete = !more;
            }
            finally
            {
                // Released on failure too, so the next sweep need not wait for the lease to run out.
                await ReleaseLeaseAsync(table, BucketKey(bucket), lease.Value, CancellationToken.None).ConfigureAwait(false);
            }
        }

        var next = BucketStart(now - WatermarkGrace);
        if (complete && !held && next > watermark)
        {
            var entity = new TableEntity(WatermarkPartition, WatermarkRow) { ["Bucket"] = next };
            await table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        }

        return handed;
    }

    /// <summary>The entries of one bucket due by now, at most <paramref name="room"/>, and whether more are due. 1 query (per 1,000).</summary>
    private static async Task<(List<DueEntry> Due, bool More)> ReadDueAsync(
        TableClient table, DateTimeOffset bucket, DateTimeOffset now, int room, CancellationToken cancellationToken)
    {
        var nowKey = now.UtcTicks.ToString("D19", CultureInfo.InvariantCulture) + "|~";
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {BucketKey(bucket)} and RowKey le {nowKey}");
        var due = new List<DueEntry>();
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, maxPerPage: 1000, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (due.Count >= room)
            {
                return (due, true);
            }

            due.Add(ReadEntry(entity));
        }

        return (due, false);
    }

    /// <summary>
    /// Takes the bucket's lease: an insert (409 when a lease row exists), or, when the existing lease has run out
    /// (its holder crashed), a replace under the ETag read. Null when another sweep holds it. 1 transaction, 3 at most.
    /// </summary>
    private static async Task<ETag?> TryTakeLeaseAsync(TableClient table, DateTimeOffset bucket, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var lease = new TableEntity(LeasePartition, BucketKey(bucket)) { ["LeaseUntil"] = now + SweepLease };
        try
        {
            var added = await table.AddEntityAsync(lease, cancellationToken).ConfigureAwait(false);
            return added.Headers.ETag;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
        }

        var held = await table.GetEntityIfExistsAsync<TableEntity>(LeasePartition, BucketKey(bucket), cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!held.HasValue || held.Value!.GetDateTimeOffset("LeaseUntil") > now)
        {
            // Held, or released just now by a sweep that has handed the entries off: either way, not ours this time.
            return null;
        }

        try
        {
            var taken = await table.UpdateEntityAsync(lease, held.Value.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            return taken.Headers.ETag;
        }
        catch (RequestFailedException e) when (e.Status is 412 or 404)
        {
            return null;
        }
    }

    private static async Task ReleaseLeaseAsync(TableClient table, string bucket, ETag lease, CancellationToken cancellationToken)
    {
        try
        {
            await table.DeleteEntityAsync(LeasePartition, bucket, lease, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status == 412)
        {
            // Our lease ran out and another sweep took it over: the row is that sweep's now.
        }
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
