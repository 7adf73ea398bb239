namespace Automation.Core.Orders;

public enum ShipmentExceptionStatus
{
    Lost,
    Damaged,
    ReturnedToSender,
    AddressProblem,
    Delayed,
}

/// <summary>What a <c>shipment.exception</c> event reports: which shipment, what went wrong, and when.</summary>
public sealed record ShipmentException(string ShipmentId, ShipmentExceptionStatus Status, string? Detail, DateTimeOffset? At);

public static class ShipmentExceptionStatuses
{
    private static readonly Dictionary<string, ShipmentExceptionStatus> ByName = new(StringComparer.Ordinal)
    {
        ["lost"] = ShipmentExceptionStatus.Lost,
        ["damaged"] = ShipmentExceptionStatus.Damaged,
        ["returned_to_sender"] = ShipmentExceptionStatus.ReturnedToSender,
        ["address_problem"] = ShipmentExceptionStatus.AddressProblem,
        ["delayed"] = ShipmentExceptionStatus.Delayed,
    };

    public static IReadOnlyCollection<string> Names => ByName.Keys;

    public static bool TryParse(string? name, out ShipmentExceptionStatus status) => ByName.TryGetValue(name ?? "", out status);

    public static string Name(ShipmentExceptionStatus status) => ByName.First(e => e.Value == status).Key;
}
