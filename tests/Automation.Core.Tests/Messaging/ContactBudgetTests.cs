using Automation.Core.Messaging;
using Automation.Core.Shops;

namespace Automation.Core.Tests.Messaging;

public class ContactBudgetTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);
    private static readonly ContactBudgetSettings TwoPerDay = ContactBudgetSettings.Default;

    [Fact]
    public void WhyNot_UnderTheBudget_AllowsAndRecordingCountsIt()
    {
        var once = ContactBudget.Record(TwoPerDay, CustomerContacts.None, Now.AddHours(-3));

        Assert.Null(ContactBudget.WhyNot(TwoPerDay, once, Now));
        var twice = ContactBudget.Record(TwoPerDay, once, Now);
        Assert.Equal(SkipReasons.ContactBudgetExceeded, ContactBudget.WhyNot(TwoPerDay, twice, Now.AddMinutes(1)));
    }

    [Fact]
    public void WhyNot_ContactsOlderThanTheWindow_DoNotCount_AndRecordDropsThem()
    {
        var contacts = new CustomerContacts([Now.AddHours(-30), Now.AddHours(-24), Now.AddHours(-1)], null);

        Assert.Null(ContactBudget.WhyNot(TwoPerDay, contacts, Now));
        Assert.Equal([Now.AddHours(-1), Now], ContactBudget.Record(TwoPerDay, contacts, Now).RecentContacts);
    }

    [Fact]
    public void WhyNot_OptedOut_IsRefusedWhateverTheBudget()
    {
        Assert.Equal(SkipReasons.CustomerOptedOut, ContactBudget.WhyNot(TwoPerDay, new CustomerContacts([], Now.AddDays(-10)), Now));
    }

    [Fact]
    public void WhyNot_ALargerBudget_AllowsMore()
    {
        var contacts = new CustomerContacts([Now.AddHours(-2), Now.AddHours(-1)], null);

        Assert.Null(ContactBudget.WhyNot(new ContactBudgetSettings(3, TimeSpan.FromHours(24)), contacts, Now));
        Assert.Equal(SkipReasons.ContactBudgetExceeded, ContactBudget.WhyNot(new ContactBudgetSettings(2, TimeSpan.FromHours(24)), contacts, Now));
        Assert.Null(ContactBudget.WhyNot(new ContactBudgetSettings(2, TimeSpan.FromMinutes(90)), contacts, Now));
    }
}
