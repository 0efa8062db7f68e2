namespace SparkOptimizer.Dashboard.Tests;

/// <summary>The HTTP and browser tests share one served dashboard (analysis of the logs happens once).</summary>
[CollectionDefinition(Name)]
public sealed class DashboardCollection : ICollectionFixture<DashboardFixture>
{
    public const string Name = "dashboard";
}
