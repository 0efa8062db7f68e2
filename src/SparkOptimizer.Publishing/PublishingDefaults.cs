namespace SparkOptimizer.Publishing;

/// <summary>Defaults of the publishing side, named in one place.</summary>
public static class PublishingDefaults
{
    public const string BranchPrefix = "sparkoptimizer/";
    public const string Label = "spark-optimizer";
    public const string FingerprintTrailer = "Spark-Optimizer-Fingerprint";
    public const string MetadataMarker = "sparkoptimizer:";
    public const string AuthorName = "spark-optimizer[bot]";
    public const string AuthorEmail = "spark-optimizer@users.noreply.github.com";
    public const string DefaultNamespace = "default";
}
