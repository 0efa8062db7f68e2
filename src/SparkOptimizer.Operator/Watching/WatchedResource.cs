namespace SparkOptimizer.Operator.Watching;

/// <summary>A kind the operator lists and watches: its API coordinates and the controller its events go to.</summary>
public sealed record WatchedResource(string Group, string Version, string Plural, string Controller)
{
    public override string ToString() => $"{Plural}.{Group}/{Version}";
}
