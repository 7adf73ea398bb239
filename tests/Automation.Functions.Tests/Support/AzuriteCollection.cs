using Automation.Testing;

namespace Automation.Functions.Tests.Support;

/// <summary>One Azurite (in memory, free loopback ports) shared by the storage-dependent tests of this project.</summary>
[CollectionDefinition("Azurite")]
public class AzuriteCollection : ICollectionFixture<AzuriteFixture>;
