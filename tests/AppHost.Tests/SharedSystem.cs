namespace GridAspire.AppHost.Tests;

/// <summary>One running system shared by every test class that needs it (it takes a minute to start).</summary>
[CollectionDefinition(Name)]
public sealed class SharedSystem : ICollectionFixture<RunningSystem>
{
    public const string Name = "running system";
}
