namespace SparkOptimizer.Operator.Crds;

/// <summary>A short name for kubectl (<c>kubectl get sparkopt</c>).</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true)]
public sealed class ShortNameAttribute(string name) : Attribute
{
    public string Name { get; } = name;
}
