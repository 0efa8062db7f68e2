using SparkOptimizer.Simulation.Calibration;

namespace SparkOptimizer.Tests.Simulation.Calibration;

public sealed class NnlsTests
{
    [Fact]
    public void Solve_UnconstrainedOptimumNegative_ClampsAtZero()
    {
        double[][] a = [[1, 0], [0, 1], [1, 1]];
        double[] b = [1, -1, 0];

        var x = Nnls.Solve(a, b);

        x[0].Should().BeApproximately(0.5, 1e-9);
        x[1].Should().Be(0);
    }

    [Fact]
    public void Solve_ExactNonNegativeSystem_RecoversCoefficients()
    {
        double[] theta = [3, 0.5, 0, 2];
        var rows = Enumerable.Range(1, 12).Select(i => new double[] { 1, 10.0 / i, Math.Log(i), i }).ToArray();
        var b = rows.Select(r => r.Zip(theta, (f, t) => f * t).Sum()).ToArray();

        var x = Nnls.Solve(rows, b);

        x.Should().BeEquivalentTo(theta, o => o.Using<double>(c => c.Subject.Should().BeApproximately(c.Expectation, 1e-6)).WhenTypeIs<double>());
    }

    [Fact]
    public void Solve_AllNegativeCorrelation_ReturnsZeroVector()
    {
        double[][] a = [[1], [2], [3]];
        double[] b = [-1, -2, -3];

        Nnls.Solve(a, b).Should().Equal(0);
    }
}
