using System.Text.Json;
using System.Text.Json.Serialization;
using Automation.Core.Messaging;
using Automation.Core.Orders;
using Automation.Core.Security;
using Automation.Core.Shops;
using Automation.Core.Tasks;
using Automation.Functions.Features.Access;
using Automation.Functions.Features.Cases;
using Automation.Functions.Features.Customers;
using Automation.Functions.Features.Messaging;
using Automation.Functions.Features.Orders;
using Automation.Functions.Features.Platforms;
using Automation.Functions.Features.Reports;
using Automation.Functions.Features.Reviews;
using Automation.Functions.Features.Shops;
using Automation.Functions.Features.Sweep;
using Automation.Functions.Features.Tasks;

namespace Automation.Functions.Features.Http;

/// <summary>The API's JSON, source-generated: request inputs, views and the outbound message payloads.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(ShopSettingsInput))]
[JsonSerializable(typeof(ShopView))]
[JsonSerializable(typeof(OrderEventInput))]
[JsonSerializable(typeof(EventAccepted))]
[JsonSerializable(typeof(OrderDetails))]
[JsonSerializable(typeof(OutboundMessageRef))]
[JsonSerializable(typeof(OutgoingMessage))]
[JsonSerializable(typeof(ApiKeyIssueInput))]
[JsonSerializable(typeof(ApiKeyRotateInput))]
[JsonSerializable(typeof(ApiKeyList))]
[JsonSerializable(typeof(IssuedKeyView))]
[JsonSerializable(typeof(CustomerOptOutView))]
[JsonSerializable(typeof(CustomerErasureView))]
[JsonSerializable(typeof(TaskList))]
[JsonSerializable(typeof(TaskView))]
[JsonSerializable(typeof(TaskDoneInput))]
[JsonSerializable(typeof(HandoverInput))]
[JsonSerializable(typeof(ReviewReplyApprovalInput))]
[JsonSerializable(typeof(ReviewReadingInput))]
[JsonSerializable(typeof(ReviewPhraseList))]
[JsonSerializable(typeof(ReviewDetails))]
[JsonSerializable(typeof(ReportView))]
[JsonSerializable(typeof(SweepRunResult))]
[JsonSerializable(typeof(EscalationRunResult))]
[JsonSerializable(typeof(CaseList))]
[JsonSerializable(typeof(PlatformDeliveryAnswer))]
[JsonSerializable(typeof(FailedDeliveries))]
internal sealed partial class ApiJsonContext : JsonSerializerContext;
