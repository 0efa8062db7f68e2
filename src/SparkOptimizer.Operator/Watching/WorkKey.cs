namespace SparkOptimizer.Operator.Watching;

/// <summary>What the work queue holds: which controller, and the object's namespace and name.</summary>
public readonly record struct WorkKey(string Controller, string Namespace, string Name)
{
    public override string ToString() => $"{Controller}:{Namespace}/{Name}";
}
