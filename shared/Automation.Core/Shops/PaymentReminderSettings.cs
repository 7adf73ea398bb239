namespace Automation.Core.Shops;

/// <summary>
/// How a shop reminds buyers of unpaid orders. Step 1 is due <see cref="FirstAfter"/> after the order
/// was placed, the last step <see cref="LastBeforeClose"/> before the order closes automatically
/// (the platform's <c>autoCloseAt</c>, else placed + <see cref="AutoCloseAfter"/>), at most
/// <see cref="MaxPerOrder"/> steps (0 disables).
/// </summary>
public sealed record PaymentReminderSettings(
    bool Enabled,
    TimeSpan FirstAfter,
    TimeSpan LastBeforeClose,
    TimeSpan AutoCloseAfter,
    int MaxPerOrder)
{
    public const int MaxStepsAllowed = 5;

    public static PaymentReminderSettings Default { get; } = new(
        Enabled: true,
        FirstAfter: TimeSpan.FromMinutes(30),
        LastBeforeClose: TimeSpan.FromHours(3),
        AutoCloseAfter: TimeSpan.FromHours(24),
        MaxPerOrder: 2);
}
