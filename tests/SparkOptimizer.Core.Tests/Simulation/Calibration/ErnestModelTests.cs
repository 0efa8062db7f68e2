using SparkOptimizer.Model;
using SparkOptimizer.Simulation.Calibration;

namespace SparkOptimizer.Tests.Simulation.Calibration;

public sealed class ErnestModelTests
{
    private static RunHistoryEntry Run(int executors, double inputGiB, double seconds) =>
        new("app", executors, 2, new ByteSize(4L << 30), 200, (long)(inputGiB * (1L << 30)), (long)(seconds * 1000), (long)(seconds * 1000));

    private static double Truth(int slots, double inputGiB) => 5 + (20 * inputGiB / slots) + (2 * Math.Log(slots)) + (0.1 * slots);

    [Fact]
    public void Fit_NoiselessErnestHistory_RecoversTheModel()
    {
        var runs = new[] { 1, 2, 4, 6, 8, 12 }.SelectMany(e => new[] { 10.0, 40.0 }.Select(s => Run(e, s, Truth(e * 2, s)))).ToArray();

        var model = ErnestModel.Fit(runs, out var reason)!;

        reason.Should().BeNull();
        model.Fixed.Should().BeApproximately(5, 1e-3);
        model.PerDataPerSlot.Should().BeApproximately(20, 1e-3);
        model.LogSlots.Should().BeApproximately(2, 1e-3);
        model.PerSlot.Should().BeApproximately(0.1, 1e-4);
        model.PredictMs((long)(25.0 * (1L << 30)), 20).Should().BeApproximately(Truth(20, 25) * 1000, 1);
    }

    [Fact]
    public void Fit_TooFewRuns_SaysWhy()
    {
        var model = ErnestModel.Fit([Run(2, 10, 60), Run(4, 10, 40)], out var reason);

        model.Should().BeNull();
        reason.Should().Contain("2 run(s)");
    }

    [Fact]
    public void Fit_OneClusterSizeOnly_SaysWhy()
    {
        var runs = Enumerable.Range(0, 8).Select(i => Run(4, 10 + i, 60 + i)).ToArray();

        ErnestModel.Fit(runs, out var reason).Should().BeNull();
        reason.Should().Contain("distinct");
    }
}
