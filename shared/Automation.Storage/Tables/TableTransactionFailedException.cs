using Azure;

namespace Automation.Storage.Tables;

/// <summary>
/// An entity group transaction was rejected; nothing in it was written. <see cref="RequestFailedException.Status"/>
/// and <see cref="RequestFailedException.ErrorCode"/> are those of the failing operation.
/// </summary>
public sealed class TableTransactionFailedException : RequestFailedException
{
    public TableTransactionFailedException(int status, string message, string? errorCode, int? failedIndex, TableTransactionAction? failedAction)
        : base(status, message, errorCode, null)
    {
        FailedIndex = failedIndex;
        FailedAction = failedAction;
    }

    /// <summary>The 0-based index of the failing action, when the service reported it.</summary>
    public int? FailedIndex { get; }

    /// <summary>The failing action, when <see cref="FailedIndex"/> is known.</summary>
    public TableTransactionAction? FailedAction { get; }
}
