namespace SparkOptimizer.Publishing.Manifests;

/// <summary>The edited manifest text and the list of values that changed (empty when the manifest already had them).</summary>
public sealed record ManifestEditResult(string Text, IReadOnlyList<AppliedEdit> Edits)
{
    public bool Changed => Edits.Count > 0;
}
