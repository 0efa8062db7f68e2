namespace SparkOptimizer.Ingest.Streaming;

/// <summary>
/// The (task id, attempt) pairs already counted, as a bitset paged by 64 ids: Spark numbers tasks densely from 0, so a run
/// of n tasks costs about n / 64 dictionary entries (a few bytes per thousand tasks) rather than an entry per task.
/// </summary>
internal sealed class TaskEndSet
{
    private readonly Dictionary<long, ulong> _pages = [];

    /// <summary>Adds the pair; false when it was already there.</summary>
    public bool Add(long taskId, int attempt)
    {
        // Attempts above 0 are rare (retries); they get their own id space far above any real task id.
        var key = attempt == 0 ? taskId : unchecked(taskId ^ ((long)attempt << 48));
        var page = key >> 6;
        var bit = 1UL << (int)(key & 63);
        _pages.TryGetValue(page, out var bits);
        if ((bits & bit) != 0)
        {
            return false;
        }

        _pages[page] = bits | bit;
        return true;
    }
}
