using System.Globalization;
using Azure;
using Azure.Data.Tables;

namespace Automation.Storage.Stores;

/// <summary>What is known of one shop's sweep of one local day.</summary>
public sealed record SweepDayRecord(bool Done, DateTimeOffset? DoneAt, DateTimeOffset? EscalatedAt, int Assigned, int Unassigned);

/// <summary>What a claim on an agent's message for the day found.</summary>
public enum DigestClaim
{
    /// <summary>This caller holds the claim now and sends the message.</summary>
    Claimed,

    /// <summary>The message went out already: nothing to do.</summary>
    AlreadySent,

    /// <summary>
    /// Another claim holds it and its lease has not run out (an instance still sending, or one that died mid-send):
    /// not sent yet, so the day is not done; a run after the lease takes it over.
    /// </summary>
    HeldElsewhere,
}

/// <summary>
/// The morning sweep's own bookkeeping, in the shop's partition of the Orders table: a row per local day
/// (<c>sw|{yyyy-MM-dd}</c>: done, escalated) and a row per agent's message that day (<c>sw|{day}|d|{agentId}</c>), whose
/// insert is the claim that makes one instance, and one run, send it. A claim that was never settled (the instance died
/// mid-send) can be taken over once its lease has run out, so no agent's list is lost.
/// </summary>
public sealed class SweepStore(StoreTables tables)
{
    /// <summary>The day's record, or null before any run finished: 1 point read.</summary>
    public async Task<SweepDayRecord?> GetDayAsync(string shopId, DateOnly day, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(StoreTables.Orders, cancellationToken).ConfigureAwait(false);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(shopId, DayRow(day), cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!row.HasValue)
        {
            return null;
        }

        var entity = row.Value!;
        return new SweepDayRecord(
            entity.GetBoolean("Done") ?? false,
            entity.GetDateTimeOffset("DoneAt"),
            entity.GetDateTimeOffset("EscalatedAt"),
            entity.GetInt32("Assigned") ?? 0,
            entity.GetInt32("Unassigned") ?? 0);
    }

    /// <summary>Records the day's sweep as done (1 upsert): later timer runs that day leave it alone.</summary>
    public async Task MarkDoneAsync(string shopId, DateOnly day, int assigned, int unassigned, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(StoreTables.Orders, cancellationToken).ConfigureAwait(false);
        await table.UpsertEntityAsync(
            new TableEntity(shopId, DayRow(day))
            {
                ["Done"] = true,
                ["DoneAt"] = EntityValues.Checked(now, "DoneAt"),
                ["Assigned"] = assigned,
                ["Unassigned"] = unassigned,
            },
            TableUpdateMode.Merge,
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Records the day's noon escalation as done (1 upsert).</summary>
    public async Task MarkEscalatedAsync(string shopId, DateOnly day, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(StoreTables.Orders, cancellationToken).ConfigureAwait(false);
        await table.UpsertEntityAsync(
            new TableEntity(shopId, DayRow(day)) { ["EscalatedAt"] = EntityValues.Checked(now, "EscalatedAt") },
            TableUpdateMode.Merge,
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Claims the sending of an agent's message for the day. 1 insert; when the row exists, 1 read (and 1 conditional
    /// update to take over a claim whose lease ran out, which only one of several callers wins).
    /// </summary>
    public async Task<DigestClaim> TryClaimDigestAsync(string shopId, DateOnly day, string agentId, DateTimeOffset leaseUntil, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(StoreTables.Orders, cancellationToken).ConfigureAwait(false);
        var claim = new TableEntity(shopId, DigestRow(day, agentId)) { ["State"] = "sending", ["LeaseUntil"] = EntityValues.Checked(leaseUntil, "LeaseUntil") };
        try
        {
            await table.AddEntityAsync(claim, cancellationToken).ConfigureAwait(false);
            return DigestClaim.Claimed;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            var existing = await table.GetEntityIfExistsAsync<TableEntity>(shopId, DigestRow(day, agentId), cancellationToken: cancellationToken).ConfigureAwait(false);
            if (!existing.HasValue)
            {
                // Settled as not sent since the insert: not sent, so not done either; the next run claims it.
                return DigestClaim.HeldElsewhere;
            }

            var row = existing.Value!;
            if (row.GetString("State") == "sent")
            {
                return DigestClaim.AlreadySent;
            }

            if (row.GetDateTimeOffset("LeaseUntil") > now)
            {
                return DigestClaim.HeldElsewhere;
            }

            try
            {
                await table.UpdateEntityAsync(claim, row.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                return DigestClaim.Claimed;
            }
            catch (RequestFailedException race) when (race.Status is 412 or 404)
            {
                // Another caller took it over (or settled it) first: not sent by this one, so not done yet either.
                return DigestClaim.HeldElsewhere;
            }
        }
    }

    /// <summary>
    /// Settles a claimed message: sent (kept, so the day never sends it again), or not sent (the claim is dropped so the
    /// next run tries again). 1 upsert or 1 delete.
    /// </summary>
    public async Task SettleDigestAsync(string shopId, DateOnly day, string agentId, bool sent, int tasks, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(StoreTables.Orders, cancellationToken).ConfigureAwait(false);
        if (sent)
        {
            await table.UpsertEntityAsync(
                new TableEntity(shopId, DigestRow(day, agentId)) { ["State"] = "sent", ["SentAt"] = EntityValues.Checked(now, "SentAt"), ["Tasks"] = tasks },
                TableUpdateMode.Replace,
                cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await table.DeleteEntityAsync(shopId, DigestRow(day, agentId), ETag.All, cancellationToken).ConfigureAwait(false);
        }
    }

    private static string DayRow(DateOnly day) => "sw|" + day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string DigestRow(DateOnly day, string agentId) => DayRow(day) + "|d|" + agentId;
}
