using System.Net;

namespace Automation.Core.Security;

/// <summary>What an outbound address is, for deciding whether the product may connect to it.</summary>
public enum AddressKind
{
    /// <summary>A public unicast address: allowed.</summary>
    Public,

    /// <summary>127.0.0.0/8 or ::1: allowed only in local development.</summary>
    Loopback,

    /// <summary>Anything else that is not public: private, link-local (cloud metadata), shared, reserved, multicast...</summary>
    NonPublic,
}

/// <summary>
/// Classifies the addresses the product connects to on a shop's behalf (customer and agent channels), so that a URL
/// cannot point the product at its own network: cloud metadata (169.254.169.254), private ranges, loopback.
/// The ranges are IANA's special-purpose registries for IPv4 and IPv6; IPv6 forms that embed an IPv4 address
/// (mapped, NAT64) are judged by the embedded address. Written out here rather than taken from a library because
/// .NET has no such classification (IPAddress only knows loopback and the IPv6 link/site-local flags).
/// </summary>
public static class OutboundAddresses
{
    private static readonly IPNetwork[] NonPublicV4 =
    [
        IPNetwork.Parse("0.0.0.0/8"),        // "this network"
        IPNetwork.Parse("10.0.0.0/8"),       // private
        IPNetwork.Parse("100.64.0.0/10"),    // shared address space (carrier-grade NAT)
        IPNetwork.Parse("169.254.0.0/16"),   // link-local, cloud instance metadata
        IPNetwork.Parse("172.16.0.0/12"),    // private
        IPNetwork.Parse("192.0.0.0/24"),     // IETF protocol assignments
        IPNetwork.Parse("192.0.2.0/24"),     // documentation
        IPNetwork.Parse("192.88.99.0/24"),   // 6to4 relay anycast (deprecated)
        IPNetwork.Parse("192.168.0.0/16"),   // private
        IPNetwork.Parse("198.18.0.0/15"),    // benchmarking
        IPNetwork.Parse("198.51.100.0/24"),  // documentation
        IPNetwork.Parse("203.0.113.0/24"),   // documentation
        IPNetwork.Parse("224.0.0.0/4"),      // multicast
        IPNetwork.Parse("240.0.0.0/4"),      // reserved, and 255.255.255.255
    ];

    private static readonly IPNetwork[] NonPublicV6 =
    [
        IPNetwork.Parse("::/96"),            // unspecified and the deprecated IPv4-compatible form
        IPNetwork.Parse("64:ff9b:1::/48"),   // local-use NAT64
        IPNetwork.Parse("100::/64"),         // discard-only
        IPNetwork.Parse("2001::/23"),        // IETF protocol assignments (Teredo among them)
        IPNetwork.Parse("2001:db8::/32"),    // documentation
        IPNetwork.Parse("2002::/16"),        // 6to4: tunnels to an embedded IPv4 address
        IPNetwork.Parse("fc00::/7"),         // unique local
        IPNetwork.Parse("fe80::/10"),        // link-local
        IPNetwork.Parse("fec0::/10"),        // site-local (deprecated)
        IPNetwork.Parse("ff00::/8"),         // multicast
    ];

    private static readonly IPNetwork Nat64 = IPNetwork.Parse("64:ff9b::/96");

    public static AddressKind Classify(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        else if (Nat64.Contains(address))
        {
            var bytes = address.GetAddressBytes();
            address = new IPAddress(bytes.AsSpan(12, 4));
        }

        if (IPAddress.IsLoopback(address))
        {
            return AddressKind.Loopback;
        }

        var ranges = address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? NonPublicV4 : NonPublicV6;
        return ranges.Any(range => range.Contains(address)) ? AddressKind.NonPublic : AddressKind.Public;
    }

    /// <summary>True when the product may connect to <paramref name="address"/>: public, or loopback where local development allows it.</summary>
    public static bool IsAllowed(IPAddress address, bool allowLoopback) => Classify(address) switch
    {
        AddressKind.Public => true,
        AddressKind.Loopback => allowLoopback,
        _ => false,
    };
}
