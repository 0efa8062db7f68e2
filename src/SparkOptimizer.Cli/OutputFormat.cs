namespace SparkOptimizer.Cli;

public enum OutputFormat
{
    Text,
    Json,
    Markdown,
}
