namespace Automation.Storage.Tables;

/// <summary>Client-side checks of table names and entity keys, so bad input fails before a (billed) request.</summary>
internal static class TableNames
{
    public static void ValidateTableName(string tableName)
    {
        ArgumentNullException.ThrowIfNull(tableName);
        var valid = tableName.Length is >= 3 and <= 63
            && char.IsAsciiLetter(tableName[0])
            && tableName.All(char.IsAsciiLetterOrDigit)
            && !string.Equals(tableName, "tables", StringComparison.OrdinalIgnoreCase);
        if (!valid)
        {
            throw new ArgumentException(
                $"'{tableName}' is not a valid table name: use 3-63 ASCII letters and digits, starting with a letter ('tables' is reserved).",
                nameof(tableName));
        }
    }

    /// <summary>Keys may not contain / \ # ? or control characters (U+0000-U+001F, U+007F-U+009F).</summary>
    public static void ValidateKey(string? key, string keyName)
    {
        if (key is null)
        {
            throw new ArgumentNullException(keyName, $"The {keyName} is null.");
        }

        foreach (var c in key)
        {
            if (c is '/' or '\\' or '#' or '?' || char.IsControl(c))
            {
                throw new ArgumentException(
                    $"The {keyName} contains the character U+{(int)c:X4}; keys may not contain / \\ # ? or control characters.", keyName);
            }
        }
    }
}
