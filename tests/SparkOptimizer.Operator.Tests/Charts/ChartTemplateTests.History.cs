using System.Text.Json.Nodes;

namespace SparkOptimizer.Tests.Charts;

/// <summary>The run-history store as the chart configures it: SQLite on a claim by default, PostgreSQL from a Secret, or none.</summary>
public sealed partial class ChartTemplateTests
{
    private static JsonNode Pod(IReadOnlyList<JsonObject> docs) => docs.Single(d => d["kind"]!.GetValue<string>() == "Deployment")["spec"]!["template"]!["spec"]!;

    [Fact]
    public void History_Default_SqliteOnAPersistentVolumeClaim()
    {
        var docs = new ChartRenderer(ChartDir).RenderAll();
        var pod = Pod(docs);
        var container = pod["containers"]![0]!;

        Env(container).Should().Contain(("Engine__History__Provider", "sqlite")).And.Contain(("Engine__History__SqlitePath", "/var/lib/spark-optimizer/history.db"));
        container["volumeMounts"]!.AsArray().Should().Contain(m => m!["name"]!.GetValue<string>() == "history" && m["mountPath"]!.GetValue<string>() == "/var/lib/spark-optimizer");
        var volume = pod["volumes"]!.AsArray().Single(v => v!["name"]!.GetValue<string>() == "history")!;
        var claim = docs.Single(d => d["kind"]!.GetValue<string>() == "PersistentVolumeClaim");
        volume["persistentVolumeClaim"]!["claimName"]!.GetValue<string>().Should().Be(claim["metadata"]!["name"]!.GetValue<string>());
        claim["spec"]!["resources"]!["requests"]!["storage"]!.GetValue<string>().Should().Be("1Gi");
    }

    [Fact]
    public void History_Postgres_ConnectionStringFromTheSecretAndNoClaim()
    {
        var overrides = new JsonObject
        {
            ["history"] = new JsonObject { ["provider"] = "postgres", ["postgres"] = new JsonObject { ["connectionSecret"] = new JsonObject { ["name"] = "history-db" } } },
        };
        var docs = new ChartRenderer(ChartDir, overrides).RenderAll();
        var container = Pod(docs)["containers"]![0]!;

        Env(container).Should().Contain(("Engine__History__Provider", "postgres"));
        var secret = container["env"]!.AsArray().Single(e => e!["name"]!.GetValue<string>() == "SPARK_OPTIMIZER_HISTORY_CONNECTION")!["valueFrom"]!["secretKeyRef"]!;
        secret["name"]!.GetValue<string>().Should().Be("history-db");
        secret["key"]!.GetValue<string>().Should().Be("connectionString");
        docs.Should().NotContain(d => d["kind"]!.GetValue<string>() == "PersistentVolumeClaim");
        Pod(docs)["volumes"]!.AsArray().Should().NotContain(v => v!["name"]!.GetValue<string>() == "history");
    }

    [Fact]
    public void History_SqliteWithoutPersistence_UsesAnEmptyDir()
    {
        var overrides = new JsonObject { ["history"] = new JsonObject { ["sqlite"] = new JsonObject { ["persistence"] = false } } };
        var docs = new ChartRenderer(ChartDir, overrides).RenderAll();

        Pod(docs)["volumes"]!.AsArray().Single(v => v!["name"]!.GetValue<string>() == "history")!["emptyDir"].Should().NotBeNull();
        docs.Should().NotContain(d => d["kind"]!.GetValue<string>() == "PersistentVolumeClaim");
    }
}
