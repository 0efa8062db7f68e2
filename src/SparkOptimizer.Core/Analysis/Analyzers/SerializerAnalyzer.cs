using SparkOptimizer.Analysis.Levers;

namespace SparkOptimizer.Analysis.Analyzers;

/// <summary>The Java serializer with heavy RDD shuffles. DataFrame/SQL shuffles use Spark's own row format, so only non-SQL stages count.</summary>
public sealed class SerializerAnalyzer : IAnalyzer
{
    public string Id => "serializer";

    public IEnumerable<Finding> Analyze(AnalysisContext context)
    {
        var env = context.Run.Environment;
        var serializer = env.Get("spark.serializer");
        if (serializer is not null && !serializer.Contains("JavaSerializer", StringComparison.Ordinal))
        {
            yield break;
        }

        // RAPIDS' shuffle manager serializes GPU batches itself; SQL Exchanges move UnsafeRows: only RDD shuffles use spark.serializer.
        if (env.Get("spark.shuffle.manager")?.Contains("Rapids", StringComparison.OrdinalIgnoreCase) == true)
        {
            yield break;
        }

        var stages = context.StagesWithTasks.Where(s => s.Tasks.ShuffleWriteBytes.Sum > 0 && !PartitionLevers.WritesSqlExchange(s)).ToArray();
        var bytes = stages.Sum(s => s.Tasks.ShuffleWriteBytes.Sum);
        var severity = SeverityScale.Min(context.Thresholds.Rate("serializer.rddShuffleBytes", bytes), Severity.Moderate);
        if (severity == Severity.None)
        {
            yield break;
        }

        const string Kryo = "org.apache.spark.serializer.KryoSerializer";
        var why = $"RDD stages wrote {Fmt.Bytes(bytes)} of shuffle with the Java serializer";
        yield return new Finding(
            "serializer-java", "serializer", severity, "Java Serializer on RDD Shuffles", stages.Select(s => s.StageId).ToArray(),
            stages.OrderByDescending(s => s.Tasks.ShuffleWriteBytes.Sum).Take(3).Select(s => new Evidence("serializer.shuffleWriteBytes", s.Tasks.ShuffleWriteBytes.Sum, "bytes",
                Fmt.Stage(s, $"{Fmt.Bytes(s.Tasks.ShuffleWriteBytes.Sum)} RDD shuffle written with {serializer ?? "the default JavaSerializer"}"), s.StageId)).ToArray(),
            "Java serialization is slow and verbose; Kryo writes RDD shuffle and cached data several times smaller and faster.",
            [new Recommendation(RecommendationKind.Config, $"Set spark.serializer={Kryo}: {why}", new ConfigChange("spark.serializer", serializer, Kryo, why) { StageIds = stages.Select(s => s.StageId).ToArray(), Priority = severity })])
        {
            WhatWouldNotHelp = "Kryo for DataFrame/SQL stages: they already use Spark's binary row format.",
            ExpectedImprovement = $"Next run: RDD shuffle write well under today's {Fmt.Bytes(bytes)}",
        };
    }
}
