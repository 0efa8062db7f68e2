namespace SparkOptimizer.Analysis;

/// <summary>A join or aggregate of a SQL plan and the keys it shuffles on, read from the node's simpleString.</summary>
public sealed record PlanKey(long ExecutionId, string Operator, IReadOnlyList<string> Keys, string SimpleString)
{
    public bool IsJoin => Operator.Contains("Join", StringComparison.Ordinal);

    public string KeyText => string.Join(", ", Keys);
}
