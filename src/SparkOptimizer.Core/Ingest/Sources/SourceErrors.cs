namespace SparkOptimizer.Ingest.Sources;

/// <summary>Builds the errors of remote sources: they name the URI, say what went wrong, and never carry a secret.</summary>
internal static class SourceErrors
{
    public static EventLogFormatException Fail(string display, string problem, IEnumerable<string?> secrets, Exception? inner = null) =>
        new(display, Scrub(problem, secrets), null, inner is null ? null : new SourceFailure(Scrub(inner.GetType().Name + ": " + inner.Message, secrets)));

    public static string Scrub(string text, IEnumerable<string?> secrets)
    {
        foreach (var secret in secrets)
        {
            if (!string.IsNullOrEmpty(secret) && secret.Length >= 4)
            {
                text = text.Replace(secret, "***", StringComparison.Ordinal);
            }
        }

        return text;
    }

    /// <summary>The SDK's exception, reduced to its scrubbed text (the original can hold request headers).</summary>
    private sealed class SourceFailure(string message) : Exception(message);
}
