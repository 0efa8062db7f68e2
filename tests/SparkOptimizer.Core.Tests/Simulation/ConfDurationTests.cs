using SparkOptimizer.Model;

namespace SparkOptimizer.Tests.Simulation;

public sealed class ConfDurationTests
{
    [Theory]
    [InlineData("100ms", 1, 100L)]
    [InlineData("10s", 1, 10_000L)]
    [InlineData("5min", 1, 300_000L)]
    [InlineData("5m", 1, 300_000L)]
    [InlineData("2h", 1, 7_200_000L)]
    [InlineData("1d", 1, 86_400_000L)]
    [InlineData("1500us", 1, 1L)]
    [InlineData(" 60S ", 1, 60_000L)]
    [InlineData("150", 1000, 150_000L)]
    [InlineData("150", 1, 150L)]
    public void Milliseconds_SparkTimeStrings(string text, long bareUnitMs, long expected) =>
        ConfDuration.Milliseconds(text, bareUnitMs).Should().Be(expected);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("1.5s")]
    [InlineData("soon")]
    public void Milliseconds_WhatSparkWouldRefuse_IsNull(string? text) =>
        ConfDuration.Milliseconds(text, 1).Should().BeNull();
}
