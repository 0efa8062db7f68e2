namespace SparkOptimizer.History;

/// <summary>Schema steps both stores share, written once with the dialect's types for money and floating-point columns.</summary>
internal static class SchemaSteps
{
    /// <summary>Migration 2: each run's outcome (what the trust rails read) and the proposals table (what verification reads).</summary>
    public static string OutcomesAndProposals(string moneyType, string realType) => $"""
        ALTER TABLE run_history ADD COLUMN peak_memory_bytes BIGINT;
        ALTER TABLE run_history ADD COLUMN failure_class TEXT;
        ALTER TABLE run_history ADD COLUMN memory_failure INTEGER;
        ALTER TABLE run_history ADD COLUMN succeeded INTEGER;
        ALTER TABLE run_history ADD COLUMN change_id TEXT;
        CREATE TABLE proposals (
            cohort TEXT NOT NULL,
            fingerprint TEXT NOT NULL,
            changes TEXT NOT NULL,
            edits TEXT NOT NULL,
            predicted_ms BIGINT,
            predicted_low_ms BIGINT,
            predicted_high_ms BIGINT,
            predicted_cost {moneyType},
            interval_level {realType},
            prediction_basis TEXT,
            baseline_ms BIGINT,
            baseline_input_bytes BIGINT NOT NULL,
            pull_request INTEGER,
            pull_request_url TEXT,
            status TEXT NOT NULL,
            proposed_ms BIGINT NOT NULL,
            note TEXT,
            PRIMARY KEY (cohort, fingerprint)
        );
        """;

    /// <summary>Migration 3: when a proposal's revert was opened (runs after it tell a declined revert from a pending one).</summary>
    public const string RevertTime = "ALTER TABLE proposals ADD COLUMN reverted_ms BIGINT;";
}
