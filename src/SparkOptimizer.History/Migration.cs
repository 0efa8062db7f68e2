namespace SparkOptimizer.History;

/// <summary>One schema step: applied once, in version order, and recorded in schema_migrations.</summary>
internal sealed record Migration(int Version, string Description, string Sql);
