namespace SparkOptimizer.Model;

/// <summary>A node of a SQL physical plan with its metric values (summed over tasks, as the Spark UI shows them).</summary>
public sealed record SqlPlanNode(string NodeName, string SimpleString, IReadOnlyList<SqlPlanNode> Children, IReadOnlyList<SqlMetric> Metrics, IReadOnlyDictionary<string, string> Metadata)
{
    public IEnumerable<SqlPlanNode> DescendantsAndSelf()
    {
        var stack = new Stack<SqlPlanNode>();
        stack.Push(this);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            yield return node;
            for (var i = node.Children.Count - 1; i >= 0; i--)
            {
                stack.Push(node.Children[i]);
            }
        }
    }

    public SqlMetric? Metric(string name) => Metrics.FirstOrDefault(m => string.Equals(m.Name, name, StringComparison.OrdinalIgnoreCase));
}
