using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Automation.Functions.Tests.Support;
using Automation.Testing;
using CsCheck;
using Xunit.Abstractions;

namespace Automation.Functions.Tests.Features;

/// <summary>
/// Thousands of generated JSON documents (valid-ish, mutated and hostile) sent through the real worker to the signed
/// webhook and to the settings PUT: whatever a client sends, the answer is never a 5xx. Counts by status are printed.
/// A failure prints CsCheck's seed; set the environment variable CsCheck_Seed to it to replay the same inputs.
/// </summary>
[Collection("Azurite")]
public sealed class GeneratedInputTests(AzuriteFixture azurite, ITestOutputHelper output) : IAsyncLifetime
{
    private const int EventInputs = 1500;
    private const int SettingsInputs = 1000;
    private const int Threads = 4;

    private ProductHost _host = null!;
    private readonly string _shopId = "fuzz-" + Guid.NewGuid().ToString("N")[..12];
    private readonly string _settingsShopId = "fuzz-settings-" + Guid.NewGuid().ToString("N")[..12];

    public async Task InitializeAsync()
    {
        _host = await ProductHost.StartAsync(azurite);
        Assert.Equal(HttpStatusCode.Created, (await _host.PutShopAsync(_shopId, ProductApi.Shop())).StatusCode);
    }

    public Task DisposeAsync() => _host.DisposeAsync().AsTask();

    [Fact]
    public async Task ShopEvents_GeneratedDocuments_NeverAnswer5xx()
    {
        var counts = new ConcurrentDictionary<int, int>();
        await GeneratedJson.Event.SampleAsync(
            async body =>
            {
                using var response = await _host.Client.PostSignedAsync(_shopId, Encoding.UTF8.GetBytes(body));
                Record(counts, response);
                await AssertNot5xxAsync(response, body);
            },
            writeLine: output.WriteLine,
            iter: EventInputs,
            threads: Threads,
            print: body => body.Length > 2000 ? body[..2000] + "…" : body);

        Report("POST /api/shops/{shopId}/events (signed)", counts);
        Assert.Equal(EventInputs, counts.Values.Sum());
    }

    [Fact]
    public async Task PutShop_GeneratedDocuments_NeverAnswer5xx()
    {
        var counts = new ConcurrentDictionary<int, int>();
        await GeneratedJson.Settings.SampleAsync(
            async body =>
            {
                using var request = await _host.ShopRequestAsync(
                    HttpMethod.Put, _settingsShopId, $"/api/shops/{_settingsShopId}", new StringContent(body, Encoding.UTF8, "application/json"));
                using var response = await _host.Client.SendAsync(request);
                Record(counts, response);
                await AssertNot5xxAsync(response, body);
            },
            writeLine: output.WriteLine,
            iter: SettingsInputs,
            threads: Threads,
            print: body => body.Length > 2000 ? body[..2000] + "…" : body);

        Report("PUT /api/shops/{shopId}", counts);
        Assert.Equal(SettingsInputs, counts.Values.Sum());
    }

    private static void Record(ConcurrentDictionary<int, int> counts, HttpResponseMessage response) =>
        counts.AddOrUpdate((int)response.StatusCode, 1, (_, n) => n + 1);

    private async Task AssertNot5xxAsync(HttpResponseMessage response, string body)
    {
        if ((int)response.StatusCode >= 500)
        {
            var answer = await response.Content.ReadAsStringAsync();
            throw new InvalidOperationException(
                $"{(int)response.StatusCode} for {body}{Environment.NewLine}answer: {answer}{Environment.NewLine}{_host.RecentOutput}");
        }
    }

    private void Report(string endpoint, ConcurrentDictionary<int, int> counts) =>
        output.WriteLine($"{endpoint}: {counts.Values.Sum()} inputs; "
            + string.Join(", ", counts.OrderBy(c => c.Key).Select(c => $"{c.Key}: {c.Value}")));
}

/// <summary>
/// Generators of JSON request bodies, as text. Raw tokens that a JsonNode cannot hold (numbers beyond double, lone
/// surrogates, deep nesting, invalid escapes) are placed as marker strings and substituted after serialization.
/// </summary>
internal static class GeneratedJson
{
    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly string[] RawTokens =
    [
        "1e400", "-1e400", "123456789012345678901234567890123456789", "-0", "0.0000000000000000000000000000001",
        "79228162514264337593543950336", "2147483648", "-2147483649", "9223372036854775808", "1.5", "-1",
        "\"\\ud800\"", "\"\\udfff\\ud800\"", "\"\\u0000\"", "\"a\\u202Eb\"", "\"\\uFEFF\\u200B\"", "\"\\uFFFF\"",
        new string('[', 70) + new string(']', 70), new string('[', 3000) + new string(']', 3000),
        string.Concat(Enumerable.Repeat("{\"a\":", 100)) + "1" + new string('}', 100),
        "\"" + new string('x', 100_000) + "\"",
    ];

    private static readonly string[] Dates =
    [
        "2026-11-29T16:00:00Z", "2026-11-29T16:00:00+08:00", "2026-11-29T16:00:00", "2026-11-29", "0001-01-01T00:00:00Z",
        "0001-01-01T00:00:00+14:00", "1600-12-31T23:59:59Z", "1601-01-01T00:00:00Z", "1999-12-31T23:59:59Z",
        "2099-12-31T23:59:59.9999999Z", "2100-01-01T00:00:00Z", "9999-12-31T23:59:59.9999999Z", "9999-12-31T23:59:59-14:00",
        "2026-02-30T00:00:00Z", "2026-11-29T16:00:00+99:00", "2026-11-29T25:61:61Z", "", " ", "now", "1764432000",
        "2026-11-29T16:00:00.123456789Z", "+002026-11-29T16:00:00Z", "2026-W48-7",
    ];

    private static readonly string[] Texts =
    [
        "", " ", "\t", "Li Lei", "李雷", "Ünïcödé ✓ 🎉", "\u202Eevil\u202C", "zero\u200Bwidth", "\uFEFF", "nul\u0000byte",
        "line\r\nbreak", "\uFFFE\uFFFF", "{orderId}", "{{", "}}", "{", "}", "{unknown}", "{orderId", "<script>alert(1)</script>",
        "'; DROP TABLE Orders; --", "../../etc/passwd", "A1001", "evt-1", "CNY", "cny", "zh-CN", "en", "x-klingon",
        "https://shop.example/pay", "http://127.0.0.1:7072/m", "http://169.254.169.254/", "javascript:alert(1)",
        "Asia/Shanghai", "asia/shanghai", "localtime", "Factory", "posixrules", "US/Eastern", "UTC", "Etc/GMT+5",
        "21:00", "09:00", "24:00", "PT30M", "P1D", "PT0S", "-PT1H", "P99999D", "PT1.5S", "P1Y",
        "order.created", "order.paid", "order.shipped", "order.cancelled", "review.posted", "shipment.exception",
        "customer.message", "case.opened", "case.updated", "case.closed", "refund_only", "return_refund", "exchange",
        "pending_review", "approved", "rejected", "awaiting_return", "received", "closed", "quality", "lost_parcel", "lost", "damaged", "returned_to_sender", "STOP", "退订", "顺丰", "sf-express",
        "https://track.example/{trackingNumber}", "http://track.example/{trackingNumber}", "auto", "draft", "mon", "sun",
        "18:00", "24:00", "00:00", "PT9H",
    ];

    private static readonly Gen<string> AnyText = Gen.Frequency(
        (6, Pick(Texts)),
        (3, Pick(Dates)),
        (3, Gen.String[Gen.Char.Where(c => !char.IsSurrogate(c)), 0, 40]),
        (1, Gen.String[Gen.Char.AlphaNumeric, 100, 600]));

    private static readonly Gen<JsonNode?> Scalar = Gen.Frequency(
        (5, AnyText.Select(s => (JsonNode?)JsonValue.Create(s))),
        (2, Gen.Int.Select(i => (JsonNode?)JsonValue.Create(i))),
        (1, Gen.Decimal.Select(d => (JsonNode?)JsonValue.Create(d))),
        (1, Gen.Double.Where(double.IsFinite).Select(d => (JsonNode?)JsonValue.Create(d))),
        (1, Gen.Bool.Select(b => (JsonNode?)JsonValue.Create(b))),
        (2, Gen.Const((JsonNode?)null)),
        (2, Gen.Int[0, RawTokens.Length - 1].Select(i => (JsonNode?)JsonValue.Create(Raw(i)))));

    /// <summary>Any JSON value, nested a few levels: wrong types wherever an object, list or string is expected.</summary>
    private static readonly Gen<JsonNode?> AnyValue = Gen.Recursive<JsonNode?>((depth, value) => depth >= 3
        ? Scalar
        : Gen.Frequency(
            (6, Scalar),
            (1, value.Array[0, 4].Select(items => (JsonNode?)new JsonArray(items.Select(i => i?.DeepClone()).ToArray()))),
            (1, Gen.Select(Pick(Texts), value, Pick(Texts), value,
                (k1, v1, k2, v2) => (JsonNode?)Object((k1, v1), (k2, v2))))));

    private static readonly string[] NumberTokens =
    [
        "0", "-1", "1", "2147483647", "2147483648", "-2147483649", "1e400", "-1e400", "79228162514264337593543950335",
        "79228162514264337593543950336", "0.000000000000000000000000000001", "1.5", "-0", "1E+2", "9999999999999999999999",
    ];

    /// <summary>Mostly a value of the field's own type at its edges (so that the rest of the document still passes), else anything.</summary>
    private static Gen<JsonNode?> ValueFor(string path)
    {
        var last = path[(path.LastIndexOf('.') + 1)..];
        var typed = last.EndsWith("At", StringComparison.Ordinal)
            ? Pick(Dates).Select(d => (JsonNode?)JsonValue.Create(d))
            : last is "total" or "quantity" or "price" or "maxPerOrder"
                ? Pick(NumberTokens).Select(n => (JsonNode?)JsonNode.Parse(n))
                : AnyText.Select(t => (JsonNode?)JsonValue.Create(t));
        return Gen.Frequency((3, typed), (1, AnyValue));
    }

    public static readonly Gen<string> Event = Document(
        ValidEvent,
        [
            "id", "type", "occurredAt", "order", "order.id", "order.placedAt", "order.autoCloseAt", "order.total",
            "order.currency", "order.payUrl", "order.customer", "order.customer.id", "order.customer.name",
            "order.customer.locale", "order.customer.phone", "order.customer.email", "order.items", "order.items[0]",
            "order.items[0].sku", "order.items[0].title", "order.items[0].quantity", "order.items[0].price",
            "order.shipment", "order.shipment.carrier", "order.shipment.trackingNumber", "order.shipment.trackingUrl",
            "shipment", "shipment.id", "shipment.status", "shipment.detail", "shipment.at", "customer", "customer.id",
            "message", "message.id", "message.text", "message.receivedAt",
            "case", "case.id", "case.orderId", "case.kind", "case.status", "case.reason", "case.rejectionReason",
            "case.amount", "case.currency", "case.openedAt", "case.escalated", "case.returnTracking",
            "case.returnTracking.carrier", "case.evidence", "case.evidence[0]", "case.evidence[0].type", "case.evidence[0].url",
        ]);

    public static readonly Gen<string> Settings = Document(
        ValidSettings,
        [
            "name", "timeZone", "locale", "webhookSecret", "quietHours", "quietHours.start", "quietHours.end",
            "paymentReminders", "paymentReminders.enabled", "paymentReminders.firstAfter", "paymentReminders.lastBeforeClose",
            "paymentReminders.autoCloseAfter", "paymentReminders.maxPerOrder", "customerChannel", "customerChannel.url",
            "customerChannel.secret", "templates", "templates.payment_reminder", "templates.payment_reminder.en",
            "templates.payment_reminder.zh-CN", "templates.shipping_notice.en", "shippingNotices", "shippingNotices.enabled",
            "shippingNotices.respectQuietHours", "followUps", "followUps.afterDelivery", "followUps.afterShippedWithoutDelivery",
            "contactBudget", "contactBudget.maxPerWindow", "contactBudget.window", "carriers", "carriers.sf", "optOutKeywords",
            "optOutKeywords[0]", "reviewReplies", "reviewReplies.mode", "reviewReplies.mode.positive", "reviewReplies.templates",
            "slas", "slas.firstResponse", "slas.resolution", "slas.resolution.exchange", "slas.workingHours", "slas.workingHours.opens",
            "slas.workingHours.days", "slas.dueSoon", "slas.returnWindow",
        ]);

    /// <summary>
    /// Mostly a valid document with 0 to 4 fields replaced by any value or removed; sometimes any value at all; now and
    /// then the text cut short or a byte flipped.
    /// </summary>
    private static Gen<string> Document(Func<int, JsonObject> valid, string[] paths)
    {
        var mutation = Pick(paths).SelectMany(path => Gen.Select(Gen.Int[0, 5], ValueFor(path), (how, value) => (path, remove: how == 0, value)));
        var mutated = Gen.Select(Gen.Int[0, int.MaxValue], mutation.Array[0, 4], (n, mutations) =>
        {
            var doc = valid(n);
            foreach (var (path, remove, value) in mutations)
            {
                Set(doc, path, remove, value?.DeepClone());
            }

            return Serialize(doc);
        });

        return Gen.Frequency(
            (14, mutated),
            (2, AnyValue.Select(v => v is null ? "null" : Serialize(v))),
            (1, Gen.Select(mutated, Gen.Double[0, 1], (text, cut) => text[..(int)(text.Length * cut)])),
            (1, Gen.Select(mutated, Gen.Int[0, int.MaxValue], Gen.Char.Where(c => !char.IsSurrogate(c)),
                (text, at, c) => text.Length == 0 ? text : string.Concat(text.AsSpan(0, at % text.Length), c.ToString(), text.AsSpan(at % text.Length + 1)))));
    }

    private static JsonObject ValidEvent(int n)
    {
        var now = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var types = new[] { "order.created", "order.created", "order.paid", "order.shipped", "order.cancelled", "order.closed", "shipment.exception", "customer.message", "review.posted", "case.opened", "case.updated", "case.closed" };
        var type = types[n % types.Length];
        var evt = new JsonObject
        {
            ["id"] = "evt-" + n.ToString(CultureInfo.InvariantCulture),
            ["type"] = type,
            ["occurredAt"] = now,
            ["order"] = new JsonObject
            {
                ["id"] = "G" + (n % 5000).ToString(CultureInfo.InvariantCulture),
                ["placedAt"] = now,
                ["autoCloseAt"] = null,
                ["total"] = 199.00m,
                ["currency"] = "CNY",
                ["payUrl"] = "https://shop.example/pay/G1",
                ["customer"] = new JsonObject { ["id"] = "c-9", ["name"] = "Li Lei", ["phone"] = "+86 138 0000 0000", ["email"] = "li@example.com", ["locale"] = "zh-CN" },
                ["items"] = new JsonArray(new JsonObject { ["sku"] = "HD-M", ["title"] = "Hoodie", ["quantity"] = 1, ["price"] = 199.00m }),
                ["shipment"] = new JsonObject { ["id"] = "s-1", ["carrier"] = "SF", ["trackingNumber"] = "SF123", ["trackingUrl"] = "https://sf.example/t/SF123" },
            },
        };
        if (type == "shipment.exception")
        {
            evt["shipment"] = new JsonObject { ["id"] = "s-1", ["status"] = "lost", ["detail"] = "No scan for 5 days", ["at"] = now };
        }
        else if (type == "customer.message")
        {
            evt["customer"] = new JsonObject { ["id"] = "c-9" };
            evt["message"] = new JsonObject { ["id"] = "m-" + n.ToString(CultureInfo.InvariantCulture), ["text"] = n % 3 == 0 ? "STOP" : "收到了，但是有点开线", ["receivedAt"] = now };
        }
        else if (type == "review.posted")
        {
            evt.Remove("order");
            evt["customer"] = new JsonObject { ["id"] = "c-9", ["name"] = "Li Lei", ["phone"] = "+86 138 0000 0000", ["address"] = "1 Main St" };
            evt["review"] = new JsonObject
            {
                ["id"] = "rv-" + n.ToString(CultureInfo.InvariantCulture),
                ["orderId"] = "G" + (n % 5000).ToString(CultureInfo.InvariantCulture),
                ["rating"] = 1 + (n % 5),
                ["text"] = n % 2 == 0 ? "质量很好，就是物流有点慢 👍" : "Wasn't great, the seams split. Li Lei, call me on 13800000000",
                ["postedAt"] = now,
                ["platform"] = "taobao",
                ["item"] = "Hoodie",
                ["locale"] = "zh-CN",
            };
        }
        else if (type.StartsWith("case.", StringComparison.Ordinal))
        {
            // Fifty cases, each of one kind, on the same orders as the order events, at statuses picked by n: many
            // events are impossible transitions (400), which is the point.
            var caseNumber = n % 50;
            var kind = new[] { "refund_only", "return_refund", "exchange" }[caseNumber % 3];
            var statuses = new[] { "pending_review", "approved", "awaiting_return", "received", "refunded", "rejected" };
            evt.Remove("order");
            evt["case"] = new JsonObject
            {
                ["id"] = "CS-" + caseNumber.ToString(CultureInfo.InvariantCulture),
                ["orderId"] = "G" + (n % 5000).ToString(CultureInfo.InvariantCulture),
                ["kind"] = kind,
                ["status"] = type == "case.updated" ? statuses[n % statuses.Length] : null,
                ["reason"] = n % 2 == 0 ? "quality" : "lost_parcel",
                ["rejectionReason"] = "Outside the return period.",
                ["amount"] = 59.5m,
                ["currency"] = "CNY",
                ["openedAt"] = now,
                ["escalated"] = n % 7 == 0,
                ["returnTracking"] = new JsonObject { ["carrier"] = "SF", ["trackingNumber"] = "SF9" },
                ["evidence"] = new JsonArray(new JsonObject { ["type"] = "photo", ["url"] = "https://img.example/p.jpg" }),
            };
        }

        return evt;
    }

    private static JsonObject ValidSettings(int n) => new()
    {
        ["name"] = "Fuzz Shop " + n.ToString(CultureInfo.InvariantCulture),
        ["timeZone"] = "Asia/Shanghai",
        ["locale"] = "zh-CN",
        ["webhookSecret"] = "webhook-secret-0123456789",
        ["quietHours"] = new JsonObject { ["start"] = "21:00", ["end"] = "09:00" },
        ["paymentReminders"] = new JsonObject
        {
            ["enabled"] = true, ["firstAfter"] = "PT30M", ["lastBeforeClose"] = "PT3H", ["autoCloseAfter"] = "PT24H", ["maxPerOrder"] = 2,
        },
        ["customerChannel"] = new JsonObject { ["url"] = "https://shop.example/messages", ["secret"] = ProductApi.ChannelSecret },
        ["templates"] = new JsonObject
        {
            ["payment_reminder"] = new JsonObject { ["zh-CN"] = "订单{orderId}还未付款", ["en"] = "Order {orderId} is not paid yet" },
            ["shipping_notice"] = new JsonObject { ["en"] = "Order {orderId} shipped: {trackingUrl}" },
        },
        ["shippingNotices"] = new JsonObject { ["enabled"] = true, ["respectQuietHours"] = false },
        ["followUps"] = new JsonObject { ["enabled"] = true, ["afterDelivery"] = "P3D", ["afterShippedWithoutDelivery"] = "P10D" },
        ["contactBudget"] = new JsonObject { ["maxPerWindow"] = 2, ["window"] = "PT24H" },
        ["carriers"] = new JsonObject { ["sf"] = "https://track.example/sf/{trackingNumber}" },
        ["optOutKeywords"] = new JsonArray("别再发了"),
        ["reviewReplies"] = new JsonObject { ["mode"] = new JsonObject { ["positive"] = "auto", ["negative"] = "draft" } },
        ["slas"] = new JsonObject
        {
            ["firstResponse"] = "PT5M",
            ["resolution"] = new JsonObject { ["exchange"] = "PT18H" },
            ["workingHours"] = new JsonObject { ["opens"] = "09:00", ["closes"] = "18:00", ["days"] = new JsonArray("mon", "tue", "wed", "thu", "fri") },
            ["dueSoon"] = "PT2H",
            ["returnWindow"] = "P10D",
        },
    };

    /// <summary>Sets (or removes) the field at a dotted path, creating nothing: a path through a missing or non-object parent is left alone.</summary>
    private static void Set(JsonObject doc, string path, bool remove, JsonNode? value)
    {
        var parts = path.Split('.');
        JsonNode? parent = doc;
        foreach (var part in parts[..^1])
        {
            parent = Step(parent, part);
        }

        var last = parts[^1];
        if (last.EndsWith("[0]", StringComparison.Ordinal))
        {
            if (Step(parent, last[..^3]) is JsonArray { Count: > 0 } array)
            {
                if (remove)
                {
                    array.RemoveAt(0);
                }
                else
                {
                    array[0] = value;
                }
            }
        }
        else if (parent is JsonObject obj)
        {
            if (remove)
            {
                obj.Remove(last);
            }
            else
            {
                obj[last] = value;
            }
        }

        static JsonNode? Step(JsonNode? node, string part) => part.EndsWith("[0]", StringComparison.Ordinal)
            ? node is JsonObject o && o[part[..^3]] is JsonArray { Count: > 0 } a ? a[0] : null
            : node is JsonObject o2 ? o2[part] : null;
    }

    private static JsonObject Object(params (string Key, JsonNode? Value)[] fields)
    {
        var obj = new JsonObject();
        foreach (var (key, value) in fields)
        {
            obj[key] = value?.DeepClone();
        }

        return obj;
    }

    private static Gen<T> Pick<T>(T[] values) => Gen.Int[0, values.Length - 1].Select(i => values[i]);

    private const string RawMarker = "\u0001raw:";

    private static string Raw(int index) => RawMarker + index.ToString(CultureInfo.InvariantCulture) + "\u0001";

    private static string Serialize(JsonNode node)
    {
        var text = node.ToJsonString(Relaxed);
        for (var i = 0; i < RawTokens.Length; i++)
        {
            // The serializer escapes the marker's control characters.
            text = text.Replace("\"\\u0001raw:" + i.ToString(CultureInfo.InvariantCulture) + "\\u0001\"", RawTokens[i], StringComparison.Ordinal);
        }

        return text;
    }
}
