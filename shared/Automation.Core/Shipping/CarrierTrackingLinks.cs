using System.Collections.Frozen;
using System.Text;
using Automation.Core.Messaging;

namespace Automation.Core.Shipping;

/// <summary>
/// Canonical carrier codes. They are the Kuaidi100 company codes (the vocabulary most Chinese shop tools and the
/// Kuaidi100 fallback link use), so a code can be passed to Kuaidi100 as it is. Stored: add codes rather than renaming.
/// </summary>
public static class CarrierCodes
{
    public const string SfExpress = "shunfeng";
    public const string JdLogistics = "jd";
    public const string Zto = "zhongtong";
    public const string Yto = "yuantong";
    public const string Sto = "shentong";
    public const string Yunda = "yunda";
    public const string Ems = "ems";

    /// <summary>China Post domestic parcels (邮政快递包裹).</summary>
    public const string ChinaPost = "youzhengguonei";

    public const string BestExpress = "huitongkuaidi";
    public const string JtExpress = "jtexpress";
    public const string Deppon = "debangkuaidi";
    public const string Ups = "ups";
    public const string FedEx = "fedex";
    public const string Dhl = "dhl";
    public const string Usps = "usps";
    public const string RoyalMail = "royalmail";
    public const string CanadaPost = "canpost";
    public const string AustraliaPost = "auspost";
}

/// <summary>
/// Builds the public tracking link of a shipment whose event carries no <c>trackingUrl</c>: the carrier's name, in any
/// of its common spellings, is normalized to a <see cref="CarrierCodes">code</see>, whose URL template (the shop's own
/// first, else the built-in one) gets the URL-escaped tracking number. Unknown carriers get no link.
/// </summary>
public static class CarrierTrackingLinks
{
    public const string TrackingNumberPlaceholder = "trackingNumber";

    private const string Placeholder = "{" + TrackingNumberPlaceholder + "}";

    // Kuaidi100's public query page takes the company code and the number; used for carriers without a verified
    // tracking page of their own.
    private const string Kuaidi100 = "https://www.kuaidi100.com/chaxun?com=";

    /// <summary>Built-in URL templates by canonical code, from the fact sheet.</summary>
    public static IReadOnlyDictionary<string, string> BuiltIn { get; } = new Dictionary<string, string>
    {
        [CarrierCodes.SfExpress] = "https://www.sf-express.com/chn/sc/waybill/waybill-detail/" + Placeholder,
        [CarrierCodes.JdLogistics] = Kuaidi100 + CarrierCodes.JdLogistics + "&nu=" + Placeholder,
        [CarrierCodes.Zto] = Kuaidi100 + CarrierCodes.Zto + "&nu=" + Placeholder,
        [CarrierCodes.Yto] = Kuaidi100 + CarrierCodes.Yto + "&nu=" + Placeholder,
        [CarrierCodes.Sto] = Kuaidi100 + CarrierCodes.Sto + "&nu=" + Placeholder,
        [CarrierCodes.Yunda] = Kuaidi100 + CarrierCodes.Yunda + "&nu=" + Placeholder,
        [CarrierCodes.Ems] = Kuaidi100 + CarrierCodes.Ems + "&nu=" + Placeholder,
        [CarrierCodes.ChinaPost] = Kuaidi100 + CarrierCodes.ChinaPost + "&nu=" + Placeholder,
        [CarrierCodes.BestExpress] = Kuaidi100 + CarrierCodes.BestExpress + "&nu=" + Placeholder,
        [CarrierCodes.JtExpress] = Kuaidi100 + CarrierCodes.JtExpress + "&nu=" + Placeholder,
        [CarrierCodes.Deppon] = Kuaidi100 + CarrierCodes.Deppon + "&nu=" + Placeholder,
        [CarrierCodes.Ups] = "https://www.ups.com/track?tracknum=" + Placeholder,
        [CarrierCodes.FedEx] = "https://www.fedex.com/fedextrack/?trknbr=" + Placeholder,
        [CarrierCodes.Dhl] = "https://www.dhl.com/global-en/home/tracking/tracking-express.html?submit=1&tracking-id=" + Placeholder,
        [CarrierCodes.Usps] = "https://tools.usps.com/go/TrackConfirmAction?tLabels=" + Placeholder,
        [CarrierCodes.RoyalMail] = "https://www.royalmail.com/track-your-item#/tracking-results/" + Placeholder,
        [CarrierCodes.CanadaPost] = "https://www.canadapost-postescanada.ca/track-reperage/en#/search?searchFor=" + Placeholder,
        [CarrierCodes.AustraliaPost] = "https://auspost.com.au/mypost/track/#/details/" + Placeholder,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    // Keys are in the folded form of Fold(): lowercase letters, digits and CJK only.
    private static readonly FrozenDictionary<string, string> Aliases = BuildAliases();

    /// <summary>
    /// The canonical code for a carrier name as platforms and people write it ("SF", "顺丰", "sf-express",
    /// "SF Express", "UPS", "China Post", "中国邮政"), or null when unknown. Case, spaces and punctuation do not matter.
    /// </summary>
    public static string? Normalize(string? carrier)
    {
        var folded = Fold(carrier);
        return folded.Length > 0 && Aliases.TryGetValue(folded, out var code) ? code : null;
    }

    /// <summary>
    /// The tracking link for a shipment, or null when the carrier is unknown (to the shop's table and the built-in one)
    /// or there is no tracking number. The shop's override for the carrier wins. The number is trimmed and
    /// URL-escaped (RFC 3986 unreserved characters stay as they are).
    /// </summary>
    public static string? For(string? carrier, string? trackingNumber, CarrierLinkSettings? shop = null)
    {
        var number = trackingNumber?.Trim();
        if (string.IsNullOrEmpty(number))
        {
            return null;
        }

        var template = FindTemplate(carrier, shop ?? CarrierLinkSettings.Default);
        return template?.Replace(Placeholder, Uri.EscapeDataString(number), StringComparison.Ordinal);
    }

    /// <summary>The canonical code for an override key: a known alias maps to its code, any other name to its folded form.</summary>
    internal static string CodeForKey(string key) => Normalize(key) ?? Fold(key);

    /// <summary>Lowercase letters and digits (any script) only: "SF-Express " and "sf express" both fold to "sfexpress".</summary>
    internal static string Fold(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return string.Empty;
        }

        var builder = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            if (char.IsLetterOrDigit(c))
            {
                builder.Append(char.ToLowerInvariant(c));
            }
        }

        return builder.ToString();
    }

    private static string? FindTemplate(string? carrier, CarrierLinkSettings shop)
    {
        var folded = Fold(carrier);
        if (folded.Length == 0)
        {
            return null;
        }

        // A shop may also add a carrier the built-in table does not know, under its own name.
        var code = Aliases.GetValueOrDefault(folded) ?? folded;
        return shop.Overrides.GetValueOrDefault(code) ?? BuiltIn.GetValueOrDefault(code);
    }

    private static FrozenDictionary<string, string> BuildAliases()
    {
        var aliases = new Dictionary<string, string>(StringComparer.Ordinal);
        Add(CarrierCodes.SfExpress, "shunfeng", "SF", "SF Express", "sf-express", "SF Express (顺丰)", "sfexpress", "S.F. Express", "顺丰", "顺丰速运", "顺丰快递", "順豐", "順豐速運");
        Add(CarrierCodes.JdLogistics, "jd", "JD Logistics", "JD Express", "jdl", "jingdong", "京东", "京东物流", "京东快递", "京東物流");
        Add(CarrierCodes.Zto, "zhongtong", "ZTO", "ZTO Express", "zto-express", "中通", "中通快递");
        Add(CarrierCodes.Yto, "yuantong", "YTO", "YTO Express", "yto-express", "圆通", "圆通速递", "圆通快递", "圓通");
        Add(CarrierCodes.Sto, "shentong", "STO", "STO Express", "sto-express", "申通", "申通快递");
        Add(CarrierCodes.Yunda, "yunda", "Yunda Express", "yundaex", "韵达", "韵达快递", "韵达速递");
        Add(CarrierCodes.Ems, "ems", "China EMS", "china-ems", "EMS China", "邮政EMS", "中国邮政EMS", "EMS快递");
        Add(CarrierCodes.ChinaPost, "youzhengguonei", "China Post", "chinapost", "china-post", "China Post Parcel", "中国邮政", "邮政", "邮政快递包裹", "邮政包裹");
        Add(CarrierCodes.BestExpress, "huitongkuaidi", "Best Express", "Best", "800bestex", "百世", "百世快递", "百世汇通", "汇通");
        Add(CarrierCodes.JtExpress, "jtexpress", "J&T", "J&T Express", "JT Express", "极兔", "极兔速递", "极兔快递");
        Add(CarrierCodes.Deppon, "debangkuaidi", "Deppon", "Deppon Express", "德邦", "德邦快递", "德邦物流");
        Add(CarrierCodes.Ups, "ups", "UPS", "United Parcel Service", "upsen");
        Add(CarrierCodes.FedEx, "fedex", "FedEx", "Fed Ex", "Federal Express", "fedexus", "fedexcn", "联邦快递");
        Add(CarrierCodes.Dhl, "dhl", "DHL", "DHL Express", "dhl-express", "dhlen", "敦豪");
        Add(CarrierCodes.Usps, "usps", "USPS", "U.S. Postal Service", "US Postal Service", "United States Postal Service", "美国邮政");
        Add(CarrierCodes.RoyalMail, "royalmail", "Royal Mail", "royal-mail");
        Add(CarrierCodes.CanadaPost, "canpost", "Canada Post", "canada-post", "Postes Canada");
        Add(CarrierCodes.AustraliaPost, "auspost", "Australia Post", "australia-post", "AusPost");
        return aliases.ToFrozenDictionary(StringComparer.Ordinal);

        void Add(string code, params string[] names)
        {
            foreach (var name in names)
            {
                // Each spelling belongs to one carrier; a clash is a bug in this table.
                if (!aliases.TryAdd(Fold(name), code) && aliases[Fold(name)] != code)
                {
                    throw new InvalidOperationException($"The carrier alias '{name}' is claimed twice.");
                }
            }
        }
    }
}

/// <summary>A shop's own tracking-link templates by canonical carrier code (validated: https, with <c>{trackingNumber}</c>).</summary>
public sealed record CarrierLinkSettings(IReadOnlyDictionary<string, string> Overrides)
{
    public static CarrierLinkSettings Default { get; } = new(FrozenDictionary<string, string>.Empty);
}

/// <summary>
/// Checks the <c>carriers</c> settings: <c>{ "&lt;carrier&gt;": "https://.../{trackingNumber}" }</c>. A key is any spelling
/// of a known carrier (stored under its canonical code) or the name of a carrier the built-in table lacks.
/// </summary>
public static class CarrierLinkSettingsValidator
{
    public const int MaxCarriers = 50;
    public const int MaxUrlLength = 500;

    public static ValidationResult<CarrierLinkSettings> Validate(Dictionary<string, string>? input)
    {
        var errors = new ValidationErrors();
        var settings = Validate(input, errors, "carriers");
        return errors.ToResult(() => settings!);
    }

    /// <summary>Adds every problem to <paramref name="errors"/> under <paramref name="path"/> (for ShopSettingsValidator).</summary>
    internal static CarrierLinkSettings? Validate(Dictionary<string, string>? input, ValidationErrors errors, string path)
    {
        if (input is null || input.Count == 0)
        {
            return CarrierLinkSettings.Default;
        }

        if (input.Count > MaxCarriers)
        {
            errors.Add(path, $"At most {MaxCarriers} carriers can be overridden.");
            return null;
        }

        var overrides = new Dictionary<string, string>(StringComparer.Ordinal);
        var valid = true;
        foreach (var (key, url) in input)
        {
            var keyPath = path + "." + key;
            var code = CarrierTrackingLinks.CodeForKey(key);
            if (code.Length is 0 or > 64)
            {
                errors.Add(keyPath, "The carrier name must contain letters or digits (at most 64).");
                valid = false;
                continue;
            }

            if (CheckUrl(url) is { } problem)
            {
                errors.Add(keyPath, problem);
                valid = false;
                continue;
            }

            if (!overrides.TryAdd(code, url))
            {
                errors.Add(keyPath, $"Another key names the same carrier ('{code}').");
                valid = false;
            }
        }

        return valid ? new CarrierLinkSettings(overrides.ToFrozenDictionary(StringComparer.Ordinal)) : null;
    }

    private static string? CheckUrl(string? url)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            return "A tracking URL template is required, e.g. \"https://carrier.example/track/{trackingNumber}\".";
        }

        if (url.Length > MaxUrlLength)
        {
            return $"The tracking URL template must be at most {MaxUrlLength} characters.";
        }

        if (CustomerText.FindForbidden(url) is { } forbidden)
        {
            return $"Tracking links reach customers and must not contain control, bidi-override, zero-width or non-characters: {forbidden}.";
        }

        var count = CountOf(url, "{" + CarrierTrackingLinks.TrackingNumberPlaceholder + "}");
        if (count == 0 || CountOf(url, "{") != count || CountOf(url, "}") != count)
        {
            return "The tracking URL template must contain {trackingNumber} and no other braces.";
        }

        // The number must land after the host: compare the URL filled with two different numbers.
        if (!Uri.TryCreate(url.Replace("{trackingNumber}", "A1", StringComparison.Ordinal), UriKind.Absolute, out var one)
            || !Uri.TryCreate(url.Replace("{trackingNumber}", "B2", StringComparison.Ordinal), UriKind.Absolute, out var two))
        {
            return $"'{url}' is not an absolute URL.";
        }

        if (one.Scheme != Uri.UriSchemeHttps || !string.IsNullOrEmpty(one.UserInfo))
        {
            return "The tracking URL template must be an https URL without credentials.";
        }

        if (!string.Equals(one.Authority, two.Authority, StringComparison.OrdinalIgnoreCase))
        {
            return "{trackingNumber} must come after the host (in the path, query or fragment).";
        }

        return null;
    }

    private static int CountOf(string text, string value)
    {
        var count = 0;
        for (var at = text.IndexOf(value, StringComparison.Ordinal); at >= 0; at = text.IndexOf(value, at + value.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
