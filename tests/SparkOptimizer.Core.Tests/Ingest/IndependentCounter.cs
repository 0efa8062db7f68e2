using System.Text.Json;
using SparkOptimizer.Ingest;
using SparkOptimizer.Ingest.Codecs;

namespace SparkOptimizer.Tests.Ingest;

/// <summary>
/// Counts events its own way (a JsonDocument per line, no shared parsing code) so the engine's totals can be checked
/// against something that did not come from the engine.
/// </summary>
internal sealed class IndependentCounter
{
    public int Jobs { get; private set; }
    public int Stages { get; private set; }
    public int FailedStages { get; private set; }
    public long Tasks { get; private set; }
    public long FailedTasks { get; private set; }
    public long RunTime { get; private set; }
    public long Gc { get; private set; }
    public long ShuffleRead { get; private set; }
    public long ShuffleWrite { get; private set; }
    public long MemSpill { get; private set; }
    public long DiskSpill { get; private set; }
    public long Input { get; private set; }
    public long Output { get; private set; }
    public int ExecutorsAdded { get; private set; }
    public int Sql { get; private set; }
    public long? Start { get; private set; }
    public long? End { get; private set; }

    public static IndependentCounter Count(EventLogInput input)
    {
        var counter = new IndependentCounter();
        foreach (var part in input.Parts)
        {
            try
            {
                using var raw = part.Open();
                using var stream = CodecStreams.OpenDecompressing(raw, part.Name);
                using var reader = new StreamReader(stream);
                string? line;
                while ((line = reader.ReadLine()) is not null)
                {
                    counter.CountLine(line);
                }
            }
            catch (EventLogFormatException)
            {
                // A corrupt or cut part: what was read so far counts, as in the engine.
            }
        }

        return counter;
    }

    private void CountLine(string line)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(line, new JsonDocumentOptions { MaxDepth = 1024 });
        }
        catch (JsonException)
        {
            return;
        }

        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("Event", out var ev))
            {
                return;
            }

            var name = ev.GetString() ?? string.Empty;
            switch (name)
            {
                case "SparkListenerJobStart":
                    Jobs++;
                    break;
                case "SparkListenerStageCompleted":
                    Stages++;
                    if (root.GetProperty("Stage Info").TryGetProperty("Failure Reason", out _))
                    {
                        FailedStages++;
                    }

                    break;
                case "SparkListenerTaskEnd":
                    Tasks++;
                    if (root.GetProperty("Task End Reason").GetProperty("Reason").GetString() != "Success")
                    {
                        FailedTasks++;
                    }

                    if (root.TryGetProperty("Task Metrics", out var m) && m.ValueKind == JsonValueKind.Object)
                    {
                        RunTime += Get(m, "Executor Run Time");
                        Gc += Get(m, "JVM GC Time");
                        MemSpill += Get(m, "Memory Bytes Spilled");
                        DiskSpill += Get(m, "Disk Bytes Spilled");
                        if (m.TryGetProperty("Shuffle Read Metrics", out var sr))
                        {
                            ShuffleRead += Get(sr, "Remote Bytes Read") + Get(sr, "Local Bytes Read");
                        }

                        if (m.TryGetProperty("Shuffle Write Metrics", out var sw))
                        {
                            ShuffleWrite += Get(sw, "Shuffle Bytes Written");
                        }

                        if (m.TryGetProperty("Input Metrics", out var im))
                        {
                            Input += Get(im, "Bytes Read");
                        }

                        if (m.TryGetProperty("Output Metrics", out var om))
                        {
                            Output += Get(om, "Bytes Written");
                        }
                    }

                    break;
                case "SparkListenerExecutorAdded":
                    ExecutorsAdded++;
                    break;
                case "SparkListenerApplicationStart":
                    Start = root.GetProperty("Timestamp").GetInt64();
                    break;
                case "SparkListenerApplicationEnd":
                    End = root.GetProperty("Timestamp").GetInt64();
                    break;
                default:
                    if (name.EndsWith(".SparkListenerSQLExecutionStart", StringComparison.Ordinal) || name == "SparkListenerSQLExecutionStart")
                    {
                        Sql++;
                    }

                    break;
            }
        }
    }

    private static long Get(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt64() : 0;
}
