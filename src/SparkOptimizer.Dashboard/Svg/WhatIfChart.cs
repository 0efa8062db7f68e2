using SparkOptimizer.Dashboard.Html;
using SparkOptimizer.Dashboard.Views;

namespace SparkOptimizer.Dashboard.Svg;

/// <summary>
/// Predicted duration against executor count, with its interval as a band, and cost (or executor-hours when the run is
/// not priced) on the right-hand axis; the observed configuration is ringed.
/// </summary>
public static class WhatIfChart
{
    public static string Render(IReadOnlyList<WhatIfPoint> points, string currency)
    {
        ArgumentNullException.ThrowIfNull(points);
        const double left = 70, right = 80, top = 24, width = 1000, height = 280;
        var svg = new SvgWriter("whatif", $"What-if: predicted duration and {(points.Any(p => p.Cost is not null) ? "cost" : "executor-hours")} for {points.Count} executor counts", width, height);
        if (points.Count == 0)
        {
            return svg.Text(left, top + 20, "no prediction").ToString();
        }

        var priced = points.All(p => p.Cost is not null);
        double Second(WhatIfPoint p) => priced ? (double)p.Cost!.Value : p.ExecutorHours;
        var x = new Scale(0, points.Max(p => p.Executors) * 1.05, left, width - right);
        var y = new Scale(0, points.Max(p => p.HighMs) * 1.1, height - 26, top);
        var y2 = new Scale(0, Math.Max(1e-9, points.Max(Second) * 1.1), height - 26, top);
        Axis.Left(svg, y, left, width - right, Axis.Ms);
        Axis.Bottom(svg, x, top, height - 26, v => H.N(v, "0"), integers: true);
        foreach (var t in y2.Ticks(4))
        {
            svg.Text(width - right + 6, y2[t] + 4, priced ? H.Money((decimal)t, currency) : H.N(t, "0.##") + " h", "tick axis2");
        }

        var band = points.Select(p => (x[p.Executors], y[p.HighMs])).Concat(points.AsEnumerable().Reverse().Select(p => (x[p.Executors], y[p.LowMs])));
        svg.Path(band, "band", close: true);
        svg.Path(points.Select(p => (x[p.Executors], y[p.DurationMs])), "line duration");
        svg.Path(points.Select(p => (x[p.Executors], y2[Second(p)])), "line cost");
        foreach (var p in points)
        {
            var second = priced ? H.Money(p.Cost, currency) : H.N(p.ExecutorHours, "0.##") + " executor-hours";
            svg.Circle(x[p.Executors], y[p.DurationMs], p.Observed ? 6 : 3.5, p.Observed ? "dot observed" : "dot duration",
                $"{p.Executors} executors: {Axis.Ms(p.DurationMs)} ({Axis.Ms(p.LowMs)} to {Axis.Ms(p.HighMs)}), {second}{(p.Observed ? " (observed configuration)" : string.Empty)}");
            svg.Circle(x[p.Executors], y2[Second(p)], 3, "dot cost");
        }

        svg.Rect(left + 10, 6, 14, 4, "line-key duration").Text(left + 28, 12, "predicted duration (band: interval)");
        svg.Rect(left + 280, 6, 14, 4, "line-key cost").Text(left + 298, 12, priced ? "cost per run (right axis)" : "executor-hours (right axis)");
        svg.Text(width / 2, height - 2, "executors", "tick", "middle");
        return svg.ToString();
    }
}
