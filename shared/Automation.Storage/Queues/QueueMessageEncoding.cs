namespace Automation.Storage.Queues;

/// <summary>How message text is put on the wire.</summary>
public enum QueueMessageEncoding
{
    /// <summary>Base64 of the UTF-8 bytes: what the Azure Functions queue trigger expects by default.</summary>
    Base64,

    /// <summary>The text as is (XML-escaped); for consumers configured with <c>messageEncoding: none</c>.</summary>
    None,
}
