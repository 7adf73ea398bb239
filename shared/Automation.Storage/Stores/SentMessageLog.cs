using System.Globalization;
using Azure.Data.Tables;

namespace Automation.Storage.Stores;

/// <summary>One outbox step recorded as sent, as the log keeps it; <see cref="PaidAt"/> is set on payment reminders once their order is paid.</summary>
public sealed record SentMessageEntry(string OrderId, string Kind, int Step, DateTimeOffset SentAt, DateTimeOffset? PaidAt);

/// <summary>
/// The log of outbox steps recorded as sent, by kind and time, so that a report reads the messages of one kind sent in a
/// period with one range query instead of every order's outbox. Rows live in the shop's partition of the Orders table,
/// <c>ms|{kind}|{sentAt, UTC, to the second}|{orderId}|{step}</c>, and are written by <see cref="OrderStore"/> inside
/// the transactions it already makes: with the outbox row's record as sent, and (for payment reminders) with the
/// payment that followed them. No storage call of its own on any hot path.
/// </summary>
public sealed class SentMessageLog(StoreTables tables)
{
    private const string Prefix = "ms|";

    /// <summary>
    /// The steps of <paramref name="kind"/> sent from <paramref name="from"/> (inclusive) to <paramref name="to"/>
    /// (exclusive): one single-partition range query, 1 storage transaction per 1,000 rows (a page).
    /// </summary>
    public async Task<IReadOnlyList<SentMessageEntry>> ListAsync(string shopId, string kind, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(StoreTables.Orders, cancellationToken).ConfigureAwait(false);

        // Keys hold whole seconds: the range is widened to them and the exact times filtered on the rows.
        var low = RowPrefix(kind) + Second(from);
        var high = RowPrefix(kind) + Second(to.AddSeconds(1));
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {shopId} and RowKey ge {low} and RowKey lt {high}");
        var result = new List<SentMessageEntry>();
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (entity.GetDateTimeOffset("SentAt") is { } sentAt && sentAt >= from && sentAt < to)
            {
                result.Add(new SentMessageEntry(entity.GetString("OrderId") ?? "", kind, entity.GetInt32("Step") ?? 0, sentAt, entity.GetDateTimeOffset("PaidAt")));
            }
        }

        return result;
    }

    /// <summary>The log row of a step recorded as sent (upserted: recording the same send again changes nothing).</summary>
    internal static TableEntity SentEntity(StoredMessage sent, DateTimeOffset sentAt) => new(sent.Key.ShopId, Row(sent.Key, sentAt))
    {
        ["OrderId"] = sent.Key.OrderId,
        ["Step"] = sent.Key.Step,
        ["SentAt"] = EntityValues.Checked(sentAt, "SentAt"),
    };

    /// <summary>
    /// The payment time merged onto the log row of a reminder sent before it. Upserted with the row's own columns, so
    /// a row missing from the log (a send recorded before the log existed) is written whole rather than failing the
    /// payment's transaction.
    /// </summary>
    internal static TableEntity PaidEntity(StoredMessage reminder, DateTimeOffset paidAt)
    {
        var entity = SentEntity(reminder, reminder.SentAt ?? throw new ArgumentException("Only a sent reminder converts.", nameof(reminder)));
        entity["PaidAt"] = EntityValues.Checked(paidAt, "PaidAt");
        return entity;
    }

    private static string Row(MessageKey key, DateTimeOffset sentAt) =>
        $"{RowPrefix(key.Kind)}{Second(sentAt)}|{key.OrderId}|{key.Step.ToString("D2", CultureInfo.InvariantCulture)}";

    private static string RowPrefix(string kind) => $"{Prefix}{kind}|";

    // To the second, not the tick: the key is computed again from the SentAt read back, and storage keeps fractions of
    // a second to its own precision.
    private static string Second(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);
}
