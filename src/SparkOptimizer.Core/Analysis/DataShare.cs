namespace SparkOptimizer.Analysis;

/// <summary>"90 % of the data in 2 of 200 tasks": the fewest top tasks that hold a notable share of a stage's bytes.</summary>
public sealed record DataShare(int TopTasks, int TotalTasks, double Share, long TopBytes, long TotalBytes)
{
    /// <summary>
    /// From the top-task samples against the stage sum: the smallest k whose share reaches half the data, else all samples.
    /// Null when the top tasks hold no more than three times their fair share (nothing notable).
    /// </summary>
    public static DataShare? From(IReadOnlyList<long> topBytesDescending, long total, int tasks)
    {
        if (total <= 0 || tasks <= 1 || topBytesDescending.Count == 0)
        {
            return null;
        }

        long cumulative = 0;
        DataShare? best = null;
        for (var k = 1; k <= topBytesDescending.Count; k++)
        {
            cumulative += topBytesDescending[k - 1];
            var share = Math.Min(1.0, cumulative / (double)total);
            best = new DataShare(k, tasks, share, cumulative, total);
            if (share >= 0.5)
            {
                break;
            }
        }

        return best is not null && best.Share >= 3.0 * best.TopTasks / tasks ? best : null;
    }

    public string Describe(string what) => $"{Fmt.Pct(Share)} of {what} processed by {TopTasks} of {TotalTasks} tasks";
}
