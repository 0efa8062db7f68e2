using SparkOptimizer.Operator;
using SparkOptimizer.Operator.Engine;
using SparkOptimizer.Operator.Rbac;

namespace SparkOptimizer.Tests.Rbac;

public sealed class OperatorPermissionsTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void For_OperatorAndEngineOptions_GrantsTheJobRulesExactlyWhenJobsAreEnabled(bool jobs)
    {
        var options = new OperatorOptions();
        var engine = new EngineOptions();
        engine.Jobs.Enabled = jobs;

        var rules = OperatorPermissions.For(options, engine);

        rules.Should().Equal(OperatorPermissions.For(options.Watch.Kubeflow, options.Watch.Apache, options.LeaderElection.Enabled, analysisJobs: jobs, nodeLabels: engine.ReadNodeLabels));
        rules.Should().Contain(OperatorPermissions.NodeLabels, "node types are read by default");
        if (jobs)
        {
            rules.Should().Contain(OperatorPermissions.AnalysisJobs);
        }
        else
        {
            rules.Should().NotContain(OperatorPermissions.AnalysisJobs);
        }
    }
}
