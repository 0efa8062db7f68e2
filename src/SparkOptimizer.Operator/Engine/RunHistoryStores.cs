using SparkOptimizer.History;

namespace SparkOptimizer.Operator.Engine;

/// <summary>Opens the configured run-history store at start (migrations applied); a configured store that cannot be opened stops the start.</summary>
public static class RunHistoryStores
{
    public static IRunHistoryStore? Open(HistoryOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        switch (options.Provider.Trim().ToLowerInvariant())
        {
            case "" or "none":
                return null;
            case "sqlite":
                return SqliteRunHistoryStore.OpenAsync(options.SqlitePath, time).GetAwaiter().GetResult();
            case "postgres" or "postgresql":
                var connection = Environment.GetEnvironmentVariable(HistoryOptions.ConnectionStringVariable);
                if (string.IsNullOrWhiteSpace(connection))
                {
                    throw new Startup.StartupException(HistoryOptions.ConnectionStringVariable, $"Engine:History:Provider is postgres but {HistoryOptions.ConnectionStringVariable} is not set",
                        "set it to the PostgreSQL connection string (the chart fills it from the Secret in history.postgres.existingSecret), or set Engine:History:Provider to sqlite");
                }

                return PostgresRunHistoryStore.OpenAsync(connection, time).GetAwaiter().GetResult();
            default:
                throw new Startup.StartupException("Engine:History:Provider", $"'{options.Provider}' is not one of none, sqlite, postgres",
                    "set Engine:History:Provider (chart history.provider) to none, sqlite or postgres");
        }
    }
}
