namespace SparkOptimizer.Dashboard.Svg;

/// <summary>A linear map from a data domain onto a pixel range.</summary>
public readonly record struct Scale(double DomainMin, double DomainMax, double RangeMin, double RangeMax)
{
    public double this[double value]
    {
        get
        {
            var span = DomainMax - DomainMin;
            var t = span <= 0 ? 0 : (value - DomainMin) / span;
            return RangeMin + (Math.Clamp(t, 0, 1) * (RangeMax - RangeMin));
        }
    }

    /// <summary>About <paramref name="count"/> round tick values across the domain.</summary>
    public IReadOnlyList<double> Ticks(int count = 5, bool integers = false)
    {
        var span = DomainMax - DomainMin;
        if (span <= 0 || !double.IsFinite(span))
        {
            return [DomainMin];
        }

        var raw = span / Math.Max(1, count);
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        var step = new[] { 1, 2, 2.5, 5, 10 }.Select(m => m * magnitude).Where(s => !integers || (s >= 1 && s % 1 == 0)).First(s => s >= raw);
        var ticks = new List<double>();
        for (var v = Math.Ceiling(DomainMin / step) * step; v <= DomainMax + (step / 1e6); v += step)
        {
            ticks.Add(v);
        }

        return ticks;
    }
}
