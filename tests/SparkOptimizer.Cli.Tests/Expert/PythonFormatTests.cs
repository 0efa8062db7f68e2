namespace SparkOptimizer.Tests.Expert;

public sealed class PythonFormatTests
{
    [Theory]
    [InlineData(2.25, "2.2")]
    [InlineData(0.25, "0.2")]
    [InlineData(1.25, "1.2")]
    [InlineData(-1.25, "-1.2")]
    [InlineData(2.35, "2.4")]
    [InlineData(2.45, "2.5")]
    [InlineData(0.05, "0.1")]
    [InlineData(0.15, "0.1")]
    [InlineData(1.0, "1.0")]
    [InlineData(0.0, "0.0")]
    [InlineData(123.456, "123.5")]
    [InlineData(1e20, "100000000000000000000.0")]
    public void OneDecimal_AnyValue_ReadsAsPythonsPercentPointOneF(double value, string python)
    {
        PythonFormat.OneDecimal(value).Should().Be(python, "the figures were printed by Python's '%.1f' % value");
    }
}
