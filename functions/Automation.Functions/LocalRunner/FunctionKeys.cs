using System.Security.Cryptography;
using System.Text;

namespace Automation.Functions.LocalRunner;

/// <summary>Function and master keys checked the way the Functions host checks them.</summary>
internal sealed class FunctionKeys(IConfiguration configuration)
{
    public const string KeyHeader = "x-functions-key";
    public const string KeyQuery = "code";

    /// <summary>
    /// anonymous: no key; function: the function key or the master key; admin (and system, user): the master key
    /// only. The key comes from the <c>x-functions-key</c> header, else the <c>code</c> query parameter.
    /// </summary>
    public bool IsAuthorized(HttpRequest request, string authLevel) => authLevel switch
    {
        "anonymous" => true,
        "function" => Matches(request, LocalSettingsFile.FunctionKeySetting) || Matches(request, LocalSettingsFile.MasterKeySetting),
        _ => Matches(request, LocalSettingsFile.MasterKeySetting),
    };

    public bool IsMaster(HttpRequest request) => Matches(request, LocalSettingsFile.MasterKeySetting);

    private bool Matches(HttpRequest request, string setting)
    {
        var expected = configuration[setting];
        var provided = request.Headers[KeyHeader].ToString() is { Length: > 0 } header ? header : request.Query[KeyQuery].ToString();
        return !string.IsNullOrEmpty(expected) && provided.Length > 0 &&
            CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(provided), Encoding.UTF8.GetBytes(expected));
    }
}
