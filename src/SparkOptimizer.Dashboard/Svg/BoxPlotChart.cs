using SparkOptimizer.Dashboard.Views;

namespace SparkOptimizer.Dashboard.Svg;

/// <summary>Task durations per stage as boxes on a log scale: whiskers min to max, box p25 to p75, median line, p95 tick. Skew shows as a long right whisker.</summary>
public static class BoxPlotChart
{
    public static string Render(IReadOnlyList<StageDistribution> stages)
    {
        ArgumentNullException.ThrowIfNull(stages);
        const double left = 210, right = 20, top = 10, width = 1000;
        var row = stages.Count <= 20 ? 18.0 : 12.0;
        var height = top + (stages.Count * row) + 30;
        var max = Math.Max(10, stages.Count == 0 ? 10 : stages.Max(s => s.MaxMs));
        var x = new Scale(0, Math.Log10(max) + 0.05, left, width - right);
        double X(long ms) => x[Math.Log10(Math.Max(1, ms))];
        var svg = new SvgWriter("distribution", $"Task duration distribution for {stages.Count} stages (log scale)", width, height);
        for (var p = 0; p <= Math.Ceiling(Math.Log10(max)); p++)
        {
            var v = Math.Pow(10, p);
            svg.Line(x[p], top, x[p], height - 24, "grid").Text(x[p], height - 10, Axis.Ms(v), "tick", "middle");
        }

        for (var i = 0; i < stages.Count; i++)
        {
            var s = stages[i];
            var y = top + (i * row);
            var mid = y + (row / 2);
            svg.Text(left - 6, mid + 4, $"{s.Key} ({s.Tasks})", "tick", "end");
            var title = $"Stage {s.Key}: {s.Tasks} tasks; min {Axis.Ms(s.MinMs)}, median {Axis.Ms(s.P50Ms)}, p95 {Axis.Ms(s.P95Ms)}, max {Axis.Ms(s.MaxMs)}";
            svg.Raw($"<g class=\"box\" data-stage=\"{s.Key}\"><title>{Html.H.E(title)}</title>");
            svg.Line(X(s.MinMs), mid, X(s.MaxMs), mid, "whisker");
            svg.Rect(X(s.P25Ms), y + 3, Math.Max(1.5, X(s.P75Ms) - X(s.P25Ms)), row - 6, "iqr");
            svg.Line(X(s.P50Ms), y + 2, X(s.P50Ms), y + row - 2, "median");
            svg.Line(X(s.P95Ms), y + 5, X(s.P95Ms), y + row - 5, "p95");
            svg.Line(X(s.MaxMs), y + 4, X(s.MaxMs), y + row - 4, "whisker");
            svg.Raw("</g>");
        }

        return svg.ToString();
    }
}
