using Automation.Core.Security;
using Automation.Storage.Stores;
using Automation.Testing;

namespace Automation.Storage.Tests.Stores;

[Collection("Azurite")]
public sealed class ApiKeyStoreTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly string _shop = "shop-" + Guid.NewGuid().ToString("N")[..8];
    private TestStorage _storage = null!;

    private ApiKeyStore Keys => _storage.Get<ApiKeyStore>();

    public async Task InitializeAsync()
    {
        _storage = TestStorage.Create(azurite);
        await _storage.Get<StoreTables>().GetAsync(StoreTables.ApiKeys, default); // Created once per process: not an operation's cost.
    }

    public async Task DisposeAsync() => await _storage.DisposeAsync();

    [Fact]
    public async Task GetAsync_AKeyOfThisShop_IsOnePointRead_AndAnotherShopsKeyIsNotFound()
    {
        var key = NewKey();
        await Keys.AddAsync(key, default);
        ApiKeyRecord? read = null;

        var calls = await _storage.Requests.CountAsync(async () => read = await Keys.GetAsync(_shop, key.KeyId, default));

        Assert.Equal(1, calls);
        Assert.Equal(key with { ETag = read!.ETag }, read);
        Assert.Null(await Keys.GetAsync("other-shop", key.KeyId, default));
    }

    [Fact]
    public async Task TryRotateAsync_AddsTheReplacementAndEndsThePrevious_InOneTransaction()
    {
        var previous = NewKey();
        await Keys.AddAsync(previous, default);
        var read = (await Keys.GetAsync(_shop, previous.KeyId, default))!;
        var replacement = NewKey();
        var ends = TestStorage.Start.AddHours(1);
        var rotated = false;

        var calls = await _storage.Requests.CountAsync(async () => rotated = await Keys.TryRotateAsync(read, ends, replacement, default));

        Assert.True(rotated);
        Assert.Equal(1, calls);
        Assert.Equal(ends, (await Keys.GetAsync(_shop, previous.KeyId, default))!.ExpiresAt);
        Assert.Equal(replacement.KeyId, (await Keys.GetAsync(_shop, previous.KeyId, default))!.ReplacedBy);
        Assert.NotNull(await Keys.GetAsync(_shop, replacement.KeyId, default));
    }

    [Fact]
    public async Task TryRotateAsync_FromAStaleRead_ChangesNothing()
    {
        var previous = NewKey();
        await Keys.AddAsync(previous, default);
        var read = (await Keys.GetAsync(_shop, previous.KeyId, default))!;
        Assert.True(await Keys.TryRotateAsync(read, TestStorage.Start.AddHours(1), NewKey(), default));
        var late = NewKey();

        Assert.False(await Keys.TryRotateAsync(read, TestStorage.Start, late, default));

        Assert.Null(await Keys.GetAsync(_shop, late.KeyId, default));
        Assert.Equal(TestStorage.Start.AddHours(1), (await Keys.GetAsync(_shop, previous.KeyId, default))!.ExpiresAt);
        Assert.Equal(2, (await Keys.ListAsync(_shop, default)).Count);
    }

    [Fact]
    public async Task DeleteAsync_RemovesTheKey_AndSaysWhenThereWasNone()
    {
        var key = NewKey();
        await Keys.AddAsync(key, default);

        Assert.True(await Keys.DeleteAsync(_shop, key.KeyId, default));
        Assert.False(await Keys.DeleteAsync(_shop, key.KeyId, default));
        Assert.Null(await Keys.GetAsync(_shop, key.KeyId, default));
    }

    private ApiKeyRecord NewKey()
    {
        var issued = ApiKeys.Issue(_shop);
        return new ApiKeyRecord(_shop, issued.KeyId, ApiKeyScope.Agent, "agent-1", "night shift", issued.SecretHash, TestStorage.Start, null);
    }
}
