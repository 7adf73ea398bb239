using System.Security.Cryptography;
using System.Text;
using Automation.DevHost.Settings;
using Microsoft.AspNetCore.Http;

namespace Automation.DevHost.Http;

/// <summary>
/// Function and master keys checked as the Functions host checks them: the key comes from the
/// <c>x-functions-key</c> header, else the <c>code</c> query parameter; the values are the app settings
/// <c>LOCAL_FUNCTION_KEY</c> and <c>LOCAL_MASTER_KEY</c>.
/// </summary>
internal sealed class FunctionKeys(AppSettings settings)
{
    public const string KeyHeader = "x-functions-key";
    public const string KeyQuery = "code";

    /// <summary>anonymous: no key; function: the function or the master key; admin (and system, user): the master key only.</summary>
    public bool IsAuthorized(HttpRequest request, string authLevel) => authLevel switch
    {
        "anonymous" => true,
        "function" => Matches(request, settings.FunctionKey) || Matches(request, settings.MasterKey),
        _ => Matches(request, settings.MasterKey),
    };

    public bool IsMaster(HttpRequest request) => Matches(request, settings.MasterKey);

    private static bool Matches(HttpRequest request, string? expected)
    {
        var provided = request.Headers[KeyHeader].ToString() is { Length: > 0 } header ? header : request.Query[KeyQuery].ToString();
        return !string.IsNullOrEmpty(expected) && provided.Length > 0 &&
            CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(provided), Encoding.UTF8.GetBytes(expected));
    }
}
