using Azure.Data.Tables;

namespace Automation.Storage.Stores;

/// <summary>Writes optional properties of stored entities, keeping dates in the range Azure can hold.</summary>
internal static class EntityValues
{
    /// <summary>
    /// Azure Table storage holds Edm.DateTime values from 1601-01-01 (UTC) on and rejects earlier ones; Azurite
    /// accepts them, so without this check such a date would pass every local test and fail only in Azure.
    /// </summary>
    public static readonly DateTimeOffset MinDate = new(1601, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static DateTimeOffset Checked(DateTimeOffset value, string property) =>
        value >= MinDate
            ? value
            : throw new ArgumentOutOfRangeException(
                property, value, $"'{property}' is before 1601-01-01, which Azure Table storage cannot store.");

    public static void Set(TableEntity entity, string property, DateTimeOffset? value)
    {
        if (value is { } date)
        {
            entity[property] = Checked(date, property);
        }
    }

    public static void Set(TableEntity entity, string property, string? value)
    {
        if (value is not null)
        {
            entity[property] = value;
        }
    }
}
