using System.Globalization;
using System.Text;
using Azure;

namespace Automation.Storage.Tables;

/// <summary>
/// The <c>$batch</c> wire format of an entity group transaction: a multipart/mixed body with one changeset
/// (CRLF line ends, one-line JSON bodies, absolute path-style sub-request URLs), and its response parser.
/// </summary>
internal static class TableTransactionBatch
{
    public const int MaxActions = 100;
    public const int MaxBodyBytes = 4 * 1024 * 1024;

    /// <summary>Checks what the service would reject (or, in Azurite's case, wrongly accept) before any request.</summary>
    public static List<TableTransactionAction> Validate(IEnumerable<TableTransactionAction> actions)
    {
        ArgumentNullException.ThrowIfNull(actions);
        var list = actions.ToList();
        if (list.Count is 0 or > MaxActions)
        {
            throw new ArgumentException($"A transaction holds 1 to {MaxActions} actions, not {list.Count}.", nameof(actions));
        }

        var rowKeys = new HashSet<string>(StringComparer.Ordinal);
        var partitionKey = list[0]?.Entity?.PartitionKey;
        for (var i = 0; i < list.Count; i++)
        {
            var action = list[i] ?? throw new ArgumentException($"Transaction action {i} is null.", nameof(actions));
            var entity = action.Entity ?? throw new ArgumentException($"Transaction action {i} has no entity.", nameof(actions));
            if (!Enum.IsDefined(action.ActionType))
            {
                throw new ArgumentException($"Transaction action {i} has the unknown type {action.ActionType}.", nameof(actions));
            }

            TableNames.ValidateKey(entity.PartitionKey, "PartitionKey");
            TableNames.ValidateKey(entity.RowKey, "RowKey");
            if (!string.Equals(entity.PartitionKey, partitionKey, StringComparison.Ordinal))
            {
                throw new ArgumentException(
                    $"All actions of a transaction must share one PartitionKey; action {i} has a different one than action 0.", nameof(actions));
            }

            if (!rowKeys.Add(entity.RowKey))
            {
                throw new ArgumentException(
                    $"An entity may appear only once in a transaction; action {i} repeats the RowKey of an earlier action.", nameof(actions));
            }
        }

        return list;
    }

    public static byte[] Build(
        IReadOnlyList<TableTransactionAction> actions, string tableUrl, Func<TableEntity, string> entityUrl, string batchBoundary, string changesetBoundary)
    {
        var body = new StringBuilder(512 * actions.Count);
        body.Append("--").Append(batchBoundary).Append("\r\n")
            .Append("Content-Type: multipart/mixed; boundary=").Append(changesetBoundary).Append("\r\n")
            .Append("\r\n");

        foreach (var action in actions)
        {
            var (method, url, withBody, ifMatch) = action.ActionType switch
            {
                TableTransactionActionType.Add => ("POST", tableUrl, true, (string?)null),
                TableTransactionActionType.UpdateMerge => ("MERGE", entityUrl(action.Entity), true, IfMatch(action.ETag)),
                TableTransactionActionType.UpdateReplace => ("PUT", entityUrl(action.Entity), true, IfMatch(action.ETag)),
                TableTransactionActionType.UpsertMerge => ("MERGE", entityUrl(action.Entity), true, null),
                TableTransactionActionType.UpsertReplace => ("PUT", entityUrl(action.Entity), true, null),
                TableTransactionActionType.Delete => ("DELETE", entityUrl(action.Entity), false, IfMatch(action.ETag)),
                _ => throw new ArgumentOutOfRangeException(nameof(actions)),
            };

            body.Append("--").Append(changesetBoundary).Append("\r\n")
                .Append("Content-Type: application/http\r\n")
                .Append("Content-Transfer-Encoding: binary\r\n")
                .Append("\r\n")
                .Append(method).Append(' ').Append(url).Append(" HTTP/1.1\r\n")
                .Append("Accept: ").Append(TableClient.AcceptHeader).Append("\r\n")
                .Append("DataServiceVersion: 3.0;\r\n");
            if (withBody)
            {
                body.Append("Content-Type: application/json\r\n");
            }

            if (method == "POST")
            {
                body.Append("Prefer: return-no-content\r\n");
            }

            if (ifMatch is not null)
            {
                body.Append("If-Match: ").Append(ifMatch).Append("\r\n");
            }

            body.Append("\r\n");
            if (withBody)
            {
                // Utf8JsonWriter never indents by default: Azurite's batch parser needs one-line bodies.
                body.Append(Encoding.UTF8.GetString(TableEntityJson.Serialize(action.Entity)));
            }

            body.Append("\r\n");
        }

        body.Append("--").Append(changesetBoundary).Append("--\r\n")
            .Append("--").Append(batchBoundary).Append("--\r\n");
        var bytes = Encoding.UTF8.GetBytes(body.ToString());
        return bytes.Length <= MaxBodyBytes
            ? bytes
            : throw new ArgumentException($"The transaction is {bytes.Length} bytes; the service accepts at most 4 MiB.", nameof(actions));
    }

    private static string IfMatch(ETag etag) => etag == default ? "*" : etag.ToString();

    /// <summary>One sub-response of a batch response.</summary>
    internal sealed record SubResponse(int Status, string Reason, IReadOnlyDictionary<string, string> Headers, string Body);

    /// <summary>
    /// Finds every <c>HTTP/1.1 nnn</c> sub-response in a batch response body. Boundaries are not assumed to sit at
    /// fixed places (Azurite's general errors add a stray boundary line), only that no body line starts with <c>--</c>.
    /// </summary>
    public static List<SubResponse> Parse(string body)
    {
        var lines = body.Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
        var responses = new List<SubResponse>();
        for (var i = 0; i < lines.Length; i++)
        {
            if (!lines[i].StartsWith("HTTP/1.1 ", StringComparison.Ordinal))
            {
                continue;
            }

            var statusLine = lines[i]["HTTP/1.1 ".Length..];
            var space = statusLine.IndexOf(' ', StringComparison.Ordinal);
            var status = int.Parse(space < 0 ? statusLine : statusLine[..space], NumberStyles.None, CultureInfo.InvariantCulture);
            var reason = space < 0 ? string.Empty : statusLine[(space + 1)..];

            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            for (i++; i < lines.Length && lines[i].Length > 0; i++)
            {
                var colon = lines[i].IndexOf(':', StringComparison.Ordinal);
                if (colon > 0)
                {
                    headers[lines[i][..colon].Trim()] = lines[i][(colon + 1)..].Trim();
                }
            }

            var content = new StringBuilder();
            for (i++; i < lines.Length && !lines[i].StartsWith("--", StringComparison.Ordinal); i++)
            {
                content.Append(lines[i]).Append('\n');
            }

            i--;
            responses.Add(new SubResponse(status, reason, headers, content.ToString().Trim()));
        }

        return responses;
    }

    /// <summary>The boundary parameter of a multipart Content-Type header.</summary>
    public static string? BoundaryOf(string? contentType)
    {
        if (contentType is null)
        {
            return null;
        }

        foreach (var parameter in contentType.Split(';', StringSplitOptions.TrimEntries))
        {
            if (parameter.StartsWith("boundary=", StringComparison.OrdinalIgnoreCase))
            {
                return parameter["boundary=".Length..].Trim('"');
            }
        }

        return null;
    }

    /// <summary>Reads the 0-based failing index from a service message of the form <c>N:message</c>.</summary>
    public static int? FailedIndexOf(string? message)
    {
        if (string.IsNullOrEmpty(message))
        {
            return null;
        }

        var colon = message.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 && int.TryParse(message.AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            ? index
            : null;
    }
}
