using System.Globalization;

namespace SparkOptimizer.Pricing;

/// <summary>An amount of money in one currency (prices from a price book carry their currency).</summary>
public readonly record struct Money(decimal Amount, string Currency = "USD") : IComparable<Money>
{
    public static Money Zero(string currency = "USD") => new(0, currency);

    public static Money operator +(Money a, Money b) => new(a.Amount + Same(a, b), a.Currency);

    public static Money operator -(Money a, Money b) => new(a.Amount - Same(a, b), a.Currency);

    public static Money operator *(Money a, decimal factor) => new(a.Amount * factor, a.Currency);

    public static Money operator *(Money a, double factor) => new(a.Amount * (decimal)factor, a.Currency);

    public int CompareTo(Money other) => Amount.CompareTo(Same(this, other));

    public Money Round(int decimals = 2) => new(Math.Round(Amount, decimals, MidpointRounding.AwayFromZero), Currency);

    /// <summary>"$12.50" for US dollars, "12.50 EUR" otherwise; amounts under a cent keep four decimals.</summary>
    public override string ToString()
    {
        var format = Math.Abs(Amount) is > 0 and < 0.01m ? "0.0000" : "#,0.00";
        var number = Math.Abs(Amount).ToString(format, CultureInfo.InvariantCulture);
        var sign = Amount < 0 ? "-" : string.Empty;
        return Currency == "USD" ? $"{sign}${number}" : $"{sign}{number} {Currency}";
    }

    private static decimal Same(Money a, Money b) =>
        a.Currency == b.Currency ? b.Amount : throw new InvalidOperationException($"Cannot combine {a.Currency} and {b.Currency}.");
}
