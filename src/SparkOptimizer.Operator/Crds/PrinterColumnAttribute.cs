namespace SparkOptimizer.Operator.Crds;

/// <summary>An additionalPrinterColumn of the CRD, in declaration order.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true)]
public sealed class PrinterColumnAttribute(int order, string name, string jsonPath, string type) : Attribute
{
    public int Order { get; } = order;

    public string Name { get; } = name;

    public string JsonPath { get; } = jsonPath;

    /// <summary>string, integer, number, boolean or date.</summary>
    public string Type { get; } = type;

    public string? Description { get; init; }

    public int Priority { get; init; }
}
