using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Automation.Functions.Tests.Support;
using Automation.Testing;
using MimeKit;

namespace Automation.Functions.Tests.Features;

/// <summary>
/// A shop whose customer channel is email: reminders go through the real worker, under the development host, against
/// Azurite, to a real SMTP server in this process, and the order view shows what became of each.
/// </summary>
[Collection("Azurite")]
public sealed class EmailChannelFlowTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string From = "service@demo-shop.example";

    private ProductHost _host = null!;
    private MailSink _mail = null!;
    private readonly string _shopId = "mail-" + Guid.NewGuid().ToString("N")[..12];

    public async Task InitializeAsync()
    {
        _mail = await MailSink.StartAsync();
        _host = await ProductHost.StartAsync(azurite);
        var shop = ProductApi.Shop();
        shop["customerChannel"] = ProductApi.EmailChannel(_mail, From);
        using var put = await _host.PutShopAsync(_shopId, shop);
        Assert.True(put.StatusCode == HttpStatusCode.Created, await put.Content.ReadAsStringAsync());
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _mail.DisposeAsync();
    }

    [Fact]
    public async Task DueReminder_EmailChannel_ArrivesAsOneMailWithTextAndHtmlPartsAndTheStableMessageId()
    {
        var created = ProductApi.OrderCreated("evt-m1", "M1001", DateTimeOffset.UtcNow.AddHours(-2));
        created["order"]!["items"]![0]!["title"] = "连帽卫衣 <b>XL</b> & more";
        Assert.Equal(HttpStatusCode.Accepted, (await _host.Client.PostEventAsync(_shopId, created)).StatusCode);

        await _host.RunFunctionAsync("PaymentReminderSweep");
        var received = Assert.Single(await _mail.WaitForReceivedAsync(1));
        await _host.WaitForMessageAsync(_shopId, "M1001", "payment_reminder", 1, "state", "sent");

        // The envelope: signed in as the shop's account, to the order's customer email.
        Assert.Equal(250, received.Reply);
        Assert.Equal(MailSink.Username, received.SignedInAs);
        Assert.Equal(From, received.EnvelopeFrom);
        Assert.Equal(["li@example.com"], received.EnvelopeTo);

        var mail = received.Message;
        Assert.Equal(ExpectedMessageId($"{_shopId}:M1001:payment_reminder:1"), mail.MessageId);
        Assert.Equal("\"Demo Shop\" <service@demo-shop.example>", mail.From.ToString());
        Assert.Equal("help@demo-shop.example", Assert.Single(mail.ReplyTo.Mailboxes).Address);
        Assert.Equal("\"Li Lei\" <li@example.com>", mail.To.ToString());
        Assert.Equal("Demo Shop: your order M1001 is waiting for payment", mail.Subject);
        Assert.Equal("auto-generated", mail.Headers["Auto-Submitted"]);

        var alternative = Assert.IsType<MultipartAlternative>(mail.Body);
        var text = Assert.IsType<TextPart>(alternative[0]);
        var html = Assert.IsType<TextPart>(alternative[1]);
        Assert.True(text.IsPlain);
        Assert.True(html.IsHtml);
        Assert.Equal("utf-8", text.ContentType.Charset, ignoreCase: true);
        Assert.Contains("Your order M1001 (连帽卫衣 <b>XL</b> & more, 199.00 CNY) is still waiting for payment", text.Text, StringComparison.Ordinal);
        Assert.Contains("Your order M1001 (连帽卫衣 &lt;b&gt;XL&lt;/b&gt; &amp; more, 199.00 CNY)", html.Text, StringComparison.Ordinal);
        Assert.Contains("<a href=\"https://shop.example/pay/M1001\">", html.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>XL", html.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SmtpServerAsksToTryLater_TheQueueRedeliversIt_AndBothSendsCarryTheSameMessageId()
    {
        _mail.FailNext(451);
        Assert.Equal(HttpStatusCode.Accepted, (await _host.Client.PostEventAsync(_shopId, ProductApi.OrderCreated("evt-m2", "M2001", DateTimeOffset.UtcNow.AddHours(-2)))).StatusCode);

        await _host.RunFunctionAsync("PaymentReminderSweep");
        var order = await _host.WaitForMessageAsync(_shopId, "M2001", "payment_reminder", 1, "state", "sent");

        var sends = _mail.Received.ToArray();
        Assert.Equal([451, 250], sends.Select(s => s.Reply));
        Assert.All(sends, s => Assert.Equal(ExpectedMessageId($"{_shopId}:M2001:payment_reminder:1"), s.Message.MessageId));
        Assert.Equal(2, order.Message("payment_reminder", 1).GetProperty("attempts").GetInt32());
    }

    [Fact]
    public async Task SmtpServerRefusesForGood_IsRecordedFailed_AndNotTriedAgain()
    {
        _mail.FailNext(554);
        Assert.Equal(HttpStatusCode.Accepted, (await _host.Client.PostEventAsync(_shopId, ProductApi.OrderCreated("evt-m3", "M3001", DateTimeOffset.UtcNow.AddHours(-2)))).StatusCode);

        await _host.RunFunctionAsync("PaymentReminderSweep");
        var order = await _host.WaitForMessageAsync(_shopId, "M3001", "payment_reminder", 1, "state", "failed");
        await _host.WaitForQueueIdleAsync("outbound-messages");

        Assert.Equal("refused_smtp_554", order.Message("payment_reminder", 1).GetProperty("reason").GetString());
        Assert.Equal([554], _mail.Received.Select(s => s.Reply));
    }

    [Fact]
    public async Task BuyerWithoutEmail_IsSkippedNoCustomerEmail_AndNothingIsSent()
    {
        var created = ProductApi.OrderCreated("evt-m4", "M4001", DateTimeOffset.UtcNow.AddHours(-2));
        created["order"]!["customer"]!["email"] = null;
        Assert.Equal(HttpStatusCode.Accepted, (await _host.Client.PostEventAsync(_shopId, created)).StatusCode);

        await _host.RunFunctionAsync("PaymentReminderSweep");
        var order = await _host.WaitForMessageAsync(_shopId, "M4001", "payment_reminder", 1, "state", "skipped");

        Assert.Equal("no_customer_email", order.Message("payment_reminder", 1).GetProperty("reason").GetString());
        Assert.Empty(_mail.Received);
    }

    [Fact]
    public async Task GetShop_EmailChannel_ShowsTheServerButNeverThePassword_AndAPutWithoutItKeepsIt()
    {
        var shown = await GetShopAsync();
        var channel = shown.GetProperty("customerChannel");
        Assert.Equal(["type", "smtp", "from", "replyTo"], channel.EnumerateObject().Select(p => p.Name));
        Assert.Equal("email", channel.GetProperty("type").GetString());
        Assert.Equal(From, channel.GetProperty("from").GetString());
        var smtp = channel.GetProperty("smtp");
        Assert.Equal(("127.0.0.1", _mail.Port, "none", MailSink.Username), (smtp.GetProperty("host").GetString(), smtp.GetProperty("port").GetInt32(), smtp.GetProperty("security").GetString(), smtp.GetProperty("username").GetString()));
        Assert.True(smtp.GetProperty("passwordSet").GetBoolean());
        Assert.False(smtp.TryGetProperty("password", out _));
        Assert.DoesNotContain(MailSink.Password, shown.GetRawText(), StringComparison.Ordinal);

        // Saved again without the password (as GET shows it): the stored one still signs in.
        var shop = ProductApi.Shop();
        shop["customerChannel"] = ProductApi.EmailChannel(_mail, From);
        shop["customerChannel"]!["smtp"]!.AsObject().Remove("password");
        using var put = await _host.PutShopAsync(_shopId, shop);
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await _host.Client.PostEventAsync(_shopId, ProductApi.OrderCreated("evt-m5", "M5001", DateTimeOffset.UtcNow.AddHours(-2)))).StatusCode);
        await _host.RunFunctionAsync("PaymentReminderSweep");
        await _host.WaitForMessageAsync(_shopId, "M5001", "payment_reminder", 1, "state", "sent");
        Assert.Equal(MailSink.Username, Assert.Single(_mail.Received).SignedInAs);
    }

    [Theory]
    [InlineData("169.254.169.254")]
    [InlineData("10.0.0.5")]
    [InlineData("::ffff:192.168.1.10")]
    public async Task PutShop_SmtpHostOnANonPublicAddress_Answers400NamingTheHost(string host)
    {
        var shop = ProductApi.Shop();
        var channel = ProductApi.EmailChannel(_mail, From);
        channel["smtp"]!["host"] = host;
        channel["smtp"]!["security"] = "starttls";
        shop["customerChannel"] = channel;

        using var response = await _host.PutShopAsync(_shopId + "-x", shop);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(["customerChannel.smtp.host"], problem.GetProperty("errors").EnumerateObject().Select(e => e.Name));
    }

    [Fact]
    public async Task Delivery_ToALoopbackSmtpServerWhenDeployed_IsRefusedAtConnectTime_AndNothingIsSent()
    {
        // Saved where loopback is allowed, delivered where it is not: the connect-time check is the SMTP client's too.
        Assert.Equal(HttpStatusCode.Accepted, (await _host.Client.PostEventAsync(_shopId, ProductApi.OrderCreated("evt-m6", "M6001", DateTimeOffset.UtcNow.AddHours(-2)))).StatusCode);
        await _host.DisposeAsync();

        _host = await ProductHost.StartAsync(azurite, new Dictionary<string, string?> { ["AZURE_FUNCTIONS_ENVIRONMENT"] = "Production" });
        await _host.InvokeTimerAsHostAsync("PaymentReminderSweep");
        var order = await _host.WaitForMessageAsync(_shopId, "M6001", "payment_reminder", 1, "state", "failed");

        Assert.Equal("refused_non_public_address", order.Message("payment_reminder", 1).GetProperty("reason").GetString());
        Assert.Empty(_mail.Received);
    }

    /// <summary>The Message-ID the contract promises, computed here independently of the product's code.</summary>
    private static string ExpectedMessageId(string messageId) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(messageId))[..16]) + "@demo-shop.example";

    private async Task<JsonElement> GetShopAsync()
    {
        using var request = await _host.ShopRequestAsync(HttpMethod.Get, _shopId, $"/api/shops/{_shopId}");
        using var response = await _host.Client.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
