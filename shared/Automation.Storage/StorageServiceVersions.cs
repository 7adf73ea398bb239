using Azure.Storage.Queues;

namespace Automation.Storage;

/// <summary>
/// The storage REST service versions the app and the development host speak. One place, on purpose: the development
/// host compiles this file in (it needs only the queue version), the table version is in StorageServiceVersions.Tables.cs.
/// </summary>
public static partial class StorageServiceVersions
{
    /// <summary>
    /// Azure.Storage.Queues 12.28.1 defaults to 2026-10-06, which Azurite 3.35 refuses (it knows versions up to
    /// 2025-11-05; later Azurite releases need Node 21 or newer, and the project runs on Node 20). Azure accepts
    /// 2025-11-05 too, so pinning it keeps the code that runs locally the code that runs in Azure.
    /// Move it forward together with Azurite.
    /// </summary>
    public const QueueClientOptions.ServiceVersion Queues = QueueClientOptions.ServiceVersion.V2025_11_05;
}
