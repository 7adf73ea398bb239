using System.Net;
using Automation.Core.Security;

namespace Automation.Core.Tests.Security;

public sealed class OutboundAddressesTests
{
    [Theory]
    [InlineData("93.184.216.34")]
    [InlineData("8.8.8.8")]
    [InlineData("172.32.0.1")]       // just above 172.16.0.0/12
    [InlineData("100.128.0.1")]      // just above 100.64.0.0/10
    [InlineData("2606:4700:4700::1111")]
    [InlineData("::ffff:93.184.216.34")]
    [InlineData("64:ff9b::5db8:d822")] // NAT64 of 93.184.216.34
    public void Classify_PublicAddresses_ArePublic(string address) =>
        Assert.Equal(AddressKind.Public, OutboundAddresses.Classify(IPAddress.Parse(address)));

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("127.8.9.10")]
    [InlineData("::1")]
    [InlineData("::ffff:127.0.0.1")]
    public void Classify_LoopbackAddresses_AreLoopback(string address) =>
        Assert.Equal(AddressKind.Loopback, OutboundAddresses.Classify(IPAddress.Parse(address)));

    [Theory]
    [InlineData("169.254.169.254")]  // cloud instance metadata
    [InlineData("10.1.2.3")]
    [InlineData("172.16.0.1")]
    [InlineData("172.31.255.255")]
    [InlineData("192.168.1.1")]
    [InlineData("100.64.0.1")]
    [InlineData("0.0.0.0")]
    [InlineData("255.255.255.255")]
    [InlineData("224.0.0.1")]
    [InlineData("198.18.0.1")]
    [InlineData("192.0.2.10")]
    [InlineData("::")]
    [InlineData("fe80::1")]
    [InlineData("fd00::1")]
    [InlineData("ff02::1")]
    [InlineData("2001:db8::1")]
    [InlineData("2002:a9fe:a9fe::1")] // 6to4 of 169.254.169.254
    [InlineData("::ffff:169.254.169.254")]
    [InlineData("::ffff:10.0.0.1")]
    [InlineData("64:ff9b::a9fe:a9fe")] // NAT64 of 169.254.169.254
    [InlineData("::a9fe:a9fe")]        // IPv4-compatible form
    public void Classify_NonPublicAddresses_AreNonPublic(string address) =>
        Assert.Equal(AddressKind.NonPublic, OutboundAddresses.Classify(IPAddress.Parse(address)));

    [Fact]
    public void IsAllowed_Loopback_OnlyWhenLocalDevelopmentAllowsIt()
    {
        Assert.True(OutboundAddresses.IsAllowed(IPAddress.Loopback, allowLoopback: true));
        Assert.False(OutboundAddresses.IsAllowed(IPAddress.Loopback, allowLoopback: false));
        Assert.False(OutboundAddresses.IsAllowed(IPAddress.Parse("10.0.0.1"), allowLoopback: true));
        Assert.True(OutboundAddresses.IsAllowed(IPAddress.Parse("8.8.8.8"), allowLoopback: false));
    }
}
