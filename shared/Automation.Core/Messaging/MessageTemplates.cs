using System.Collections.Frozen;
using System.Net;
using System.Text.RegularExpressions;
using Automation.Core.Shops;

namespace Automation.Core.Messaging;

/// <summary>The text of a message as chosen for one recipient: which locale, and whether the shop wrote it.</summary>
public sealed partial record MessageTemplate(string Kind, string Locale, string Text, bool IsShopOverride)
{
    /// <summary>
    /// Fills in the placeholders; a placeholder without a value renders as nothing, and brackets left with nothing
    /// but spaces and commas inside ("（）", "( , )") go with it, so that an order known only by its id (a shipped
    /// event before any created one) still reads well.
    /// </summary>
    public string Render(IReadOnlyDictionary<string, string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return EmptyBrackets().Replace(Parsed().Render(values), "");
    }

    /// <summary>
    /// The same message as an HTML fragment, from the same template: the template's text and every value are
    /// HTML-encoded (a buyer's name or an item title is text, never markup), line breaks become <c>&lt;br&gt;</c>, and
    /// a link placeholder (<c>{payUrl}</c>, <c>{trackingUrl}</c>) holding an http(s) URL becomes a link to it.
    /// Brackets left empty go as in <see cref="Render"/>.
    /// </summary>
    public string RenderHtml(IReadOnlyDictionary<string, string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var html = Parsed().Render(
            values,
            HtmlText,
            (name, value) => MessagePlaceholders.IsLink(name) && IsWebLink(value)
                ? $"<a href=\"{WebUtility.HtmlEncode(value)}\">{HtmlText(value)}</a>"
                : HtmlText(value));
        return EmptyBrackets().Replace(html, "");

        static string HtmlText(string text) => WebUtility.HtmlEncode(text).ReplaceLineEndings("<br>\n");

        static bool IsWebLink(string value) =>
            Uri.TryCreate(value, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttps || url.Scheme == Uri.UriSchemeHttp);
    }

    private TemplateText Parsed() => TemplateText.TryParse(Text, out var error)
        ?? throw new InvalidOperationException($"The {Kind} template for {Locale} is malformed: {error}");

    [GeneratedRegex(@" ?[(（][\s,，、]*[)）]", RegexOptions.CultureInvariant)]
    private static partial Regex EmptyBrackets();
}

/// <summary>
/// Message kinds, their placeholders, the built-in zh-CN and en texts, and the choice between a shop's
/// override and the built-in text. Adding a kind is adding one entry to <c>Definitions</c>.
/// </summary>
public static class MessageTemplates
{
    public const int MaxLength = 2000;

    private static readonly FrozenDictionary<string, KindDefinition> Definitions = new Dictionary<string, KindDefinition>
    {
        [MessageKinds.PaymentReminder] = new(
            [
                MessagePlaceholders.ShopName, MessagePlaceholders.OrderId, MessagePlaceholders.Amount,
                MessagePlaceholders.Currency, MessagePlaceholders.ItemTitle, MessagePlaceholders.PayUrl,
                MessagePlaceholders.CustomerName, MessagePlaceholders.AutoCloseAt,
            ],
            new Dictionary<string, string>
            {
                ["zh-CN"] = "亲，您在{shopName}的订单{orderId}（{itemTitle}，{amount} {currency}）还没有付款哦。点这里付款：{payUrl} 订单将于{autoCloseAt}自动关闭，喜欢就别错过啦～",
                ["en"] = "Hi from {shopName}! Your order {orderId} ({itemTitle}, {amount} {currency}) is still waiting for payment. You can pay here: {payUrl} Unpaid orders close automatically, this one at {autoCloseAt}.",
            }),
        [MessageKinds.ShippingNotice] = new(
            [
                MessagePlaceholders.ShopName, MessagePlaceholders.OrderId, MessagePlaceholders.ItemTitle,
                MessagePlaceholders.CustomerName, MessagePlaceholders.Carrier, MessagePlaceholders.TrackingNumber,
                MessagePlaceholders.TrackingUrl,
            ],
            new Dictionary<string, string>
            {
                ["zh-CN"] = "亲，您在{shopName}的订单{orderId}（{itemTitle}）已发货啦！快递：{carrier}，运单号：{trackingNumber}。查看物流：{trackingUrl}",
                ["en"] = "Good news from {shopName}: your order {orderId} ({itemTitle}) has shipped with {carrier}, tracking number {trackingNumber}. Track it here: {trackingUrl}",
            }),
        [MessageKinds.FollowUp] = new(
            [
                MessagePlaceholders.ShopName, MessagePlaceholders.OrderId, MessagePlaceholders.ItemTitle,
                MessagePlaceholders.CustomerName,
            ],
            new Dictionary<string, string>
            {
                ["zh-CN"] = "亲，您在{shopName}购买的{itemTitle}（订单{orderId}）已经签收几天了，用得还好吗？有任何问题直接回复我们，我们会尽快帮您处理～",
                ["en"] = "Hi from {shopName}! Your {itemTitle} (order {orderId}) arrived a few days ago. Is everything as it should be? If anything is not right, just reply and we will sort it out.",
            }),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Every known kind, in a stable order.</summary>
    public static IReadOnlyList<string> Kinds { get; } = [.. Definitions.Keys.Order(StringComparer.Ordinal)];

    public static bool IsKnownKind(string kind) => Definitions.ContainsKey(kind);

    /// <summary>The placeholders a template of this kind may use.</summary>
    public static IReadOnlySet<string> PlaceholdersFor(string kind) => Definition(kind).Placeholders;

    /// <summary>The built-in texts of a kind, by locale.</summary>
    public static IReadOnlyDictionary<string, string> DefaultsFor(string kind) => Definition(kind).Defaults;

    /// <summary>Every problem with a template text for this kind (empty when fine); used when shops save templates.</summary>
    public static IReadOnlyList<string> Check(string kind, string? text)
    {
        var placeholders = PlaceholdersFor(kind);
        if (string.IsNullOrWhiteSpace(text))
        {
            return ["The template text must not be empty."];
        }

        var problems = new List<string>();
        if (text.Length > MaxLength)
        {
            problems.Add($"The template text must be at most {MaxLength} characters.");
        }

        var parsed = TemplateText.TryParse(text, out var error);
        if (parsed is null)
        {
            problems.Add(error!);
            return problems;
        }

        foreach (var unknown in parsed.Placeholders.Where(p => !placeholders.Contains(p)).Distinct(StringComparer.Ordinal))
        {
            problems.Add($"Unknown placeholder {{{unknown}}}; {kind} templates can use {string.Join(", ", placeholders.Order(StringComparer.Ordinal).Select(p => "{" + p + "}"))}.");
        }

        return problems;
    }

    /// <summary>
    /// Chooses the text for a recipient: the recipient's locale (zh-CN), then its language (zh, or any
    /// zh-*), then the shop's locale and its language, then English. At each step the shop's own
    /// template wins over the built-in one. A stored override that no longer parses is passed over.
    /// </summary>
    public static MessageTemplate Resolve(string kind, string? locale, ShopSettings shop)
    {
        ArgumentNullException.ThrowIfNull(shop);
        var definition = Definition(kind);
        var overrides = shop.Templates.TryGetValue(kind, out var texts)
            ? texts.Where(t => Check(kind, t.Value).Count == 0).ToDictionary(StringComparer.OrdinalIgnoreCase)
            : new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var builtIn = definition.Defaults;

        foreach (var wanted in LocaleChain(locale, shop.Locale))
        {
            if (Find(overrides, wanted) is { } own)
            {
                return new MessageTemplate(kind, own.Key, own.Value, IsShopOverride: true);
            }

            if (Find(builtIn, wanted) is { } fallback)
            {
                return new MessageTemplate(kind, fallback.Key, fallback.Value, IsShopOverride: false);
            }
        }

        throw new InvalidOperationException($"The {kind} kind has no English template.");
    }

    /// <summary>Renders the message of this kind for a recipient's locale (see <see cref="Resolve"/>).</summary>
    public static string Render(string kind, string? locale, ShopSettings shop, IReadOnlyDictionary<string, string> values)
        => Resolve(kind, locale, shop).Render(values);

    private static KindDefinition Definition(string kind)
    {
        ArgumentNullException.ThrowIfNull(kind);
        return Definitions.TryGetValue(kind, out var definition)
            ? definition
            : throw new ArgumentException($"Unknown message kind '{kind}'.", nameof(kind));
    }

    /// <summary>Exact tags and language-only steps, in order, without repeats. Language steps are marked with a trailing '*'.</summary>
    internal static IEnumerable<string> LocaleChain(string? recipient, string shopLocale)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var tag in new[] { recipient, shopLocale, Locales.English })
        {
            if (!Locales.IsValid(tag))
            {
                continue;
            }

            var normalized = Locales.Normalize(tag!);
            if (seen.Add(normalized))
            {
                yield return normalized;
            }

            var language = Locales.LanguageOf(normalized) + "*";
            if (seen.Add(language))
            {
                yield return language;
            }
        }
    }

    /// <summary>An exact tag, or for "zh*" the bare language "zh" else the first "zh-..." tag in ordinal order.</summary>
    internal static KeyValuePair<string, T>? Find<T>(IReadOnlyDictionary<string, T> texts, string wanted)
    {
        if (!wanted.EndsWith('*'))
        {
            return texts.FirstOrDefault(t => string.Equals(t.Key, wanted, StringComparison.OrdinalIgnoreCase)) is { Key: not null } exact
                ? exact
                : null;
        }

        var language = wanted[..^1];
        return texts
            .Where(t => Locales.IsValid(t.Key) && Locales.LanguageOf(t.Key) == language)
            .OrderBy(t => t.Key.Length == language.Length ? 0 : 1)
            .ThenBy(t => t.Key, StringComparer.Ordinal)
            .Select(t => (KeyValuePair<string, T>?)t)
            .FirstOrDefault();
    }

    private sealed class KindDefinition(IEnumerable<string> placeholders, IDictionary<string, string> defaults)
    {
        public IReadOnlySet<string> Placeholders { get; } = placeholders.ToFrozenSet(StringComparer.Ordinal);

        public IReadOnlyDictionary<string, string> Defaults { get; } = defaults.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
