using System.Text.Json;
using Automation.Core.Shops;
using Automation.Core.Tests.Support;

namespace Automation.Core.Tests.Shops;

public class EmailChannelValidatorTests
{
    private const string ShopId = "demo-shop";
    private const string Password = "smtp-app-password";

    private static ShopSettingsInput WithEmail(Action<CustomerChannelInput>? change = null)
    {
        var input = TestShops.ExampleInput();
        input.CustomerChannel = new CustomerChannelInput
        {
            Type = "email",
            Smtp = new SmtpInput { Host = "smtp.shop.example", Port = 587, Security = "starttls", Username = "service@shop.example", Password = Password },
            From = "service@shop.example",
            ReplyTo = "help@shop.example",
        };
        change?.Invoke(input.CustomerChannel);
        return input;
    }

    private static IEnumerable<string> ErrorKeys(ShopSettingsInput input, ShopSettings? existing = null) =>
        ShopSettingsValidator.Validate(ShopId, input, existing).Errors.Keys.Order(StringComparer.Ordinal);

    [Fact]
    public void Validate_EmailChannel_IsTheSmtpServerSenderAndReplyTo()
    {
        var result = ShopSettingsValidator.Validate(ShopId, WithEmail());

        Assert.True(result.IsValid, string.Join("; ", result.Errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")));
        Assert.Equal(
            new EmailCustomerChannel(
                new SmtpServerSettings("smtp.shop.example", 587, SmtpSecurity.StartTls, "service@shop.example", Password),
                "service@shop.example",
                "help@shop.example"),
            result.Value.CustomerChannel);
    }

    [Theory]
    [InlineData(null, null, 587, SmtpSecurity.StartTls)]
    [InlineData(465, null, 465, SmtpSecurity.Tls)]
    [InlineData(587, null, 587, SmtpSecurity.StartTls)]
    [InlineData(2525, null, 2525, SmtpSecurity.StartTls)]
    [InlineData(null, "tls", 465, SmtpSecurity.Tls)]
    [InlineData(null, "starttls", 587, SmtpSecurity.StartTls)]
    [InlineData(25, "starttls", 25, SmtpSecurity.StartTls)]
    public void Validate_PortOrSecurityLeftOut_TakesTheUsualOneForTheOther(int? port, string? security, int expectedPort, SmtpSecurity expectedSecurity)
    {
        var input = WithEmail(c => (c.Smtp!.Port, c.Smtp.Security) = (port, security));

        var smtp = Assert.IsType<EmailCustomerChannel>(ShopSettingsValidator.Validate(ShopId, input).Value!.CustomerChannel).Smtp;

        Assert.Equal((expectedPort, expectedSecurity), (smtp.Port, smtp.Security));
    }

    [Theory]
    [InlineData("localhost")]
    [InlineData("127.0.0.1")]
    [InlineData("[::1]")]
    public void Validate_SecurityNoneToThisMachine_IsAccepted(string host)
    {
        var input = WithEmail(c => c.Smtp = new SmtpInput { Host = host, Port = 2525, Security = "none" });

        var smtp = Assert.IsType<EmailCustomerChannel>(ShopSettingsValidator.Validate(ShopId, input).Value!.CustomerChannel).Smtp;

        Assert.Equal(SmtpSecurity.None, smtp.Security);
        Assert.Null(smtp.Username);
    }

    [Theory]
    [InlineData("smtp.shop.example")]
    [InlineData("203.0.113.7")]
    public void Validate_SecurityNoneToAnotherMachine_NamesSecurity(string host)
    {
        var input = WithEmail(c => (c.Smtp!.Host, c.Smtp.Security) = (host, "none"));

        Assert.Equal(["customerChannel.smtp.security"], ErrorKeys(input));
    }

    [Theory]
    [InlineData("smtp://smtp.shop.example")]
    [InlineData("smtp.shop.example:587")]
    [InlineData("user@smtp.shop.example")]
    [InlineData("smtp shop.example")]
    [InlineData("smtp..shop.example")]
    [InlineData("-smtp.shop.example")]
    [InlineData("smtp.shop.example\r\nRCPT TO:<x@y.z>")]
    [InlineData("")]
    [InlineData(null)]
    public void Validate_HostThatIsNoHostName_NamesHost(string? host)
    {
        var input = WithEmail(c => c.Smtp!.Host = host);

        Assert.Equal(["customerChannel.smtp.host"], ErrorKeys(input));
    }

    [Theory]
    [InlineData("SMTP.Shop.Example", "smtp.shop.example")]
    [InlineData("smtp.bücher.example", "smtp.xn--bcher-kva.example")]
    [InlineData("[2001:4860:4860::8888]", "2001:4860:4860::8888")]
    public void Validate_Host_IsStoredInItsAsciiForm(string host, string stored)
    {
        var input = WithEmail(c => c.Smtp!.Host = host);

        Assert.Equal(stored, Assert.IsType<EmailCustomerChannel>(ShopSettingsValidator.Validate(ShopId, input).Value!.CustomerChannel).Smtp.Host);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(65536)]
    public void Validate_PortOutOfRange_NamesPort(int port)
    {
        Assert.Equal(["customerChannel.smtp.port"], ErrorKeys(WithEmail(c => c.Smtp!.Port = port)));
    }

    [Theory]
    [InlineData("ssl")]
    [InlineData("STARTTLS")]
    [InlineData("")]
    public void Validate_UnknownSecurity_NamesSecurity(string security)
    {
        Assert.Equal(["customerChannel.smtp.security"], ErrorKeys(WithEmail(c => c.Smtp!.Security = security)));
    }

    [Theory]
    [InlineData("Shop <service@shop.example>")]
    [InlineData("service@shop")]
    [InlineData("service shop@shop.example")]
    [InlineData("service@shop.example\r\nBcc: all@example.com")]
    [InlineData("not-an-address")]
    [InlineData("")]
    [InlineData(null)]
    public void Validate_FromThatIsNoBareAddress_NamesFrom(string? from)
    {
        Assert.Equal(["customerChannel.from"], ErrorKeys(WithEmail(c => c.From = from)));
    }

    [Fact]
    public void Validate_BadReplyTo_NamesReplyTo_AndNoneMeansNone()
    {
        Assert.Equal(["customerChannel.replyTo"], ErrorKeys(WithEmail(c => c.ReplyTo = "help at shop.example")));

        var none = ShopSettingsValidator.Validate(ShopId, WithEmail(c => c.ReplyTo = null)).Value!;
        Assert.Null(Assert.IsType<EmailCustomerChannel>(none.CustomerChannel).ReplyTo);
    }

    [Fact]
    public void Validate_NoSmtp_NamesSmtp()
    {
        Assert.Equal(["customerChannel.smtp"], ErrorKeys(WithEmail(c => c.Smtp = null)));
    }

    [Fact]
    public void Validate_UsernameWithoutPassword_NamesPassword_AndPasswordWithoutUsername_NamesUsername()
    {
        Assert.Equal(["customerChannel.smtp.password"], ErrorKeys(WithEmail(c => c.Smtp!.Password = null)));
        Assert.Equal(["customerChannel.smtp.username"], ErrorKeys(WithEmail(c => c.Smtp!.Username = null)));
    }

    [Fact]
    public void Validate_WebhookFieldsOnAnEmailChannel_AreNamed()
    {
        var input = WithEmail(c => (c.Url, c.Secret) = ("https://shop.example/messages", "at-least-16-characters"));

        Assert.Equal(["customerChannel.secret", "customerChannel.url"], ErrorKeys(input));
    }

    [Fact]
    public void Validate_EmailFieldsWithoutTypeEmail_NamesType()
    {
        var input = TestShops.ExampleInput();
        input.CustomerChannel!.From = "service@shop.example";

        Assert.Equal(["customerChannel.type"], ErrorKeys(input));
    }

    [Theory]
    [InlineData("Email")]
    [InlineData("sms")]
    [InlineData("")]
    public void Validate_UnknownType_NamesType(string type)
    {
        var input = TestShops.ExampleInput();
        input.CustomerChannel!.Type = type;

        Assert.Equal(["customerChannel.type"], ErrorKeys(input));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("webhook")]
    public void Validate_TypeWebhookOrNone_IsTheSignedWebhook(string? type)
    {
        var input = TestShops.ExampleInput();
        input.CustomerChannel!.Type = type;

        Assert.Equal(
            new WebhookCustomerChannel(new Uri("https://shop.example/messages"), input.CustomerChannel.Secret!),
            ShopSettingsValidator.Validate(ShopId, input).Value!.CustomerChannel);
    }

    [Fact]
    public void Validate_PasswordOmittedForTheSameHostAndUsername_KeepsTheStoredOne()
    {
        var existing = ShopSettingsValidator.Validate(ShopId, WithEmail()).Value!;
        var input = ShopSettingsInput.From(existing, includeSecrets: false);
        input.CustomerChannel!.From = "shop@shop.example";

        var result = ShopSettingsValidator.Validate(ShopId, input, existing);

        Assert.True(result.IsValid);
        var channel = Assert.IsType<EmailCustomerChannel>(result.Value.CustomerChannel);
        Assert.Equal(Password, channel.Smtp.Password);
        Assert.Equal("shop@shop.example", channel.From);
    }

    [Theory]
    [InlineData("smtp.elsewhere.example", "service@shop.example")]
    [InlineData("smtp.shop.example", "other@shop.example")]
    public void Validate_PasswordOmittedForAnotherHostOrUsername_IsRequiredAgain(string host, string username)
    {
        // The stored password must never be handed to a server or account it was not given for.
        var existing = ShopSettingsValidator.Validate(ShopId, WithEmail()).Value!;
        var input = ShopSettingsInput.From(existing, includeSecrets: false);
        (input.CustomerChannel!.Smtp!.Host, input.CustomerChannel.Smtp.Username) = (host, username);

        Assert.Equal(["customerChannel.smtp.password"], ErrorKeys(input, existing));
    }

    [Fact]
    public void From_EmailChannel_RoundTripsThroughJsonAndTheValidator_AndWithoutSecretsHasNoPassword()
    {
        var settings = ShopSettingsValidator.Validate(ShopId, WithEmail(c => c.Smtp!.Port = null)).Value!;

        var json = JsonSerializer.Serialize(ShopSettingsInput.From(settings), JsonSerializerOptions.Web);
        var again = ShopSettingsValidator.Validate(ShopId, JsonSerializer.Deserialize<ShopSettingsInput>(json, JsonSerializerOptions.Web)).Value!;
        var shown = ShopSettingsInput.From(settings, includeSecrets: false);

        Assert.Equal(settings.CustomerChannel, again.CustomerChannel);
        Assert.Equal("email", shown.CustomerChannel!.Type);
        Assert.Null(shown.CustomerChannel.Smtp!.Password);
        Assert.Equal(("smtp.shop.example", 587, "starttls"), (shown.CustomerChannel.Smtp.Host, shown.CustomerChannel.Smtp.Port, shown.CustomerChannel.Smtp.Security));
    }

    [Fact]
    public void ToString_EmailChannel_DoesNotRevealThePassword()
    {
        var settings = ShopSettingsValidator.Validate(ShopId, WithEmail()).Value!;

        Assert.DoesNotContain(Password, settings.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Password, settings.CustomerChannel!.ToString(), StringComparison.Ordinal);
    }
}
