using SparkOptimizer.Pricing;

namespace SparkOptimizer.Tests.Pricing;

public sealed class MoneyTests
{
    [Theory]
    [InlineData(12.5, "USD", "$12.50")]
    [InlineData(1234.567, "USD", "$1,234.57")]
    [InlineData(-4.5, "USD", "-$4.50")]
    [InlineData(0.0042, "USD", "$0.0042")]
    [InlineData(3, "EUR", "3.00 EUR")]
    public void ToString_Amount_FormatsForReports(double amount, string currency, string expected)
    {
        new Money((decimal)amount, currency).ToString().Should().Be(expected);
    }

    [Fact]
    public void Add_DifferentCurrencies_Throws()
    {
        var act = () => new Money(1, "USD") + new Money(1, "EUR");

        act.Should().Throw<InvalidOperationException>();
    }
}
