namespace SparkOptimizer.Cli;

/// <summary>Every exit code the CLI returns, in one place: pipelines gate on these.</summary>
public static class ExitCodes
{
    /// <summary>Read and analysed (warnings allowed).</summary>
    public const int Ok = 0;

    /// <summary>Nothing readable: no input yielded an application.</summary>
    public const int NothingReadable = 1;

    /// <summary>Wrong usage: unknown option, missing argument, bad value.</summary>
    public const int Usage = 2;

    /// <summary>A finding reached the --fail-on severity.</summary>
    public const int FailOnThreshold = 3;

    /// <summary>The report was written but the --history store could not be (bad path, locked or corrupt file).</summary>
    public const int HistoryUnwritable = 4;

    /// <summary>The report was written, but at least one input could not be read; the report lists them with the reason.</summary>
    public const int SomeInputsUnreadable = 5;
}
