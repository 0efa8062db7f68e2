namespace SparkOptimizer.Operator.Startup;

/// <summary>
/// A setting that stops the operator from starting: which setting, what is wrong with it, and how to fix it. Program prints
/// <see cref="Exception.Message"/> as one line, never a stack trace.
/// </summary>
public sealed class StartupException : InvalidOperationException
{
    public StartupException(string setting, string problem, string fix, Exception? inner = null)
        : base($"{setting}: {problem}. Fix: {fix}", inner)
    {
        Setting = setting;
        Problem = problem;
        Fix = fix;
    }

    public string Setting { get; }

    public string Problem { get; }

    public string Fix { get; }
}
