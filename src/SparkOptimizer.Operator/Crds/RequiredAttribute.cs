namespace SparkOptimizer.Operator.Crds;

/// <summary>The property is listed in its object's <c>required</c>.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class RequiredAttribute : Attribute;
