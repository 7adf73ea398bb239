namespace Automation.Storage.Tables;

/// <summary>How an update or upsert treats properties the request does not carry.</summary>
public enum TableUpdateMode
{
    /// <summary>Keep them (MERGE).</summary>
    Merge,

    /// <summary>Drop them: the entity becomes exactly what was sent (PUT).</summary>
    Replace,
}
