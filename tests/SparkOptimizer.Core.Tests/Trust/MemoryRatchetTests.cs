using SparkOptimizer.Analysis;
using SparkOptimizer.Model;
using SparkOptimizer.Trust;
using static SparkOptimizer.Tests.Trust.CohortTests;

namespace SparkOptimizer.Tests.Trust;

public sealed class MemoryRatchetTests(Xunit.Abstractions.ITestOutputHelper output)
{
    public const int Cases = 10_000;

    private static SparkEnvironment Env(string heap, string? overhead = null)
    {
        var props = new Dictionary<string, string> { [ExecutorMemory.Heap] = heap };
        if (overhead is not null)
        {
            props[ExecutorMemory.Overhead] = overhead;
        }

        return SparkEnvironment.Empty with { SparkProperties = props };
    }

    private static ConfigChange Heap(string from, string to) => new(ExecutorMemory.Heap, from, to, "test") { FindingIds = ["f1"] };

    private static Cohort Established(long peak, params CohortRun[] extra) => new("job", [Run(0, peak), Run(1, peak), Run(2, peak), .. extra]);

    [Theory]
    [InlineData("1", 3L)]
    [InlineData("4", 18L)]
    public void Apply_Floor_ComesFromRunsOfTheSameExecutorShape(string cores, long peakGiB)
    {
        // Three 1-core runs peaked at 3 GiB, one 4-core run at 18 GiB: the 4-core peak is no floor for 1-core executors.
        CohortRun Shaped(int i, long peak, int c) => Run(i, peak) with { ExecutorCores = c };
        var cohort = new Cohort("job", [Shaped(0, 3 * ByteSize.GiB, 1), Shaped(1, 3 * ByteSize.GiB, 1), Shaped(2, 3 * ByteSize.GiB, 1), Shaped(3, 18 * ByteSize.GiB, 4)]);
        var env = Env("8g") with { SparkProperties = new Dictionary<string, string> { [ExecutorMemory.Heap] = "8g", ["spark.executor.cores"] = cores } };

        var result = MemoryRatchet.Apply([Heap("8g", "6g")], env, cohort);

        result.FloorBytes.Should().Be((long)Math.Ceiling(peakGiB * ByteSize.GiB * 1.2));
        if (peakGiB == 3)
        {
            result.ProposedMemoryBytes.Should().BeLessThan(result.CurrentMemoryBytes, "the 1-core runs' floor allows the step down");
        }
        else
        {
            result.Changes.Should().BeEmpty("the 4-core runs' floor is above today's memory: no decrease");
            result.ProposedMemoryBytes.Should().Be(result.CurrentMemoryBytes);
        }
    }

    [Fact]
    public void Apply_LearningCohortDecrease_Dropped()
    {
        var result = MemoryRatchet.Apply([Heap("8g", "4g")], Env("8g"), new Cohort("job", [Run(0, ByteSize.GiB)]));
        result.Changes.Should().BeEmpty();
        result.LowConfidence.Should().BeTrue();
        result.Notes.Should().ContainMatch("*learning*");
    }

    [Fact]
    public void Apply_DecreaseBelowPeakFloor_HeldAtFloor()
    {
        // Current 8g + 819m overhead; peak 6 GiB x 1.2 = 7.2 GiB is the floor, above the one-step limit of 75 %.
        var result = MemoryRatchet.Apply([Heap("8g", "2g")], Env("8g"), Established(6 * ByteSize.GiB));
        result.ProposedMemoryBytes.Should().BeGreaterThanOrEqualTo(result.FloorBytes);
        result.ProposedMemoryBytes.Should().BeLessThan(result.CurrentMemoryBytes);
    }

    [Fact]
    public void Apply_LargeDecreaseLowPeak_OneStepOnly()
    {
        var result = MemoryRatchet.Apply([Heap("16g", "2g")], Env("16g", "2g"), Established(ByteSize.GiB));
        result.ProposedMemoryBytes.Should().BeGreaterThanOrEqualTo((long)(result.CurrentMemoryBytes * 0.75));
        result.Notes.Should().ContainMatch("*one step*");
    }

    [Fact]
    public void Apply_OomTwoRunsAgo_NoDecrease()
    {
        var result = MemoryRatchet.Apply([Heap("8g", "6g")], Env("8g"), Established(ByteSize.GiB, Run(3, oom: true), Run(4), Run(5)));
        result.Changes.Should().BeEmpty();
        result.Notes.Should().ContainMatch("*OOM*");
    }

    [Fact]
    public void Apply_LastChangeHasTwoRuns_NextStepDownWaits()
    {
        var cohort = Established(ByteSize.GiB, Run(3, ByteSize.GiB, change: "c1"), Run(4, ByteSize.GiB, change: "c1"));
        MemoryRatchet.Apply([Heap("8g", "7g")], Env("8g"), cohort).Changes.Should().BeEmpty();
        var later = new Cohort("job", [.. cohort.Runs, Run(5, ByteSize.GiB, change: "c1")]);
        MemoryRatchet.Apply([Heap("8g", "7g")], Env("8g"), later).Changes.Should().ContainSingle(c => c.To == "7g");
    }

    [Fact]
    public void Apply_Increase_PassesAtOnceEvenWhileLearning()
    {
        var result = MemoryRatchet.Apply([Heap("4g", "12g")], Env("4g"), new Cohort("job", [Run(0, 3 * ByteSize.GiB, oom: true)]));
        result.Changes.Should().ContainSingle(c => c.To == "12g");
    }

    [Fact]
    public void Apply_IncreaseStillBelowFloor_RaisedToFloor()
    {
        var result = MemoryRatchet.Apply([Heap("4g", "5g")], Env("4g", "1g"), Established(8 * ByteSize.GiB));
        result.ProposedMemoryBytes.Should().BeGreaterThanOrEqualTo(result.FloorBytes);
    }

    [Fact]
    public void Apply_RandomCohortsAndConfigurations_EveryOutputHoldsTheRatchet()
    {
        var random = new Random(20261127);
        var failures = new List<string>();
        var decreases = 0;
        for (var i = 0; i < Cases; i++)
        {
            var env = TrustGen.Env(random);
            var cohort = TrustGen.Cohort(random, env);
            var changes = TrustGen.Changes(random, env);
            var result = MemoryRatchet.Apply(changes, env, cohort);
            var before = ExecutorMemory.From(env.Get).TotalBytes;
            var after = ExecutorMemory.From(ExecutorMemory.Effective(env, result.Changes.Pairs())).TotalBytes;
            var touches = result.Changes.Any(c => ExecutorMemory.IsMemoryKey(c.Key));
            decreases += after < before ? 1 : 0;
            if (RatchetBroken(before, after, touches, cohort, result.LowConfidence) is { } why)
            {
                failures.Add($"case {i}: {why}");
            }
        }

        output.WriteLine($"ratchet: {Cases} cases, {failures.Count} failures, {decreases} allowed decreases");
        failures.Should().BeEmpty();
        decreases.Should().BePositive("the generator must exercise allowed decreases too");
    }

    [Fact]
    public void Apply_RandomDecreasesOnEstablishedCohorts_EveryOutputHoldsTheRatchet()
    {
        var random = new Random(4242);
        var failures = new List<string>();
        int decreases = 0, held = 0;
        for (var i = 0; i < Cases; i++)
        {
            var heapMiB = random.Next(2048, 65536);
            var env = Env($"{heapMiB}m", random.NextDouble() < 0.5 ? $"{random.Next(384, 8192)}m" : null);
            var total = ExecutorMemory.From(env.Get).TotalBytes;
            var runs = Enumerable.Range(0, random.Next(3, 9))
                .Select(k => Run(k, (long)(total * (0.05 + (0.9 * random.NextDouble()))), oom: random.NextDouble() < 0.05)).ToArray();
            var cohort = new Cohort("job", runs);
            var to = $"{(int)(heapMiB * (0.1 + (0.9 * random.NextDouble())))}m";
            var result = MemoryRatchet.Apply([Heap($"{heapMiB}m", to)], env, cohort);
            var after = ExecutorMemory.From(ExecutorMemory.Effective(env, result.Changes.Pairs())).TotalBytes;
            decreases += after < total ? 1 : 0;
            held += result.Notes.Count > 0 ? 1 : 0;
            if (RatchetBroken(total, after, result.Changes.Any(c => ExecutorMemory.IsMemoryKey(c.Key)), cohort, result.LowConfidence) is { } why)
            {
                failures.Add($"case {i}: {why}");
            }
        }

        output.WriteLine($"ratchet, decreases asked on established cohorts: {Cases} cases, {failures.Count} failures, {decreases} decreases emitted, {held} held back or limited");
        failures.Should().BeEmpty();
        decreases.Should().BeGreaterThan(Cases / 5, "the generator must exercise emitted decreases");
    }

    internal static string? RatchetBroken(long before, long after, bool touches, Cohort cohort, bool lowConfidence)
    {
        if (lowConfidence != cohort.LowConfidence)
        {
            return "low-confidence flag wrong";
        }

        if (touches && after < cohort.MemoryFloorBytes)
        {
            return $"memory {after} below floor {cohort.MemoryFloorBytes}";
        }

        if (after < before && cohort.LowConfidence)
        {
            return "decrease while learning";
        }

        if (after < before && cohort.InMemoryCooldown)
        {
            return "decrease within the OOM cool-down";
        }

        if (after < before && cohort.AwaitingLatestChange)
        {
            return "second step down before the last merged change has enough runs";
        }

        if (after < before && after < (long)Math.Ceiling(before * (1 - cohort.Defaults.MemoryStepDown)))
        {
            return $"more than one step down: {before} -> {after}";
        }

        return null;
    }
}
