using Automation.Testing;

namespace Automation.DevHost.Tests;

/// <summary>Tests that need storage share one in-memory Azurite on free loopback ports.</summary>
[CollectionDefinition("Azurite")]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>;
