using Azure;

namespace Automation.Storage.Tables;

/// <summary>The kind of one operation in an entity group transaction.</summary>
public enum TableTransactionActionType
{
    Add,
    UpdateMerge,
    UpdateReplace,
    UpsertMerge,
    UpsertReplace,
    Delete,
}

/// <summary>
/// One operation in an entity group transaction. <paramref name="ETag"/> is the If-Match value for
/// updates and deletes (default = <c>*</c>, unconditional); it is ignored for adds and upserts.
/// </summary>
public sealed record TableTransactionAction(TableTransactionActionType ActionType, TableEntity Entity, ETag ETag = default);
