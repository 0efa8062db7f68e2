using SparkOptimizer.Dashboard.Html;
using SparkOptimizer.Dashboard.Views;

namespace SparkOptimizer.Dashboard.Svg;

/// <summary>Paid core-hours as one stacked bar: used by tasks, then each cause of waste.</summary>
public static class CostBreakdownChart
{
    public static string Render(IReadOnlyList<CostSlice> slices)
    {
        ArgumentNullException.ThrowIfNull(slices);
        const double left = 10, width = 1000, height = 60;
        var cores = slices.Where(s => s.CoreHours > 0).ToList();
        var total = Math.Max(1e-9, cores.Sum(s => s.CoreHours));
        var svg = new SvgWriter("costbreakdown", "Paid core-hours split into used and wasted by cause", width, height);
        var x = left;
        for (var i = 0; i < cores.Count; i++)
        {
            var s = cores[i];
            var w = (width - (2 * left)) * s.CoreHours / total;
            svg.Rect(x, 8, w, 26, $"slice s{i}", $"{s.Cause}: {H.N(s.CoreHours, "0.###")} core-hours ({H.N(100 * s.CoreHours / total, "0.#")}%)");
            if (w > 90)
            {
                svg.Text(x + 4, 26, $"{s.Cause} {H.N(100 * s.CoreHours / total, "0")}%", "slice-label");
            }

            x += w;
        }

        return svg.ToString();
    }
}
