namespace SparkOptimizer.Ingest.Following;

/// <summary>Why following stopped.</summary>
public enum FollowOutcome
{
    /// <summary>The application end event arrived.</summary>
    ApplicationEnded,

    /// <summary>The timeout passed or the caller cancelled (Ctrl-C) first.</summary>
    Stopped,
}
