using System.Text;
using System.Text.Json.Nodes;

namespace SparkOptimizer.Testing;

/// <summary>
/// Another run of the same job, made from a real event log: a new app id, the run moved in time and stretched by a factor (every
/// clock field and task time scales, so stages, tasks and the application span all grow alike), and Spark properties set as a
/// changed manifest would set them. Written in the rolling layout Spark uses on Kubernetes (eventlog_v2_&lt;app id&gt;/events_1_&lt;app id&gt;).
/// For histories of one job (verification, calibration) where the corpus has no job that ran many times.
/// </summary>
public static class EventLogVariant
{
    private static readonly HashSet<string> Clocks = new(StringComparer.Ordinal)
    {
        "Timestamp", "Submission Time", "Completion Time", "Launch Time", "Finish Time", "Getting Result Time", "time",
    };

    private static readonly HashSet<string> TaskTimes = new(StringComparer.Ordinal)
    {
        "Executor Run Time", "Executor CPU Time", "Executor Deserialize Time", "Executor Deserialize CPU Time", "JVM GC Time", "Result Serialization Time",
    };

    /// <summary>Writes the variant under <paramref name="eventLogDir"/> and returns its folder.</summary>
    /// <param name="source">A single uncompressed event-log file.</param>
    /// <param name="shift">How far the run starts after the source run.</param>
    /// <param name="stretch">Factor on every duration (2 = the run took twice as long).</param>
    public static string Write(string source, string eventLogDir, string appId, TimeSpan shift, double stretch, IReadOnlyDictionary<string, string>? properties = null)
    {
        var folder = Path.Combine(eventLogDir, $"eventlog_v2_{appId}");
        Directory.CreateDirectory(folder);
        long? origin = null;
        var output = new StringBuilder();
        foreach (var line in File.ReadLines(source))
        {
            if (JsonNode.Parse(line) is not JsonObject e)
            {
                continue;
            }

            var kind = e["Event"]?.GetValue<string>();
            if (kind == "SparkListenerApplicationStart")
            {
                e["App ID"] = appId;
                origin ??= e["Timestamp"]?.GetValue<long>();
            }

            if (kind == "SparkListenerEnvironmentUpdate" && e["Spark Properties"] is JsonObject conf)
            {
                conf["spark.app.id"] = appId;
                foreach (var (key, value) in properties ?? new Dictionary<string, string>())
                {
                    conf[key] = value;
                }
            }

            origin ??= FirstClock(e);
            Rewrite(e, origin ?? 0, (long)shift.TotalMilliseconds, stretch);
            output.Append(e.ToJsonString()).Append('\n');
        }

        File.WriteAllText(Path.Combine(folder, $"events_1_{appId}"), output.ToString());
        File.WriteAllText(Path.Combine(folder, $"appstatus_{appId}"), string.Empty);
        return folder;
    }

    private static long? FirstClock(JsonNode node) => node switch
    {
        JsonObject o => o.Select(p => Clocks.Contains(p.Key) && p.Value is JsonValue v && v.TryGetValue<long>(out var t) ? t : p.Value is null ? null : FirstClock(p.Value)).FirstOrDefault(t => t is not null),
        JsonArray a => a.Select(x => x is null ? null : FirstClock(x)).FirstOrDefault(t => t is not null),
        _ => null,
    };

    private static void Rewrite(JsonNode node, long origin, long shift, double stretch)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var key in o.Select(p => p.Key).ToArray())
                {
                    var value = o[key];
                    if (value is JsonValue v && v.TryGetValue<long>(out var n))
                    {
                        if (Clocks.Contains(key) && n > 0)
                        {
                            o[key] = origin + (long)((n - origin) * stretch) + shift;
                        }
                        else if (TaskTimes.Contains(key))
                        {
                            o[key] = (long)(n * stretch);
                        }
                    }
                    else if (value is not null)
                    {
                        Rewrite(value, origin, shift, stretch);
                    }
                }

                break;
            case JsonArray a:
                foreach (var item in a.OfType<JsonNode>())
                {
                    Rewrite(item, origin, shift, stretch);
                }

                break;
        }
    }
}
