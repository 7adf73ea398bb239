using Azure.Data.Tables;
using Azure.Storage.Queues;

namespace Automation.Storage;

/// <summary>The storage REST service versions the app and the development host speak. One place, on purpose.</summary>
public static class StorageServiceVersions
{
    /// <summary>
    /// Azure.Storage.Queues 12.28.1 defaults to 2026-10-06, which Azurite 3.35 refuses (it knows versions up to
    /// 2025-11-05; later Azurite releases need Node 21 or newer, and the project runs on Node 20). Azure accepts
    /// 2025-11-05 too, so pinning it keeps the code that runs locally the code that runs in Azure.
    /// Move it forward together with Azurite.
    /// </summary>
    public const QueueClientOptions.ServiceVersion Queues = QueueClientOptions.ServiceVersion.V2025_11_05;

    /// <summary>
    /// Azure.Data.Tables 12.13.0 knows only 2019-02-02 and 2020-12-06, and defaults to the latter, which Azure and
    /// every Azurite since 3.15 accept. Pinned here anyway, so that a package update cannot move it past Azurite
    /// the way the queue client's default did.
    /// </summary>
    public const TableClientOptions.ServiceVersion Tables = TableClientOptions.ServiceVersion.V2020_12_06;
}
