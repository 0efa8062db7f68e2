namespace SparkOptimizer.Tests.Mcp;

/// <summary>One server process shared by every MCP test class.</summary>
[CollectionDefinition(Name)]
public sealed class McpCollection : ICollectionFixture<McpServerFixture>
{
    public const string Name = "mcp server";
}
