namespace SparkOptimizer.Publishing;

public enum PublishOutcome
{
    /// <summary>A new pull request (or branch, for plain git) was opened.</summary>
    Created,

    /// <summary>The change set changed: the branch got one regenerated commit on the current base.</summary>
    Updated,

    /// <summary>Same change set, but the branch conflicted with its base: regenerated on the current base.</summary>
    Rebased,

    /// <summary>The open proposal already carries this change set; nothing was written.</summary>
    Unchanged,

    /// <summary>Someone else pushed to the branch; we leave it alone.</summary>
    SkippedForeignCommits,

    /// <summary>A pull request with this fingerprint was closed without merging; it is not proposed again.</summary>
    Ignored,

    /// <summary>The manifest already holds every recommended value.</summary>
    NothingToChange,

    /// <summary>Outside the schedule window: nothing was opened or updated.</summary>
    OutsideSchedule,

    /// <summary>A fleet cap (open pull requests, or new ones per hour) is reached: the new pull request waits.</summary>
    Deferred,
}
