using SparkOptimizer.Model;

namespace SparkOptimizer.Analysis.Analyzers;

/// <summary>
/// A Databricks job run on all-purpose (interactive) compute: the Jobs service tagged its Spark jobs
/// (spark.databricks.job.id) but the cluster was created in the workspace (clusterCreator=Webapp), so every DBU was billed
/// at the all-purpose rate instead of the jobs-compute rate, and the cluster outlives the run until its idle timeout.
/// Databricks' own guidance: use jobs compute, not all-purpose compute, for jobs. A notebook session on all-purpose
/// compute (no job tag) is what that compute is for and is left alone. Compute type and job tag come from ingest
/// (<see cref="VendorInfo.DatabricksSku"/>, <see cref="VendorInfo.DatabricksJobId"/>); the cost section prices the DBUs.
/// </summary>
public sealed class DatabricksComputeAnalyzer : IAnalyzer
{
    public string Id => "databricks-compute";

    public IEnumerable<Finding> Analyze(AnalysisContext context)
    {
        var vendor = context.Run.Vendor;
        if (vendor.Platform != Platform.Databricks || vendor.DatabricksSku != "all-purpose" || vendor.DatabricksJobId is not { } job)
        {
            yield break;
        }

        var hours = context.Facts.WallMs / 3_600_000.0;
        var why = $"Databricks job {job} ran on all-purpose compute ({vendor.DatabricksSkuSource})";
        yield return new Finding(
            "databricks-all-purpose-job", "cost", Severity.Moderate, "Job on All-Purpose Compute (Databricks)", [],
            [
                new Evidence("databricks.allPurposeJob", 1, "bool", $"{why}: spark.databricks.job.id={job} on its Spark jobs"),
                new Evidence("databricks.clusterHours", hours, "hours", $"The cluster ran {Fmt.Ms(context.Facts.WallMs)} for this run at the all-purpose DBU rate" + (vendor.DatabricksPhoton ? " (Photon DBUs)" : string.Empty)),
            ],
            "Databricks bills all-purpose compute at a higher DBU rate than jobs compute, an all-purpose cluster stays up until its idle timeout after the run, and it is often shared, so scheduled runs wait for other users' work.",
            [new Recommendation(RecommendationKind.Resource, $"Run this job on a job cluster (jobs compute: a new cluster in the job's task settings) instead of the existing all-purpose cluster: {why}")])
        {
            WhatWouldNotHelp = "Resizing the all-purpose cluster: the job still pays the all-purpose DBU rate.",
            ExpectedImprovement = "Next run: clusterCreator=JobLauncher (jobs compute) and its DBUs priced at the jobs-compute rate in the cost section",
        };
    }
}
