using SparkOptimizer.Analysis;
using SparkOptimizer.Analysis.Analyzers;
using SparkOptimizer.Model;
using SparkOptimizer.Simulation;
using SparkOptimizer.Testing;
using SparkOptimizer.Tests.Analysis;

namespace SparkOptimizer.Tests.Models;

/// <summary>Where the log lacks a setting, the run had its platform's default: analysers, the footprint and the simulator read it from one place.</summary>
public sealed class PlatformDefaultsTests
{
    private static readonly string[] Removed = ["spark.dynamicAllocation.enabled", "spark.shuffle.service.enabled", "spark.executor.memory", "spark.executor.cores"];

    [Fact]
    public void FromRun_EmrLogWithoutItsDefaults_UsesEmrsDynamicAllocationShuffleServiceAndExecutorSize()
    {
        // An EMR run (3.3.0-amzn-0) whose spark-defaults lines are taken out of the log: EMR's spark.emr.default.executor.* stay.
        using var dir = new TempDir();
        var run = PlantedLog.Read(Without("spark-rapids-tools/spark-events-qualification/multiple_attempts/attempt_1_eventlog.zstd", dir.File("emr")));
        run.Vendor.Platform.Should().Be(Platform.Emr);
        run.Environment.Get("spark.dynamicAllocation.enabled").Should().BeNull();

        var facts = RunFacts.From(run);
        facts.DynamicAllocation.Should().BeTrue();
        facts.ExecutorMemoryBytes.Should().Be(9397 * ByteSize.MiB);
        facts.ExecutorCores.Should().Be(3);
        SimulationConfig.FromRun(run).DynamicAllocation.Should().NotBeNull();
        SimulationConfig.FromRun(run).ExecutorMemory.Bytes.Should().Be(9397 * ByteSize.MiB);
        // EMR configures the shuffle service dynamic allocation needs: nothing to warn about.
        new DynamicAllocationAnalyzer().Analyze(new AnalysisContext(run, Thresholds.Default)).Should().NotContain(f => f.Id == "dynamic-allocation-no-shuffle-tracking");
        PlatformDefaults.Default(run, "spark.executor.memory")!.Basis.Should().Contain("spark.emr.default.executor.memory");
    }

    [Fact]
    public void FromRun_ApacheYarnLogWithoutTheSameLines_KeepsApacheDefaults()
    {
        using var dir = new TempDir();
        var run = PlantedLog.Read(Without("apache-spark/spark-events/application_1628109047826_1317105", dir.File("yarn")));
        run.Vendor.Platform.Should().Be(Platform.Yarn);

        RunFacts.From(run).DynamicAllocation.Should().BeFalse();
        SimulationConfig.FromRun(run).DynamicAllocation.Should().BeNull();
        PlatformDefaults.Default(run, "spark.dynamicAllocation.enabled").Should().BeNull();
    }

    [Fact]
    public void Get_ExplicitValueInTheLog_WinsOverThePlatformDefault()
    {
        // job_spark_shell: EMR with spark.dynamicAllocation.enabled=false written by the user.
        var run = CorpusRuns.Get("aws-emr-advisor/job_spark_shell");
        run.Vendor.Platform.Should().Be(Platform.Emr);

        PlatformDefaults.DynamicAllocation(run).Should().BeFalse();
        RunFacts.From(run).DynamicAllocation.Should().BeFalse();
    }

    [Fact]
    public void AdaptiveExecution_EmrSpark30WithoutTheSetting_IsOnAsEmrRanIt()
    {
        // emr.zip: Spark 3.0.1-amzn-0, no spark.sql.adaptive.enabled in its properties; its SparkListenerEffectiveSQLConf
        // events show the session ran with spark.sql.adaptive.enabled=true (Apache 3.0's default is false).
        var run = CorpusRuns.Get("spark_log_parser/emr.zip");
        run.Environment.Get("spark.sql.adaptive.enabled").Should().BeNull();

        SparkVersions.AqeOn(run).Should().BeTrue();
        SimulationConfig.FromRun(run).AdaptiveCoalescing.Should().BeTrue();
    }

    [Fact]
    public void DynamicAllocation_DataprocRunWithoutTheSetting_IsOn()
    {
        var run = CorpusRuns.Get("spark-rapids-tools/spark-events-qualification/cluster_information/platform/dataproc");
        run.Vendor.Platform.Should().Be(Platform.Dataproc);
        run.Environment.Get("spark.dynamicAllocation.enabled").Should().BeNull();

        PlatformDefaults.DynamicAllocation(run).Should().BeTrue();
        PlatformDefaults.GetBool(run, "spark.shuffle.service.enabled").Should().BeTrue();
    }

    [Theory]
    [InlineData("3.1.1", 3, 2, false)]
    [InlineData("3.2.0", 3, 2, true)]
    [InlineData("3.0.1-amzn-0", 3, 0, true)]
    [InlineData("2.4.5", 3, 0, false)]
    [InlineData(null, 3, 2, true)]
    public void VersionAtLeast_Versions_CompareMajorMinorAndTakeUnknownAsNew(string? version, int major, int minor, bool expected) =>
        PlatformDefaults.VersionAtLeast(version, major, minor).Should().Be(expected);

    private static string Without(string log, string target) =>
        PlantedLog.PlantEvents(Corpus.Path(log), target, e =>
        {
            if ((string?)e["Event"] == "SparkListenerEnvironmentUpdate")
            {
                var props = e["Spark Properties"]!.AsObject();
                foreach (var key in Removed)
                {
                    props.Remove(key);
                }
            }

            return [e];
        });
}
