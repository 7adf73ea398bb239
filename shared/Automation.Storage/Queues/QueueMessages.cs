namespace Automation.Storage.Queues;

/// <summary>A received message: lease it with <see cref="PopReceipt"/> until <see cref="NextVisibleOn"/>.</summary>
/// <param name="MessageText">The decoded text (per the client's <see cref="QueueMessageEncoding"/>).</param>
public sealed record QueueMessage(
    string MessageId,
    string PopReceipt,
    string MessageText,
    long DequeueCount,
    DateTimeOffset? InsertedOn,
    DateTimeOffset? ExpiresOn,
    DateTimeOffset? NextVisibleOn);

/// <summary>A message seen without leasing it.</summary>
public sealed record PeekedMessage(
    string MessageId,
    string MessageText,
    long DequeueCount,
    DateTimeOffset? InsertedOn,
    DateTimeOffset? ExpiresOn);

/// <summary>What the service answered to a put. <see cref="ExpiresOn"/> is 9999-12-31 for messages that never expire.</summary>
public sealed record SendReceipt(
    string MessageId,
    string PopReceipt,
    DateTimeOffset InsertedOn,
    DateTimeOffset ExpiresOn,
    DateTimeOffset NextVisibleOn);

/// <summary>What the service answered to an update: use the new <see cref="PopReceipt"/> from now on.</summary>
public sealed record UpdateReceipt(string PopReceipt, DateTimeOffset NextVisibleOn);
