namespace SparkOptimizer.Trust;

/// <summary>Whose fault a failed run was: the platform (never tunes conf) or the application (memory, tasks).</summary>
public enum RunFailureClass
{
    None,
    Infrastructure,
    Application,
}
