using System.Text.Json.Nodes;
using SparkOptimizer.Testing;

namespace SparkOptimizer.Tests.Support;

/// <summary>
/// The corpus' Spark-on-Kubernetes taxi run (spark-110be3a8...) under real memory pressure: the same events with every task's
/// JVM GC time set to 30 % of its run time, so a heap that peaked at 98 % of 4g is pressure (GC-bound), and the engine's
/// answer is more executor memory. The untouched run asks for no memory (its GC is 0.2 %), which is the point of the expert's
/// judgement; the operator's end-to-end tests need a run whose recommendation is a manifest value. Written once per process
/// under a temporary root laid out like the corpus.
/// </summary>
public static class PressuredTaxiRun
{
    public const string AppId = "spark-110be3a8424d4a2789cb88134418217b";
    public const string Folder = "mcp-apache-spark-history-server/events";

    private static readonly Lazy<string> RootPath = new(Write);

    /// <summary>The temporary root (the event-log root the finder is confined to).</summary>
    public static string Root => RootPath.Value;

    /// <summary>The spark.eventLog.dir of the run.</summary>
    public static string Events => System.IO.Path.Combine(Root, Folder);

    /// <summary>The run's one rolled event file.</summary>
    public static string EventFile => System.IO.Path.Combine(Events, $"eventlog_v2_{AppId}", $"events_1_{AppId}");

    /// <summary>
    /// The corpus' pandas run (local-1652317513972, Spark 3.1.1, AQE off: 200-task SQL shuffles of ~50 KiB sized by
    /// spark.sql.shuffle.partitions) as a rolling folder under <see cref="Root"/>: a run whose lever is a low-risk setting.
    /// </summary>
    public const string PandasAppId = "local-1652317513972";

    /// <summary>The spark.eventLog.dir of the pandas run.</summary>
    public static string PandasEvents => System.IO.Path.Combine(Root, "pandas");

    private static string Write()
    {
        var root = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"sparkopt-pressured-{Environment.ProcessId}");
        var source = Corpus.Path($"{Folder}/eventlog_v2_{AppId}");
        var target = System.IO.Path.Combine(root, Folder, $"eventlog_v2_{AppId}");
        Directory.CreateDirectory(target);
        foreach (var file in Directory.GetFiles(source))
        {
            var name = System.IO.Path.GetFileName(file);
            if (!name.StartsWith("events_", StringComparison.Ordinal))
            {
                File.Copy(file, System.IO.Path.Combine(target, name), overwrite: true);
                continue;
            }

            var lines = File.ReadLines(file).Select(line =>
            {
                if (!line.Contains("\"SparkListenerTaskEnd\"", StringComparison.Ordinal) || JsonNode.Parse(line) is not JsonObject e || e["Task Metrics"] is not JsonObject m)
                {
                    return line;
                }

                m["JVM GC Time"] = (long)((m["Executor Run Time"]?.GetValue<long>() ?? 0) * 0.3);
                return e.ToJsonString();
            });
            File.WriteAllLines(System.IO.Path.Combine(target, name), lines);
        }

        var pandas = System.IO.Path.Combine(root, "pandas", $"eventlog_v2_{PandasAppId}");
        Directory.CreateDirectory(pandas);
        using (var input = File.OpenRead(Corpus.Path("spark-rapids-tools/spark-events-qualification/pandas_execs_eventlog.zstd")))
        using (var zstd = new ZstdSharp.DecompressionStream(input))
        using (var output = File.Create(System.IO.Path.Combine(pandas, $"events_1_{PandasAppId}")))
        {
            zstd.CopyTo(output);
        }

        File.WriteAllText(System.IO.Path.Combine(pandas, $"appstatus_{PandasAppId}"), string.Empty);
        return root;
    }
}
