using System.Security.Cryptography;

namespace Automation.Functions.Features.Access;

/// <summary>
/// A signing secret nobody has, made once per process. A webhook for an unknown shop (or one without the platform) is
/// checked against it, so it is answered exactly as a known shop's webhook with a wrong signature, in the same time:
/// shop ids and their platforms cannot be probed.
/// </summary>
internal static class NobodysSecret
{
    public static string Value { get; } = Convert.ToHexString(RandomNumberGenerator.GetBytes(32));
}
