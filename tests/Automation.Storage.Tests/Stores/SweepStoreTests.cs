using Automation.Storage.Stores;
using Automation.Testing;

namespace Automation.Storage.Tests.Stores;

/// <summary>
/// Claims on an agent's morning message: what a claim finds (claimed, sent already, or held by a claim whose lease has
/// not run out), what each costs, and a takeover after the lease that only one of two callers wins.
/// </summary>
[Collection("Azurite")]
public sealed class SweepStoreTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = TestStorage.Start;
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);
    private static readonly DateOnly Day = DateOnly.FromDateTime(Start.UtcDateTime);

    private readonly string _shop = "shop-" + Guid.NewGuid().ToString("N")[..8];
    private TestStorage _storage = null!;

    private SweepStore Sweeps => _storage.Get<SweepStore>();

    public async Task InitializeAsync()
    {
        _storage = TestStorage.Create(azurite);
        await _storage.Get<StoreTables>().GetAsync(StoreTables.Orders, default);
    }

    public async Task DisposeAsync() => await _storage.DisposeAsync();

    [Fact]
    public async Task TryClaimDigestAsync_FreshClaim_IsClaimed_InOneInsert()
    {
        var claim = DigestClaim.HeldElsewhere;
        var calls = await _storage.Requests.CountAsync(async () => claim = await ClaimAsync("ann", Start));

        Assert.Equal((DigestClaim.Claimed, 1), (claim, calls));
    }

    [Fact]
    public async Task TryClaimDigestAsync_SentMessage_IsAlreadySent_InAnInsertAndARead_EvenLongAfterTheLease()
    {
        Assert.Equal(DigestClaim.Claimed, await ClaimAsync("ann", Start));
        await Sweeps.SettleDigestAsync(_shop, Day, "ann", sent: true, tasks: 3, Start.AddSeconds(1), default);

        var claim = DigestClaim.Claimed;
        var calls = await _storage.Requests.CountAsync(async () => claim = await ClaimAsync("ann", Start + Lease + TimeSpan.FromHours(1)));

        Assert.Equal((DigestClaim.AlreadySent, 2), (claim, calls));
    }

    [Fact]
    public async Task TryClaimDigestAsync_LeasedByAnother_IsHeldElsewhereUntilTheLeaseRunsOut_ThenTakenOverByOneOfTwoRacers()
    {
        Assert.Equal(DigestClaim.Claimed, await ClaimAsync("ann", Start)); // a run that dies mid-send: never settled

        var held = DigestClaim.Claimed;
        var heldCalls = await _storage.Requests.CountAsync(async () => held = await ClaimAsync("ann", Start + Lease - TimeSpan.FromSeconds(1)));
        var afterLease = Start + Lease + TimeSpan.FromSeconds(1);
        var race = await Task.WhenAll(ClaimAsync("ann", afterLease), ClaimAsync("ann", afterLease));
        var third = await ClaimAsync("ann", afterLease.AddSeconds(1)); // the winner's new lease keeps it off too

        Assert.Equal((DigestClaim.HeldElsewhere, 2), (held, heldCalls));
        Assert.Equal([DigestClaim.Claimed, DigestClaim.HeldElsewhere], race.Order());
        Assert.Equal(DigestClaim.HeldElsewhere, third);
    }

    [Fact]
    public async Task TryClaimDigestAsync_ExpiredLease_IsTakenOver_InAnInsertAReadAndAnUpdate()
    {
        Assert.Equal(DigestClaim.Claimed, await ClaimAsync("ann", Start));

        var claim = DigestClaim.HeldElsewhere;
        var calls = await _storage.Requests.CountAsync(async () => claim = await ClaimAsync("ann", Start + Lease + TimeSpan.FromSeconds(1)));

        Assert.Equal((DigestClaim.Claimed, 3), (claim, calls));
    }

    [Fact]
    public async Task SettleDigestAsync_NotSent_LetsTheNextRunClaimItAgainAtOnce()
    {
        Assert.Equal(DigestClaim.Claimed, await ClaimAsync("ann", Start));
        await Sweeps.SettleDigestAsync(_shop, Day, "ann", sent: false, tasks: 3, Start.AddSeconds(1), default);

        Assert.Equal(DigestClaim.Claimed, await ClaimAsync("ann", Start.AddSeconds(2)));
    }

    [Fact]
    public async Task TryClaimDigestAsync_OneAgentsClaim_LeavesTheOthersAndTheNoonClaimFree()
    {
        Assert.Equal(DigestClaim.Claimed, await ClaimAsync("ann", Start));

        Assert.Equal(DigestClaim.Claimed, await ClaimAsync("bob", Start));
        Assert.Equal(DigestClaim.Claimed, await ClaimAsync("noon:ann", Start));
    }

    private Task<DigestClaim> ClaimAsync(string agentId, DateTimeOffset now) =>
        Sweeps.TryClaimDigestAsync(_shop, Day, agentId, now + Lease, now, default);
}
