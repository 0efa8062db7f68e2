using SparkOptimizer.Dashboard.Views;

namespace SparkOptimizer.Dashboard.Svg;

/// <summary>Executor cores over time: alive cores as the light area, busy cores as the dark area; the gap between is idle.</summary>
public static class UtilisationChart
{
    public static string Render(IReadOnlyList<UtilisationSample> samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        const double left = 60, right = 20, top = 10, width = 1000, height = 220;
        var end = samples.Count == 0 ? 1 : Math.Max(1, samples[^1].AtMs);
        var peak = Math.Max(1, samples.Count == 0 ? 1 : samples.Max(s => s.AliveCores));
        var x = new Scale(0, end, left, width - right);
        var y = new Scale(0, peak * 1.1, height - 26, top);
        var busyAvg = samples.Count == 0 ? 0 : samples.Average(s => s.BusyCores);
        var aliveAvg = samples.Count == 0 ? 0 : samples.Average(s => s.AliveCores);
        var svg = new SvgWriter("utilisation", $"Executor cores over time: on average {busyAvg:0.#} busy of {aliveAvg:0.#} alive", width, height);
        Axis.Left(svg, y, left, width - right, v => Html.H.N(v, "0.#"));
        Axis.Bottom(svg, x, top, height - 26, Axis.Ms);
        IEnumerable<(double, double)> Area(Func<UtilisationSample, double> f) =>
            samples.Select(s => (x[s.AtMs], y[f(s)])).Prepend((x[0], y[0])).Append((x[end], y[0]));
        svg.Path(Area(s => s.AliveCores), "area alive", close: true);
        svg.Path(Area(s => s.BusyCores), "area busy", close: true);
        svg.Rect(left + 10, top + 2, 10, 10, "area alive").Text(left + 24, top + 11, "alive cores (idle part light)");
        svg.Rect(left + 220, top + 2, 10, 10, "area busy").Text(left + 234, top + 11, "busy cores");
        return svg.ToString();
    }
}
