namespace SparkOptimizer.Operator.Entities.Kubeflow;

/// <summary>Kubeflow's ApplicationStateType values (api/v1beta2) that the optimizer acts on.</summary>
public static class KubeflowApplicationStates
{
    public const string Completed = "COMPLETED";
    public const string Failed = "FAILED";
    public const string SubmissionFailed = "SUBMISSION_FAILED";

    /// <summary>Finished runs that carry an event log worth analysing.</summary>
    public static bool IsAnalysable(string? state) => state is Completed or Failed;

    /// <summary>The run never got to execute Spark code: report it, never tune from it.</summary>
    public static bool IsInfrastructureFailure(string? state) => state is SubmissionFailed;
}
