namespace SparkOptimizer.Tests.Mcp;

/// <summary>One `mcp --history FILE` server process shared by the run-history MCP tests.</summary>
[CollectionDefinition(Name)]
public sealed class McpHistoryCollection : ICollectionFixture<McpHistoryServerFixture>
{
    public const string Name = "mcp server with a run history";
}
