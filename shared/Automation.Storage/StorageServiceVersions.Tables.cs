using Azure.Data.Tables;

namespace Automation.Storage;

public static partial class StorageServiceVersions
{
    /// <summary>
    /// Azure.Data.Tables 12.13.0 knows only 2019-02-02 and 2020-12-06, and defaults to the latter, which Azure and
    /// every Azurite since 3.15 accept. Pinned here anyway, so that a package update cannot move it past Azurite
    /// the way the queue client's default did.
    /// </summary>
    public const TableClientOptions.ServiceVersion Tables = TableClientOptions.ServiceVersion.V2020_12_06;
}
