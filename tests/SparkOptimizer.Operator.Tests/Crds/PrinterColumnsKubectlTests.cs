using System.Diagnostics;
using k8s;
using k8s.Models;
using SparkOptimizer.Operator.Controllers;
using SparkOptimizer.Operator.Entities.Kubeflow;
using SparkOptimizer.Operator.Entities.Optimization;
using SparkOptimizer.Operator.Processing;
using SparkOptimizer.Testing;
using SparkOptimizer.Testing.Kubernetes;
using SparkOptimizer.Tests.Charts;
using SparkOptimizer.Tests.Support;

namespace SparkOptimizer.Tests.Crds;

/// <summary>
/// The shipped CRD's printer columns, evaluated by the real kubectl 1.32's JSONPath (the library the API server uses for
/// additionalPrinterColumns) on a status the operator composes: `kubectl get sparkoptimizations` tells the story.
/// </summary>
public sealed class PrinterColumnsKubectlTests
{
    private static readonly DateTime Finished = new(2026, 11, 20, 10, 45, 0, DateTimeKind.Utc);

    [Fact]
    public void Columns_OnAnAnalysedRun_ShowAppPhaseFinishedDurationCostWithCurrencySavingWorstAndPullRequest()
    {
        var columns = ShippedColumns();
        var values = Evaluate(columns, Analysed());

        var shown = columns.Zip(values).Where(c => c.First.Priority is null).ToDictionary(c => c.First.Name, c => c.Second, StringComparer.Ordinal);
        shown.Should().Equal(new Dictionary<string, string>
        {
            ["App"] = "spark-pi",
            ["Phase"] = "Analyzed",
            ["Last Run"] = "2026-11-20T10:45:00Z",
            ["Duration"] = "45m12s",
            ["Cost"] = "12.50 USD",
            ["Saving"] = "4.50 USD (36%)",
            ["Worst Finding"] = "critical: Data skew",
            ["PR"] = "https://github.example/o/r/pull/7",
        });
    }

    [Fact]
    public void Columns_Wide_AddTheRunItsOutcomeAndThePullRequestState()
    {
        var columns = ShippedColumns();
        var wide = columns.Zip(Evaluate(columns, Analysed())).Where(c => c.First.Priority == 1).ToDictionary(c => c.First.Name, c => c.Second, StringComparer.Ordinal);

        wide["Run"].Should().Be("spark-pi");
        wide["Outcome"].Should().Be("COMPLETED");
        wide["Spark App ID"].Should().Be("spark-1");
        wide["PR State"].Should().Be("open");
        wide["Age"].Should().Be("2026-11-20T09:00:00Z");
    }

    private static IReadOnlyList<V1CustomResourceColumnDefinition> ShippedColumns()
    {
        var crd = KubernetesYaml.Deserialize<V1CustomResourceDefinition>(File.ReadAllText(Path.Combine(Helm.Root, "crds", "sparkoptimizations.sparkoptimizer.io.yaml")));
        return crd.Spec.Versions.Single().AdditionalPrinterColumns.ToList();
    }

    /// <summary>One kubectl call: `annotate --local` only reads the file (no server) and prints it through the JSONPath template.</summary>
    private static string[] Evaluate(IReadOnlyList<V1CustomResourceColumnDefinition> columns, V1Alpha1SparkOptimization optimization)
    {
        using var dir = new TempDir();
        var file = dir.File("optimization.json");
        File.WriteAllText(file, KubernetesJson.Serialize(optimization));
        var template = string.Join("{\"\\u001f\"}", columns.Select(c => "{" + c.JsonPath + "}"));
        var start = new ProcessStartInfo(Helm.Kubectl) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "annotate", "--local", "-f", file, "printer-columns-test=1", "-o", $"jsonpath={template}" })
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["KUBECONFIG"] = dir.File("no-kubeconfig");
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit(TimeSpan.FromSeconds(30)).Should().BeTrue();
        process.ExitCode.Should().Be(0, stderr.Result);
        var values = stdout.Result.Split('\u001f');
        values.Should().HaveCount(columns.Count);
        return values;
    }

    private static V1Alpha1SparkOptimization Analysed()
    {
        var optimization = new V1Alpha1SparkOptimization
        {
            Metadata = new V1ObjectMeta { Name = "spark-pi", NamespaceProperty = "default", Generation = 1, CreationTimestamp = Finished.AddMinutes(-105) },
            Spec = new SparkOptimizationSpec { Target = new TargetReference { ApiVersion = "sparkoperator.k8s.io/v1beta2", Kind = "SparkApplication", Name = "spark-pi" } },
        };
        var app = new AppIdentity("sparkoperator.k8s.io/v1beta2", "SparkApplication", "default", "spark-pi", null);
        var completed = new CompletedRun(app, app, "spark-pi:spark-1", "spark-1", "COMPLETED", true, null, null, null,
            new Dictionary<string, string>(), new Dictionary<string, string>(), new SparkOptimizationSpec(), new V1Beta2SparkApplication());
        var run = new FinishedRun("spark-pi:spark-1", "spark-pi", "spark-1", "COMPLETED", true, false, null,
            new DateTimeOffset(Finished.AddMinutes(-45)), new DateTimeOffset(Finished), new Dictionary<string, string>(), new V1Beta2SparkApplication());
        optimization.Status = StatusComposer.Analyzed(optimization, run, RecordingRunProcessor.Canned(completed), Finished, processedRunsLimit: 10);
        return optimization;
    }
}
