using System.Text.Json;

namespace SparkOptimizer.Samples;

/// <summary>
/// Writes a small, deterministic Spark 3.5 event log of an ETL job with the usual troubles planted (a skewed join
/// stage, a spilling aggregation, an idle executor), in exactly the JSON-lines format Spark writes. The repository's
/// embedded sample is produced by this class, so the README's first command needs no cluster and no download.
/// </summary>
public static class SampleEventLogWriter
{
    private const long Start = 1_767_225_600_000; // 2026-01-01T00:00:00Z
    private const int Executors = 10;
    private const int CoresPerExecutor = 4;

    public static void Write(Stream output, int seed = 7)
    {
        var random = new Random(seed);
        using var w = new Utf8JsonWriter(output);
        var clock = Start;
        var taskId = 0L;

        Line(w, output, () =>
        {
            w.WriteString("Event", "SparkListenerLogStart");
            w.WriteString("Spark Version", "3.5.3");
        });
        Line(w, output, () =>
        {
            w.WriteString("Event", "SparkListenerEnvironmentUpdate");
            w.WriteStartObject("JVM Information");
            w.WriteString("Java Version", "17.0.12 (Eclipse Adoptium)");
            w.WriteString("Scala Version", "version 2.12.18");
            w.WriteEndObject();
            w.WriteStartObject("Spark Properties");
            w.WriteString("spark.app.name", "daily_etl_pipeline");
            w.WriteString("spark.master", "k8s://https://kubernetes.default.svc:443");
            w.WriteString("spark.executor.memory", "4g");
            w.WriteString("spark.executor.cores", "4");
            w.WriteString("spark.executor.instances", "10");
            w.WriteString("spark.driver.memory", "2g");
            w.WriteString("spark.sql.shuffle.partitions", "200");
            w.WriteString("spark.memory.fraction", "0.6");
            w.WriteString("spark.sql.adaptive.enabled", "false");
            w.WriteString("spark.eventLog.enabled", "true");
            w.WriteString("spark.eventLog.dir", "s3a://spark-logs/events");
            w.WriteString("spark.kubernetes.namespace", "data");
            w.WriteString("spark.kubernetes.node.selector.node.kubernetes.io/instance-type", "r5.2xlarge");
            w.WriteEndObject();
            w.WriteStartObject("Hadoop Properties");
            w.WriteEndObject();
            w.WriteStartObject("System Properties");
            w.WriteEndObject();
            w.WriteStartObject("Classpath Entries");
            w.WriteEndObject();
        });
        Line(w, output, () =>
        {
            w.WriteString("Event", "SparkListenerApplicationStart");
            w.WriteString("App Name", "daily_etl_pipeline");
            w.WriteString("App ID", "spark-5a1e0c3b7d2f4e6a9b8c1d0e2f3a4b5c");
            w.WriteNumber("Timestamp", clock);
            w.WriteString("User", "etl");
        });
        clock += 20_000;
        for (var e = 1; e <= Executors; e++)
        {
            var id = e.ToString(System.Globalization.CultureInfo.InvariantCulture);
            Line(w, output, () =>
            {
                w.WriteString("Event", "SparkListenerExecutorAdded");
                w.WriteNumber("Timestamp", clock + e * 150);
                w.WriteString("Executor ID", id);
                w.WriteStartObject("Executor Info");
                w.WriteString("Host", $"10.0.1.{10 + e}");
                w.WriteNumber("Total Cores", CoresPerExecutor);
                w.WriteEndObject();
            });
        }

        clock += 5_000;
        // Job 0: scan (stage 0, 400 input tasks), aggregation that spills (stage 1), skewed join (stage 2).
        var stages = new[]
        {
            new SampleStage(0, "parquet at DailyEtl.scala:41", 400, [], 9_000, 0.15, Skew: false, Spill: false, Input: true),
            new SampleStage(1, "groupBy at DailyEtl.scala:57", 200, [0], 14_000, 0.2, Skew: false, Spill: true, Input: false),
            new SampleStage(2, "join at DailyEtl.scala:73", 200, [1], 3_000, 0.25, Skew: true, Spill: false, Input: false),
        };
        Line(w, output, () =>
        {
            w.WriteString("Event", "SparkListenerJobStart");
            w.WriteNumber("Job ID", 0);
            w.WriteNumber("Submission Time", clock);
            w.WriteStartArray("Stage Infos");
            foreach (var s in stages)
            {
                WriteStageInfo(w, s, 0, 0);
            }

            w.WriteEndArray();
            w.WriteStartArray("Stage IDs");
            foreach (var s in stages)
            {
                w.WriteNumberValue(s.Id);
            }

            w.WriteEndArray();
            w.WriteStartObject("Properties");
            w.WriteEndObject();
        });

        foreach (var stage in stages)
        {
            var submitted = clock;
            Line(w, output, () =>
            {
                w.WriteString("Event", "SparkListenerStageSubmitted");
                w.WriteStartObject("Stage Info");
                WriteStageInfoBody(w, stage, submitted, 0);
                w.WriteEndObject();
            });
            var slots = new long[Executors * CoresPerExecutor];
            Array.Fill(slots, submitted + 50);
            for (var i = 0; i < stage.Tasks; i++)
            {
                var slot = Array.IndexOf(slots, slots.Min());
                var executor = slot / CoresPerExecutor + 1;
                var duration = (long)(stage.MedianMs * (1 + stage.Spread * (random.NextDouble() * 2 - 1)));
                var shuffleRead = stage.Id == 0 ? 0L : 96L * 1024 * 1024 + random.Next(0, 8 * 1024 * 1024);
                if (stage.Skew && i < 2)
                {
                    // Two hot keys: the two tasks that own them read most of the stage's data.
                    duration = stage.MedianMs * 60;
                    shuffleRead = 9L * 1024 * 1024 * 1024;
                }

                var launch = slots[slot];
                var finish = launch + duration;
                slots[slot] = finish + 5;
                var spillMem = stage.Spill ? 380L * 1024 * 1024 + random.Next(0, 40 * 1024 * 1024) : 0;
                var spillDisk = stage.Spill ? spillMem / 3 : 0;
                var gc = (long)(duration * (stage.Spill ? 0.18 : 0.04));
                var input = stage.Input ? 128L * 1024 * 1024 : 0;
                var id = taskId++;
                var index = i;
                Line(w, output, () => WriteTaskEnd(w, stage.Id, id, index, executor, launch, finish, duration, gc, shuffleRead, input, spillMem, spillDisk, stage.Id < 2));
            }

            clock = slots.Max() + 100;
            var completed = clock;
            Line(w, output, () =>
            {
                w.WriteString("Event", "SparkListenerStageCompleted");
                w.WriteStartObject("Stage Info");
                WriteStageInfoBody(w, stage, submitted, completed);
                w.WriteEndObject();
            });
        }

        Line(w, output, () =>
        {
            w.WriteString("Event", "SparkListenerJobEnd");
            w.WriteNumber("Job ID", 0);
            w.WriteNumber("Completion Time", clock);
            w.WriteStartObject("Job Result");
            w.WriteString("Result", "JobSucceeded");
            w.WriteEndObject();
        });
        clock += 45_000; // driver-only work after the job: writing a manifest, committing
        Line(w, output, () =>
        {
            w.WriteString("Event", "SparkListenerApplicationEnd");
            w.WriteNumber("Timestamp", clock);
        });
    }

    private sealed record SampleStage(int Id, string Name, int Tasks, int[] Parents, long MedianMs, double Spread, bool Skew, bool Spill, bool Input);

    private static void WriteStageInfo(Utf8JsonWriter w, SampleStage s, long submitted, long completed)
    {
        w.WriteStartObject();
        WriteStageInfoBody(w, s, submitted, completed);
        w.WriteEndObject();
    }

    private static void WriteStageInfoBody(Utf8JsonWriter w, SampleStage s, long submitted, long completed)
    {
        w.WriteNumber("Stage ID", s.Id);
        w.WriteNumber("Stage Attempt ID", 0);
        w.WriteString("Stage Name", s.Name);
        w.WriteNumber("Number of Tasks", s.Tasks);
        w.WriteStartArray("RDD Info");
        w.WriteEndArray();
        w.WriteStartArray("Parent IDs");
        foreach (var p in s.Parents)
        {
            w.WriteNumberValue(p);
        }

        w.WriteEndArray();
        w.WriteString("Details", s.Name);
        if (submitted > 0)
        {
            w.WriteNumber("Submission Time", submitted);
        }

        if (completed > 0)
        {
            w.WriteNumber("Completion Time", completed);
        }

        w.WriteStartArray("Accumulables");
        w.WriteEndArray();
    }

    private static void WriteTaskEnd(Utf8JsonWriter w, int stage, long taskId, int index, int executor, long launch, long finish, long duration, long gc, long shuffleRead, long input, long spillMem, long spillDisk, bool writesShuffle)
    {
        w.WriteString("Event", "SparkListenerTaskEnd");
        w.WriteNumber("Stage ID", stage);
        w.WriteNumber("Stage Attempt ID", 0);
        w.WriteString("Task Type", writesShuffle ? "ShuffleMapTask" : "ResultTask");
        w.WriteStartObject("Task End Reason");
        w.WriteString("Reason", "Success");
        w.WriteEndObject();
        w.WriteStartObject("Task Info");
        w.WriteNumber("Task ID", taskId);
        w.WriteNumber("Index", index);
        w.WriteNumber("Attempt", 0);
        w.WriteNumber("Launch Time", launch);
        w.WriteString("Executor ID", executor.ToString(System.Globalization.CultureInfo.InvariantCulture));
        w.WriteString("Host", $"10.0.1.{10 + executor}");
        w.WriteString("Locality", "PROCESS_LOCAL");
        w.WriteBoolean("Speculative", false);
        w.WriteNumber("Getting Result Time", 0);
        w.WriteNumber("Finish Time", finish);
        w.WriteBoolean("Failed", false);
        w.WriteBoolean("Killed", false);
        w.WriteStartArray("Accumulables");
        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteStartObject("Task Executor Metrics");
        w.WriteNumber("JVMHeapMemory", spillMem > 0 ? 3_900L * 1024 * 1024 : 2_100L * 1024 * 1024);
        w.WriteNumber("ProcessTreeJVMRSSMemory", spillMem > 0 ? 4_400L * 1024 * 1024 : 2_600L * 1024 * 1024);
        w.WriteEndObject();
        w.WriteStartObject("Task Metrics");
        w.WriteNumber("Executor Deserialize Time", 12);
        w.WriteNumber("Executor Run Time", Math.Max(0, duration - 20));
        w.WriteNumber("Executor CPU Time", Math.Max(0, duration - 20 - gc) * 900_000);
        w.WriteNumber("Peak Execution Memory", spillMem > 0 ? 512L * 1024 * 1024 : 64L * 1024 * 1024);
        w.WriteNumber("Result Size", 2_048);
        w.WriteNumber("JVM GC Time", gc);
        w.WriteNumber("Memory Bytes Spilled", spillMem);
        w.WriteNumber("Disk Bytes Spilled", spillDisk);
        w.WriteStartObject("Shuffle Read Metrics");
        w.WriteNumber("Remote Blocks Fetched", shuffleRead > 0 ? 180 : 0);
        w.WriteNumber("Local Blocks Fetched", shuffleRead > 0 ? 20 : 0);
        w.WriteNumber("Fetch Wait Time", shuffleRead > 0 ? duration / 20 : 0);
        w.WriteNumber("Remote Bytes Read", shuffleRead * 9 / 10);
        w.WriteNumber("Local Bytes Read", shuffleRead - shuffleRead * 9 / 10);
        w.WriteNumber("Total Records Read", shuffleRead / 100);
        w.WriteEndObject();
        w.WriteStartObject("Shuffle Write Metrics");
        w.WriteNumber("Shuffle Bytes Written", writesShuffle ? 64L * 1024 * 1024 : 0);
        w.WriteNumber("Shuffle Write Time", writesShuffle ? 40_000_000 : 0);
        w.WriteNumber("Shuffle Records Written", writesShuffle ? 650_000 : 0);
        w.WriteEndObject();
        w.WriteStartObject("Input Metrics");
        w.WriteNumber("Bytes Read", input);
        w.WriteNumber("Records Read", input / 120);
        w.WriteEndObject();
        w.WriteStartObject("Output Metrics");
        w.WriteNumber("Bytes Written", 0);
        w.WriteNumber("Records Written", 0);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void Line(Utf8JsonWriter w, Stream output, Action body)
    {
        w.WriteStartObject();
        body();
        w.WriteEndObject();
        w.Flush();
        w.Reset();
        output.WriteByte((byte)'\n');
    }
}
