using SparkOptimizer.Model;
using SparkOptimizer.Recommendation;

namespace SparkOptimizer.Tests.Recommendation;

public sealed class ExecutorSizerTests
{
    private const long GiB = ByteSize.GiB;

    [Fact]
    public void Size_RandomRunsAndDemands_NeverBelowObservedPeakTimesBufferNorBelowCurrentWithoutPermission()
    {
        var random = new Random(20261127);
        var checkedCases = 0;
        for (var i = 0; i < 5000; i++)
        {
            var heap = random.NextInt64(GiB / 2, 64 * GiB);
            var overheadExplicit = random.Next(2) == 0;
            var overhead = overheadExplicit ? random.NextInt64(256 * ByteSize.MiB, 8 * GiB) : ExecutorSizer.DefaultOverhead(heap);
            var cores = random.Next(1, 17);
            int? instances = random.Next(3) == 0 ? null : random.Next(1, 200);
            var offHeap = random.Next(4) == 0 ? random.NextInt64(0, 4 * GiB) : 0;
            var pyspark = random.Next(4) == 0 ? random.NextInt64(0, 4 * GiB) : 0;
            long? peakHeap = random.Next(5) == 0 ? null : (long)(heap * random.NextDouble() * 1.5);
            var container = heap + overhead + offHeap + pyspark;
            long? peakRss = random.Next(5) == 0 ? null : (long)(container * random.NextDouble() * 1.6);
            var local = random.Next(10) == 0;
            var observed = new ExecutorObservation(new ExecutorShape(heap, local ? 0 : overhead, cores, local ? null : instances), local ? 0 : offHeap, local ? 0 : pyspark, peakHeap, local ? null : peakRss, random.Next(4) == 0, overheadExplicit, local);
            var demand = new ExecutorDemand(
                random.Next(2) == 0 ? null : random.NextInt64(GiB / 4, 96 * GiB),
                random.Next(3) == 0 ? random.NextInt64(0, 8 * GiB) : null,
                random.Next(3) == 0 ? random.Next(1, 17) : null,
                random.Next(3) == 0 ? random.Next(1, 300) : null,
                random.Next(3) == 0 ? random.NextInt64(GiB / 4, 64 * GiB) : null);
            var allowDecrease = random.Next(2) == 0;
            var buffer = 0.2;
            var node = random.Next(3) == 0 ? new NodeLimit(random.NextInt64(4 * GiB, 128 * GiB), random.Next(2, 65)) : null;

            var sizing = new ExecutorSizer(buffer, allowDecrease, node).Size(observed, demand);
            var p = sizing.Proposed;

            if (peakHeap is { } h)
            {
                p.HeapBytes.Should().BeGreaterThanOrEqualTo((long)Math.Ceiling(h * (1 + buffer)), $"case {i}: heap floor");
            }

            if (!local && peakRss is { } r)
            {
                (p.HeapBytes + p.OverheadBytes + observed.OffHeapBytes + observed.PySparkBytes).Should().BeGreaterThanOrEqualTo((long)Math.Ceiling(r * (1 + buffer)), $"case {i}: container floor");
            }

            if (!allowDecrease || observed.MemoryFailureSeen)
            {
                p.HeapBytes.Should().BeGreaterThanOrEqualTo(heap, $"case {i}: no decrease");
                p.OverheadBytes.Should().BeGreaterThanOrEqualTo(observed.Current.OverheadBytes, $"case {i}: no overhead decrease");
            }

            p.Cores.Should().BeGreaterThanOrEqualTo(1);
            if (node is not null && !local)
            {
                p.Cores.Should().BeLessThanOrEqualTo(node.MaxCores, $"case {i}: node cores");
                var proposedContainer = p.HeapBytes + p.OverheadBytes + observed.OffHeapBytes + observed.PySparkBytes;
                (proposedContainer <= node.MaxContainerBytes || sizing.Notes.Any(n => n.StartsWith("needs a node larger", StringComparison.Ordinal))
                    || proposedContainer <= container).Should().BeTrue($"case {i}: fits the node, keeps the current size, or says it needs a larger one");
            }
            if (p.Instances is { } n)
            {
                n.Should().BeGreaterThanOrEqualTo(1);
            }

            checkedCases++;
        }

        checkedCases.Should().Be(5000);
    }

    [Fact]
    public void Size_IncreaseBeyondTheLargestNode_StopsAtTheNodeButNotBelowThePeak()
    {
        var observed = new ExecutorObservation(new ExecutorShape(8 * GiB, 1 * GiB, 4, 10), 0, 0, 6 * GiB, null, false, true, false);

        var sizing = new ExecutorSizer(0.2, false, new NodeLimit(13 * GiB, 8)).Size(observed, new ExecutorDemand(HeapAtLeast: 24 * GiB));

        sizing.Proposed.HeapBytes.Should().Be(12 * GiB);
        sizing.Notes.Should().Contain(n => n.StartsWith("heap capped", StringComparison.Ordinal));
    }

    [Fact]
    public void Size_MoreCoresRequested_KeepsHeapPerCoreAndTotalCores()
    {
        var observed = new ExecutorObservation(new ExecutorShape(8 * GiB, 1 * GiB, 2, 10), 0, 0, 4 * GiB, null, false, true, false);

        var p = new ExecutorSizer().Size(observed, new ExecutorDemand(Cores: 4)).Proposed;

        p.HeapBytes.Should().Be(16 * GiB);
        p.Instances.Should().Be(5);
    }

    [Fact]
    public void Size_LowerTargetWithoutPermission_KeepsCurrentMemory()
    {
        var observed = new ExecutorObservation(new ExecutorShape(30 * GiB, 3 * GiB, 4, 4), 0, 0, 2 * GiB, null, false, false, false);

        var p = new ExecutorSizer().Size(observed, new ExecutorDemand(HeapTarget: 4 * GiB)).Proposed;

        p.HeapBytes.Should().Be(30 * GiB);
    }

    [Fact]
    public void Size_LowerTargetAllowed_StopsAtPeakTimesBuffer()
    {
        var observed = new ExecutorObservation(new ExecutorShape(30 * GiB, 3 * GiB, 4, 4), 0, 0, 10 * GiB, null, false, false, false);

        var p = new ExecutorSizer(0.2, allowDecrease: true).Size(observed, new ExecutorDemand(HeapTarget: 4 * GiB)).Proposed;

        p.HeapBytes.Should().BeGreaterThanOrEqualTo(12 * GiB).And.BeLessThan(13 * GiB);
    }
}
