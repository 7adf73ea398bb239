using Automation.Testing;

namespace Automation.Functions.Tests.Features;

[CollectionDefinition("Azurite")]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>;
