using Automation.Core.Agents;
using Automation.Core.Shops;
using Automation.Storage.Stores;
using Automation.Testing;
using Azure.Data.Tables;

namespace Automation.Storage.Tests.Stores;

[Collection("Azurite")]
public sealed class ShopStoreTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string ChannelSecret = "whsec_Y2hhbm5lbC1zZWNyZXQtMDEyMzQ1Njc4OWFiY2RlZg==";
    private const string AgentWebhookSecret = "whsec_YWdlbnQtd2ViaG9vay1zZWNyZXQtMDEyMzQ1Njc4OQ==";

    private readonly string _shop = "shop-" + Guid.NewGuid().ToString("N")[..8];
    private TestStorage _storage = null!;

    private ShopStore Shops => _storage.Get<ShopStore>();

    public async Task InitializeAsync()
    {
        _storage = TestStorage.Create(azurite);
        await _storage.Get<StoreTables>().GetAsync(StoreTables.Shops, default); // Created once per process: not an operation's cost.
    }

    public async Task DisposeAsync() => await _storage.DisposeAsync();

    [Fact]
    public async Task SaveAsync_ThenGetAsync_RoundTripsTheSettingsAtOneTransactionEach()
    {
        var input = Input("Tea House");
        ShopSettings? read = null;

        var saveCalls = await _storage.Requests.CountAsync(() => Shops.SaveAsync(_shop, input, default));
        var getCalls = await _storage.Requests.CountAsync(async () => read = await Shops.GetAsync(_shop, default));

        Assert.Equal(1, saveCalls);
        Assert.Equal(1, getCalls);
        var expected = ShopSettingsValidator.Validate(_shop, input).Value!;
        Assert.Equal(expected with { Templates = read!.Templates, CarrierLinks = read.CarrierLinks, ReviewReplies = read.ReviewReplies, OptOutKeywords = read.OptOutKeywords, ServiceTargets = read.ServiceTargets }, read);
        Assert.Equal("Hello {orderId}", read.Templates["payment_reminder"]["en"]);
        Assert.Equal(new QuietHours(new TimeOnly(22, 0), new TimeOnly(8, 0)), read.QuietHours);
        var row = await _storage.Get<TableServiceClient>().GetTableClient(StoreTables.Shops).GetEntityAsync<TableEntity>(_shop, "settings");
        Assert.Equal(TestStorage.Start, row.Value.GetDateTimeOffset("UpdatedAt"));
    }

    [Fact]
    public async Task SaveAsync_WithAgents_RoundTripsThemWithTheirUrlsAndSecrets()
    {
        var input = Input("Tea House");
        input.Agents =
        [
            new AgentInput { Id = "zhang.san", Name = "张三", Roles = ["after_sale", "complaints"], MaxOpenTasks = 12, Channel = new() { Type = "dingtalk", Url = "https://oapi.dingtalk.com/robot/send?access_token=t0k", Secret = "SEC0123456789" } },
            new AgentInput { Id = "ops", Name = "Ops", Roles = ["supervisor"], Active = false, Channel = new() { Type = "webhook", Url = "https://hooks.example.com/agents", Secret = AgentWebhookSecret } },
        ];
        await Shops.SaveAsync(_shop, ShopSettingsInput.From(ShopSettingsValidator.Validate(_shop, input).Value!), default);

        var read = await Shops.GetAsync(_shop, default);

        var expected = ShopSettingsValidator.Validate(_shop, input).Value!.Agents;
        Assert.Equal(expected.Select(a => a.ToString()), read!.Agents.Select(a => a.ToString()));
        Assert.Equal(expected.Select(a => a.Channel), read.Agents.Select(a => a.Channel));
    }

    [Fact]
    public async Task SaveAsync_TwoHundredAgents_OutgrowOnePropertyAndStillRoundTrip()
    {
        // 200 DingTalk robots are about 73,000 characters of JSON: more than a string property holds (32K).
        var input = Input("Tea House");
        input.Agents = [.. Enumerable.Range(0, 200).Select(i => new AgentInput
        {
            Id = $"agent-{i:000}",
            Name = $"客服 {i:000} 号 😀",
            Roles = ["after_sale", "complaints"],
            Channel = new() { Type = "dingtalk", Url = "https://oapi.dingtalk.com/robot/send?access_token=" + new string('a', 64), Secret = "SEC" + new string('b', 64) },
        })];
        var valid = ShopSettingsInput.From(ShopSettingsValidator.Validate(_shop, input).Value!);

        var calls = await _storage.Requests.CountAsync(() => Shops.SaveAsync(_shop, valid, default));
        var read = await Shops.GetAsync(_shop, default);

        Assert.Equal(1, calls);
        Assert.Equal(input.Agents.Select(a => a.Name), read!.Agents.Select(a => a.Name));
        Assert.Equal("SEC" + new string('b', 64), read.Agents[199].Channel.Secret);
        var row = await _storage.Get<TableServiceClient>().GetTableClient(StoreTables.Shops).GetEntityAsync<TableEntity>(_shop, "settings");
        Assert.NotNull(row.Value.GetString("Settings2"));
    }

    [Fact]
    public async Task SaveAsync_SmallerAfterLarger_LeavesNoContinuationBehind()
    {
        var large = Input("Tea House");
        large.Agents = [.. Enumerable.Range(0, 150).Select(i => new AgentInput
        {
            Id = $"agent-{i:000}",
            Name = $"Agent {i:000}",
            Roles = ["after_sale"],
            Channel = new() { Type = "dingtalk", Url = "https://oapi.dingtalk.com/robot/send?access_token=" + new string('a', 64), Secret = "SEC" + new string('b', 64) },
        })];
        await Shops.SaveAsync(_shop, large, default);

        await Shops.SaveAsync(_shop, Input("Tea House"), default);

        var row = await _storage.Get<TableServiceClient>().GetTableClient(StoreTables.Shops).GetEntityAsync<TableEntity>(_shop, "settings");
        Assert.Null(row.Value.GetString("Settings1"));
        Assert.Empty((await Shops.GetAsync(_shop, default))!.Agents);
    }

    [Fact]
    public async Task SaveAsync_Again_ReplacesTheSettings()
    {
        await Shops.SaveAsync(_shop, Input("Tea House"), default);

        var changed = Input("Tea House & Co");
        changed.QuietHours = null;
        await Shops.SaveAsync(_shop, changed, default);

        var read = await Shops.GetAsync(_shop, default);
        Assert.Equal("Tea House & Co", read!.Name);
        Assert.Null(read.QuietHours);
    }

    [Fact]
    public async Task TrySaveAsync_CreatesOnce_AndReplacesOnlyUnderTheCurrentETag_OneTransactionEach()
    {
        var created = false;
        Assert.Equal(1, await _storage.Requests.CountAsync(async () => created = await Shops.TrySaveAsync(_shop, Input("First"), null, default)));
        Assert.True(created);
        Assert.False(await Shops.TrySaveAsync(_shop, Input("Second creator"), null, default));

        var read = await Shops.GetStoredAsync(_shop, default);
        Assert.True(await Shops.TrySaveAsync(_shop, Input("Replaced"), read!.ETag, default));
        Assert.False(await Shops.TrySaveAsync(_shop, Input("Stale writer"), read.ETag, default));

        Assert.Equal("Replaced", (await Shops.GetAsync(_shop, default))!.Name);
    }

    [Fact]
    public async Task GetAsync_UnknownShop_ReturnsNullForOnePointRead()
    {
        ShopSettings? read = null;

        var calls = await _storage.Requests.CountAsync(async () => read = await Shops.GetAsync(_shop, default));

        Assert.Null(read);
        Assert.Equal(1, calls);
    }

    [Fact]
    public async Task GetAsync_PlainSigningSecretsSavedBeforeWhsecWasRequired_AreStillRead()
    {
        // Saved under the old rule (any 16 to 256 characters), which a PUT no longer accepts for an outbound secret.
        var saved = Input("Tea House");
        saved.CustomerChannel!.Secret = "fedcba9876543210fedc";
        saved.Agents = [new AgentInput { Id = "ops", Name = "Ops", Roles = ["supervisor"], Channel = new() { Type = "webhook", Url = "https://hooks.example.com/agents", Secret = "agent-webhook-secret-0123" } }];
        Assert.False(ShopSettingsValidator.Validate(_shop, saved).IsValid);
        await Shops.SaveAsync(_shop, saved, default);

        var read = await Shops.GetAsync(_shop, default);

        Assert.Equal("fedcba9876543210fedc", Assert.IsType<WebhookCustomerChannel>(read!.CustomerChannel).Secret);
        Assert.Equal("agent-webhook-secret-0123", read.Agents[0].Channel.Secret);
    }

    [Fact]
    public async Task GetAsync_StoredSettingsNoLongerValid_ThrowsNamingTheShopAndField()
    {
        var table = _storage.Get<TableServiceClient>().GetTableClient(StoreTables.Shops);
        await table.UpsertEntityAsync(new TableEntity(_shop, "settings") { ["Settings"] = "{\"name\":\"Tea House\",\"timeZone\":\"Mars/Base\"}" });

        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => Shops.GetAsync(_shop, default));

        Assert.Contains(_shop, e.Message, StringComparison.Ordinal);
        Assert.Contains("timeZone", e.Message, StringComparison.Ordinal);
    }

    private static ShopSettingsInput Input(string name) => new()
    {
        Name = name,
        TimeZone = "Asia/Shanghai",
        Locale = "zh-CN",
        WebhookSecret = "0123456789abcdef0123",
        QuietHours = new QuietHoursInput { Start = "22:00", End = "08:00" },
        PaymentReminders = new PaymentRemindersInput { FirstAfter = "PT45M", MaxPerOrder = 3 },
        CustomerChannel = new CustomerChannelInput { Url = "https://hooks.example.com/messages", Secret = ChannelSecret },
        Templates = new() { ["payment_reminder"] = new() { ["en"] = "Hello {orderId}" } },
    };
}
