namespace Automation.Functions.Tests.Hosting;

/// <summary>Bodies exactly as the Functions host sends them (shared/reference/functions-custom-handler.md, golden examples).</summary>
internal static class GoldenPayloads
{
    /// <summary>G1: a monitored timer.</summary>
    public static string Timer(string functionName) => """
        {"Data":{"myTimer":{"Schedule":{"AdjustForDST":true},"ScheduleStatus":{"Last":"2025-01-01T09:55:00+00:00","Next":"2025-01-01T10:00:00+00:00","LastUpdated":"2025-01-01T09:55:00+00:00"},"IsPastDue":false}},
         "Metadata":{"sys":{"MethodName":"@FN@","UtcNow":"2025-01-01T10:00:00.0123456Z","RandGuid":"1b9c6f4e-6a53-4a36-9a0e-2f1f6c1d2e3f"}}}
        """.Replace("@FN@", functionName, StringComparison.Ordinal);

    /// <summary>G1 variant: <c>useMonitor: false</c>.</summary>
    public static string TimerWithoutMonitor(string functionName) => """
        {"Data":{"myTimer":{"Schedule":{"AdjustForDST":true},"ScheduleStatus":null,"IsPastDue":true}},
         "Metadata":{"sys":{"MethodName":"@FN@","UtcNow":"2025-01-01T10:00:00.0123456Z","RandGuid":"1b9c6f4e-6a53-4a36-9a0e-2f1f6c1d2e3f"}}}
        """.Replace("@FN@", functionName, StringComparison.Ordinal);

    /// <summary>First run of a monitored timer: no status stored yet.</summary>
    public static string TimerFirstRun(string functionName) => """
        {"Data":{"myTimer":{"Schedule":{"AdjustForDST":true},"ScheduleStatus":{"Last":"0001-01-01T00:00:00","Next":"2025-01-01T10:00:00+00:00","LastUpdated":"0001-01-01T00:00:00"},"IsPastDue":false}},
         "Metadata":{"sys":{"MethodName":"@FN@","UtcNow":"2025-01-01T10:00:00.0123456Z","RandGuid":"1b9c6f4e-6a53-4a36-9a0e-2f1f6c1d2e3f"}}}
        """.Replace("@FN@", functionName, StringComparison.Ordinal);

    /// <summary>G2: message text <c>hello world</c>, double-encoded, DequeueCount a string.</summary>
    public static string QueueText(string functionName, string dequeueCount = "1") => """
        {"Data":{"myQueueItem":"\"hello world\""},
         "Metadata":{"DequeueCount":"@DC@","ExpirationTime":"2025-01-08T10:00:00+00:00","Id":"\"3f2b8c1e-0d4a-4e5f-9a7b-1c2d3e4f5a6b\"",
          "InsertionTime":"2025-01-01T10:00:00+00:00","NextVisibleTime":"2025-01-01T10:10:00+00:00","PopReceipt":"\"AgAAAAMAAAAAAAAA\"",
          "sys":{"MethodName":"@FN@","UtcNow":"2025-01-01T10:00:01.5Z","RandGuid":"0e0c2a6e-5a57-4d43-8f55-7d2f0a7b6c11"}}}
        """.Replace("@FN@", functionName, StringComparison.Ordinal).Replace("@DC@", dequeueCount, StringComparison.Ordinal);

    /// <summary>G3: a JSON message, double-encoded, with its top-level properties copied into Metadata.</summary>
    public static string QueueJson(string functionName) => """
        {"Data":{"myQueueItem":"\"{\\\"orderId\\\":42,\\\"customer\\\":{\\\"id\\\":\\\"c1\\\"}}\""},
         "Metadata":{"orderId":"\"42\"","customer":{"id":"c1"},"DequeueCount":"1","ExpirationTime":"2025-01-08T10:00:00+00:00","Id":"\"3f2b8c1e-0d4a-4e5f-9a7b-1c2d3e4f5a6b\"",
          "InsertionTime":"2025-01-01T10:00:00+00:00","NextVisibleTime":"2025-01-01T10:10:00+00:00","PopReceipt":"\"AgAAAAMAAAAAAAAA\"",
          "sys":{"MethodName":"@FN@","UtcNow":"2025-01-01T10:00:01.5Z","RandGuid":"0e0c2a6e-5a57-4d43-8f55-7d2f0a7b6c11"}}}
        """.Replace("@FN@", functionName, StringComparison.Ordinal);

    /// <summary>The shape the public docs show: plain string, numeric DequeueCount, plain Id.</summary>
    public static string QueueDocsShape(string functionName) => """
        {"Data":{"myQueueItem":"hello queue 1"},
         "Metadata":{"DequeueCount":1,"ExpirationTime":"2019-10-16T17:58:31+00:00","Id":"fa68ee6e-7298-4e0a-9fb9-1b1f9d9c4f43",
          "InsertionTime":"2019-10-09T17:58:31+00:00","NextVisibleTime":"2019-10-09T18:08:32+00:00","PopReceipt":"AgAAAAMAAAAAAAAAAgtnj8x+1QE=",
          "sys":{"MethodName":"@FN@","UtcNow":"2019-10-09T17:58:32.2205399Z","RandGuid":"24ad4c06-24ad-4e5b-8294-3da9714877e9"}}}
        """.Replace("@FN@", functionName, StringComparison.Ordinal);
}
