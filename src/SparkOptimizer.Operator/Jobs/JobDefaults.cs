namespace SparkOptimizer.Operator.Jobs;

/// <summary>Defaults and bounds of analysis Jobs, named in one place.</summary>
public static class JobDefaults
{
    /// <summary>The .NET images' non-root user and group (APP_UID), which the operator's image runs as.</summary>
    public const long AppUid = 1654;

    /// <summary>The largest request a Job's environment carries (Linux caps one variable at 128 KiB; this leaves room for the rest).</summary>
    public const int MaxRequestBytes = 100 * 1024;

    /// <summary>Lines read from the end of a finished Job's pod log to find the result (the command prints it last on stdout).</summary>
    public const int ResultTailLines = 200;

    /// <summary>Most bytes of a pod log read to find the result: a log past it is not loaded whole.</summary>
    public const int MaxResultLogBytes = 16 * 1024 * 1024;
}
