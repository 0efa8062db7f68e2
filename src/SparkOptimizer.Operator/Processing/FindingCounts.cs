namespace SparkOptimizer.Operator.Processing;

public sealed record FindingCounts(int Critical, int Severe, int Moderate, int Low)
{
    public int Total => Critical + Severe + Moderate + Low;
}
