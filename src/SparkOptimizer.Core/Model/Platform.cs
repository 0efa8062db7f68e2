namespace SparkOptimizer.Model;

public enum Platform
{
    Unknown,
    Local,
    Standalone,
    Yarn,
    Kubernetes,
    Emr,
    Databricks,
    Dataproc,
}
