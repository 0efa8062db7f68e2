namespace SparkOptimizer.Trust;

/// <summary>The few statistics the rails use: mean, sample standard deviation, coefficient of variation, median.</summary>
internal static class Stats
{
    public static double Mean(IReadOnlyList<double> xs) => xs.Count == 0 ? 0 : xs.Average();

    public static double StdDev(IReadOnlyList<double> xs)
    {
        if (xs.Count < 2)
        {
            return 0;
        }

        var m = Mean(xs);
        return Math.Sqrt(xs.Sum(x => (x - m) * (x - m)) / (xs.Count - 1));
    }

    public static double Cv(IReadOnlyList<double> xs) => Mean(xs) is > 0 and var m ? StdDev(xs) / m : 0;

    public static double Median(IReadOnlyList<double> xs)
    {
        if (xs.Count == 0)
        {
            return 0;
        }

        var s = xs.Order().ToArray();
        return s.Length % 2 == 1 ? s[s.Length / 2] : (s[(s.Length / 2) - 1] + s[s.Length / 2]) / 2;
    }
}
