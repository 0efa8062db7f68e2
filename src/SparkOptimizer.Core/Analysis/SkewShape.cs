using SparkOptimizer.Model;

namespace SparkOptimizer.Analysis;

/// <summary>How a stage's work is spread: the byte metric that matters (shuffle read, else input) and whether the slow tasks hold the data.</summary>
public sealed record SkewShape(string BytesMetric, Distribution Bytes, IReadOnlyList<TaskSample> LargestTasks, double BytesRatio, DataShare? Share, bool SlowTasksHoldData)
{
    public static SkewShape Of(StageInfo stage, double dataExplainedRatio = 1.5)
    {
        var t = stage.Tasks;
        var shuffle = t.ShuffleReadBytes.Sum > 0;
        var bytes = shuffle ? t.ShuffleReadBytes : t.InputBytes;
        var largest = shuffle ? t.LargestShuffleReads : t.LargestInputs;
        var median = Math.Max(bytes.P50, Math.Max(1, (long)(bytes.Mean / 10)));
        var ratio = bytes.Max / (double)median;
        var share = DataShare.From(largest.Select(s => shuffle ? s.ShuffleReadBytes : s.InputBytes).ToArray(), bytes.Sum, (int)bytes.Count);
        var slowBytes = t.SlowestTasks.Take(3).Select(s => shuffle ? s.ShuffleReadBytes : s.InputBytes).DefaultIfEmpty(0).Max();
        var holds = bytes.Sum > 0 && slowBytes >= dataExplainedRatio * Math.Max(1, bytes.P50);
        return new SkewShape(shuffle ? "shuffle read" : "input", bytes, largest, ratio, share, holds);
    }

    /// <summary>The skew gate of issue 10: slowest >= 3 x median and >= 30 s, or largest shuffle read >= 3 x mean and > 100 MB.</summary>
    public static bool PassesSkewGate(StageInfo stage, Thresholds thresholds)
    {
        var d = stage.Tasks.DurationMs;
        var timeSkew = d.Count > 1 && d.Max >= thresholds.Value("skewGate.minSlowestMs") && d.Max >= thresholds.Value("skewGate.durationRatio") * Math.Max(1, d.P50);
        var read = stage.Tasks.ShuffleReadBytes;
        var bytesSkew = read.Count > 1 && read.Max > thresholds.Value("skewGate.minLargestReadBytes") && read.Max >= thresholds.Value("skewGate.bytesToMeanRatio") * Math.Max(1, read.Mean);
        return timeSkew || bytesSkew;
    }
}
