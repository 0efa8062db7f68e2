namespace SparkOptimizer.Tests.Charts;

/// <summary>
/// NOTES.txt rendered by the real helm. `helm template` leaves NOTES.txt out and `helm install --dry-run` needs a cluster's
/// discovery API, so the test renders a copy of the chart in which the same text is a named template, included by a manifest.
/// </summary>
public sealed class ChartNotesTests
{
    [Fact]
    public void Notes_Defaults_SayWhatToAnnotateAndHowToCheckStatus()
    {
        var notes = Render();

        notes.Should().Contain("kubectl -n spark-optimizer rollout status deployment/rel-spark-optimizer");
        notes.Should().Contain("kubectl -n NAMESPACE annotate sparkapplications.sparkoperator.k8s.io APP sparkoptimizer.io/enabled=true")
            .And.Contain("kubectl -n NAMESPACE annotate scheduledsparkapplications.sparkoperator.k8s.io APP sparkoptimizer.io/enabled=true")
            .And.Contain("kubectl -n NAMESPACE annotate sparkapplications.spark.apache.org APP sparkoptimizer.io/enabled=true");
        notes.Should().Contain("SparkApplication or ScheduledSparkApplication (sparkoperator.k8s.io/v1beta2), or SparkApplication (spark.apache.org/v1)");
        notes.Should().Contain("kubectl get sparkoptimizations -A").And.Contain("kubectl -n NAMESPACE describe sparkoptimization APP");
        notes.Should().Contain("port-forward service/rel-spark-optimizer 8080:8080");
        notes.Should().Contain("Pull requests are off: no github.tokenSecret.name is set");
    }

    [Fact]
    public void Notes_WatchedNamespacesAndToken_NameTheNamespacesAndDropTheWarning()
    {
        var notes = Render("--set", "watch.namespaces={team-a,team-b}", "--set", "github.tokenSecret.name=gh", "--set", "watch.apache=false");

        notes.Should().Contain("in one of the watched namespaces (team-a, team-b)");
        notes.Should().NotContain("spark.apache.org/v1");
        notes.Should().NotContain("Pull requests are off");
    }

    private static string Render(params string[] args)
    {
        var copy = Path.Combine(Path.GetTempPath(), $"chart-{Guid.NewGuid():N}", "spark-optimizer");
        try
        {
            foreach (var file in Directory.GetFiles(Helm.ChartDir, "*", SearchOption.AllDirectories))
            {
                var to = Path.Combine(copy, Path.GetRelativePath(Helm.ChartDir, file));
                Directory.CreateDirectory(Path.GetDirectoryName(to)!);
                File.Copy(file, to);
            }

            // the notes' text, unchanged, as a named template, and a manifest that carries its rendering as one string
            var notes = File.ReadAllText(Path.Combine(copy, "templates", "NOTES.txt"));
            File.Delete(Path.Combine(copy, "templates", "NOTES.txt"));
            File.WriteAllText(Path.Combine(copy, "templates", "_notes-under-test.tpl"), "{{- define \"notes-under-test\" -}}\n" + notes + "{{- end }}\n");
            File.WriteAllText(Path.Combine(copy, "templates", "notes-under-test.yaml"), "notes: {{ include \"notes-under-test\" . | toJson }}\n");
            var (exit, stdout, stderr) = Helm.Run(["template", "rel", copy, "--namespace", "spark-optimizer", "--show-only", "templates/notes-under-test.yaml", .. args]);
            exit.Should().Be(0, stderr);
            return SparkOptimizer.Testing.Kubernetes.Manifests.ParseYaml(stdout)[0]["notes"]!.GetValue<string>();
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(copy)!, recursive: true);
        }
    }
}
