namespace SparkOptimizer.Tests.Mcp;

/// <summary>One `serve` process-in-test shared by the HTTP MCP tests.</summary>
[CollectionDefinition(Name)]
public sealed class ServeMcpCollection : ICollectionFixture<ServeMcpFixture>
{
    public const string Name = "serve mcp over http";
}
