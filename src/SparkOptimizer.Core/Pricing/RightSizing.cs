namespace SparkOptimizer.Pricing;

/// <summary>The current node pool against the cheapest node shape that holds what the run needed.</summary>
public sealed record RightSizing(
    string CurrentShape,
    int CurrentNodes,
    Money CurrentCost,
    string RecommendedShape,
    int RecommendedNodes,
    int RecommendedExecutors,
    int RecommendedCoresPerExecutor,
    Money RecommendedCost,
    string Basis)
{
    public Money Savings => CurrentCost - RecommendedCost;

    public double SavingsPct => CurrentCost.Amount > 0 ? (double)(Savings.Amount / CurrentCost.Amount) * 100 : 0;

    /// <summary>The report's COST OPTIMIZATION lines.</summary>
    public IReadOnlyList<string> Lines() =>
    [
        $"Current: {CurrentNodes} x {CurrentShape} = {CurrentCost.Round()}/run",
        $"Recommended: {RecommendedNodes} x {RecommendedShape} = {RecommendedCost.Round()}/run",
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"Savings: {Savings.Round()}/run ({SavingsPct:0}%)"),
    ];
}
