namespace SparkOptimizer.Operator.Crds;

/// <summary>An ECMA regular expression that a string property must match.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class PatternAttribute(string pattern) : Attribute
{
    public string Pattern { get; } = pattern;
}
