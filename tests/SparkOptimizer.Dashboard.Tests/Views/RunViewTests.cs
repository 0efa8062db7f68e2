using SparkOptimizer.Dashboard.Html;
using SparkOptimizer.Dashboard.Views;

namespace SparkOptimizer.Dashboard.Tests.Views;

public sealed class RunViewTests
{
    [Fact]
    public void Implausible_ReplayFarFromObserved_ExplainsAndDrawsNoCurve()
    {
        WhatIfPoint[] curve = [new(2, 82_861_772_468, 0, long.MaxValue, 1, null, Observed: true)];

        RunView.Implausible(curve, 8_377).Should().Contain("does not reproduce this run");
    }

    [Fact]
    public void Implausible_ReplayCloseToObserved_IsNull()
    {
        WhatIfPoint[] curve = [new(2, 9_000, 8_000, 10_000, 1, null, Observed: true)];

        RunView.Implausible(curve, 8_377).Should().BeNull();
    }

    [Fact]
    public void Duration_BeyondTimeSpan_IsTextNotAnException() => H.Duration(long.MaxValue).Should().Be("over 10,000 days");
}
