using SparkOptimizer.Analysis;
using SparkOptimizer.Model;
using SparkOptimizer.Trust;
using static SparkOptimizer.Tests.Trust.CohortTests;

namespace SparkOptimizer.Tests.Trust;

public sealed class SafetyValidatorTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private static SparkEnvironment Env(params (string Key, string Value)[] props) =>
        SparkEnvironment.Empty with { SparkProperties = props.ToDictionary(p => p.Key, p => p.Value) };

    private static ConfigChange Change(string key, string to) => new(key, null, to, "test") { FindingIds = ["f1"] };

    private static readonly Cohort Established = new("job", [Run(0), Run(1), Run(2)]);

    [Fact]
    public void Enforce_PinnedKey_ChangeDropped()
    {
        var context = new ValidationContext(ValidationContext.ParsePinned("spark.executor.memory, spark.sql.shuffle.partitions"));
        var notes = new List<string>();
        var output = SafetyValidator.Enforce([Change("spark.executor.memory", "16g"), Change("spark.speculation", "true")], Env(), context, notes);
        output.Select(c => c.Key).Should().Equal("spark.speculation");
        notes.Should().ContainMatch("*pinned*");
    }

    [Fact]
    public void Enforce_MaxBelowPinnedMin_MaxRaisedToMin()
    {
        var env = Env((SafetyValidator.DaEnabled, "true"), (SafetyValidator.DaMin, "10"));
        var output = SafetyValidator.Enforce([Change(SafetyValidator.DaMax, "4")], env, new ValidationContext(new HashSet<string> { SafetyValidator.DaMin }), []);
        SafetyValidator.Check(ExecutorMemory.Effective(env, output.Pairs()), ValidationContext.None).Should().BeEmpty();
    }

    [Fact]
    public void Enforce_ShufflePartitionsChangedWithAqeInitialSet_KeptEqual()
    {
        var env = Env((SafetyValidator.AqeInitial, "200"), (SafetyValidator.ShufflePartitions, "200"));
        var output = SafetyValidator.Enforce([Change(SafetyValidator.ShufflePartitions, "800")], env, ValidationContext.None, []);
        output.Should().Contain(c => c.Key == SafetyValidator.AqeInitial && c.To == "800");
    }

    [Fact]
    public void Enforce_MemoryIncreaseBeyondLargestNode_Dropped()
    {
        var notes = new List<string>();
        var output = SafetyValidator.Enforce([Change(ExecutorMemory.Heap, "60g")], Env((ExecutorMemory.Heap, "8g")), new ValidationContext(new HashSet<string>(), null, 30 * ByteSize.GiB), notes);
        output.Should().BeEmpty();
        notes.Should().ContainMatch("*largest node*");
    }

    [Fact]
    public void Enforce_CpuRequestAboveLimit_RequestLowered()
    {
        var output = SafetyValidator.Enforce([Change(SafetyValidator.RequestCores, "4")], Env((SafetyValidator.LimitCores, "2500m")), ValidationContext.None, []);
        output.Should().ContainSingle(c => c.Key == SafetyValidator.RequestCores).Which.To.Should().Be("2500m");
    }

    [Fact]
    public void Apply_InfrastructureFailure_NoChanges()
    {
        var result = SafetyRails.Apply([Change("spark.speculation", "true")], Env(), Established, ValidationContext.None, RunFailureClass.Infrastructure);
        result.Changes.Should().BeEmpty();
    }

    [Fact]
    public void Apply_RandomRunsAndConfigurations_EveryOutputPassesValidatorAndRatchet()
    {
        var random = new Random(10_0010);
        var failures = new List<string>();
        var inherited = 0;
        var changed = 0;
        for (var i = 0; i < MemoryRatchetTests.Cases; i++)
        {
            var env = TrustGen.Env(random);
            var cohort = TrustGen.Cohort(random, env);
            var context = TrustGen.Context(random);
            var changes = TrustGen.Changes(random, env);
            var result = SafetyRails.Apply(changes, env, cohort, context);
            changed += result.Changes.Count > 0 ? 1 : 0;

            var input = SafetyValidator.Check(env.Get, context).Select(v => v.Rule).ToHashSet(StringComparer.Ordinal);
            var get = ExecutorMemory.Effective(env, result.Changes.Pairs());
            var before = ExecutorMemory.From(env.Get).TotalBytes;
            var after = ExecutorMemory.From(get).TotalBytes;
            var violations = SafetyValidator.Check(get, context, result.Changes);
            foreach (var v in violations)
            {
                if (Unfixable(v, input, context, before, after, violations))
                {
                    inherited++;
                }
                else
                {
                    failures.Add($"case {i}: {v.Rule}: {v.Message}; pinned {string.Join(",", context.Pinned)}; input {string.Join(",", input)}; env {string.Join(",", env.SparkProperties.Select(p => p.Key + "=" + p.Value))}; changes {string.Join(",", changes.Select(c => c.Key + "=" + c.To))}; out {string.Join(",", result.Changes.Select(c => c.Key + "=" + c.To))}");
                }
            }

            if (MemoryRatchetTests.RatchetBroken(before, after, result.Changes.Any(c => ExecutorMemory.IsMemoryKey(c.Key)), cohort, result.LowConfidence) is { } why)
            {
                failures.Add($"case {i}: {why}");
            }
        }

        output.WriteLine($"rails: {MemoryRatchetTests.Cases} cases, {failures.Count} failures, {changed} with changes emitted, {inherited} violations inherited from the input and unfixable without pinned keys or lower memory");
        failures.Should().BeEmpty();
        changed.Should().BeGreaterThan(MemoryRatchetTests.Cases / 2);
        inherited.Should().BeLessThan(MemoryRatchetTests.Cases / 4, "most inputs must be repairable");
    }

    /// <summary>
    /// A violation the output may keep: it was already in the input and its repair needs a pinned key, or lower memory than the
    /// user runs with (the validator never lowers memory to fit; a person decides).
    /// </summary>
    private static bool Unfixable(Violation v, IReadOnlySet<string> input, ValidationContext context, long before, long after, IReadOnlyList<Violation> all)
    {
        if (!input.Contains(v.Rule))
        {
            return false;
        }

        bool Pinned(int i) => context.Pinned.Contains(v.Keys[i]);
        return v.Rule switch
        {
            "memory-container" => after <= before,
            "memory-node" => after <= before || context.ContainerLimitBytes > context.LargestNodeAllocatableBytes,
            "executors-min-max" or "aqe-partitions" or "request-limit" => Pinned(0) && Pinned(1),
            "executors-initial" or "instances-dynamic" => Pinned(0) || all.Any(x => x.Rule == "executors-min-max"),
            _ => false,
        };
    }
}
