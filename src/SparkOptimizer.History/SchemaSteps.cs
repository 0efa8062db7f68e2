namespace SparkOptimizer.History;

/// <summary>Schema steps both stores share, written once with the dialect's types for money and floating-point columns.</summary>
internal static class SchemaSteps
{
    /// <summary>Every migration in version order, with the dialect's money and floating-point types. A new one is appended; a shipped one is never edited.</summary>
    public static IReadOnlyList<Migration> Migrations(string moneyType, string realType) =>
    [
        new(1, "run_history table", RunHistory(moneyType, realType)),
        new(2, "run outcomes and proposals", OutcomesAndProposals(moneyType, realType)),
        new(3, "proposal revert time", RevertTime),
    ];

    /// <summary>Migration 1: the runs, one row per (cohort, app id, attempt), and the index the cohort reads use.</summary>
    public static string RunHistory(string moneyType, string realType) => $"""
        CREATE TABLE run_history (
            cohort TEXT NOT NULL,
            app_id TEXT NOT NULL,
            attempt TEXT NOT NULL,
            started_ms BIGINT,
            finished_ms BIGINT,
            duration_ms BIGINT,
            configuration TEXT NOT NULL,
            executors INTEGER NOT NULL,
            cores_per_executor INTEGER NOT NULL,
            executor_memory_bytes BIGINT NOT NULL,
            shuffle_partitions INTEGER,
            input_bytes BIGINT NOT NULL,
            cost {moneyType},
            currency TEXT,
            findings_critical INTEGER NOT NULL,
            findings_severe INTEGER NOT NULL,
            findings_moderate INTEGER NOT NULL,
            findings_low INTEGER NOT NULL,
            worst_severity TEXT NOT NULL,
            worst_title TEXT,
            predicted_ms BIGINT,
            predicted_low_ms BIGINT,
            predicted_high_ms BIGINT,
            predicted_cost {moneyType},
            interval_level {realType},
            prediction_basis TEXT,
            verification_state TEXT NOT NULL,
            verified_ms BIGINT,
            verification_error_pct {realType},
            verification_note TEXT,
            PRIMARY KEY (cohort, app_id, attempt)
        );
        CREATE INDEX run_history_cohort_started ON run_history (cohort, started_ms);
        """;

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
