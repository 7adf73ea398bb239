using System.Text.Json;
using System.Text.Json.Serialization;
using Automation.Core.Cases;
using Automation.Core.Messaging;
using Automation.Core.Orders;
using Automation.Core.Reviews;
using Automation.Core.Shops;
using Automation.Core.Tasks;

namespace Automation.Storage.Stores;

/// <summary>JSON columns of stored entities (customer, items, shipment, shop settings, prepared messages, reviews), source-generated.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, UseStringEnumConverter = true)]
[JsonSerializable(typeof(Customer))]
[JsonSerializable(typeof(List<OrderItem>))]
[JsonSerializable(typeof(Shipment))]
[JsonSerializable(typeof(List<Shipment>))]
[JsonSerializable(typeof(List<DateTimeOffset>))]
[JsonSerializable(typeof(List<TaskEvidence>))]
[JsonSerializable(typeof(ShopSettingsInput))]
[JsonSerializable(typeof(PreparedMessage))]
[JsonSerializable(typeof(ReviewClassification))]
[JsonSerializable(typeof(ReviewReply))]
[JsonSerializable(typeof(ReviewCorrection))]
[JsonSerializable(typeof(PersonalFacts))]
[JsonSerializable(typeof(PostedReview))]
[JsonSerializable(typeof(List<CaseEvidence>))]
[JsonSerializable(typeof(ReturnTracking))]
[JsonSerializable(typeof(Dictionary<string, string>))]
[JsonSerializable(typeof(List<PlatformEventOutcome>))]
[JsonSerializable(typeof(Dictionary<string, string[]>))]
internal sealed partial class StoreJsonContext : JsonSerializerContext;
