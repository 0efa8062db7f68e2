using SparkOptimizer.Dashboard.Views;

namespace SparkOptimizer.Dashboard.Svg;

/// <summary>The stage timeline: one bar per stage attempt over wall time; critical-path stages drawn in the accent colour.</summary>
public static class GanttChart
{
    public static string Render(IReadOnlyList<StageBar> bars, long wallMs)
    {
        ArgumentNullException.ThrowIfNull(bars);
        const double left = 210, right = 20, top = 10, width = 1000;
        var row = bars.Count <= 30 ? 16.0 : bars.Count <= 80 ? 9.0 : Math.Max(3, 720.0 / bars.Count);
        var height = top + (bars.Count * row) + 30;
        var end = Math.Max(wallMs, bars.Count == 0 ? 1 : bars.Max(b => b.EndMs));
        var x = new Scale(0, Math.Max(1, end), left, width - right);
        var svg = new SvgWriter("timeline", $"Stage timeline: {bars.Count} stage attempts over {Axis.Ms(end)}", width, height);
        Axis.Bottom(svg, x, top, height - 24, Axis.Ms);
        for (var i = 0; i < bars.Count; i++)
        {
            var b = bars[i];
            var y = top + (i * row);
            if (row >= 9)
            {
                var name = b.Name.Length > 26 ? b.Name[..25] + "…" : b.Name;
                svg.Text(left - 6, y + (row * 0.75), $"{b.Key} {name}", "tick", "end");
            }

            var cls = "bar" + (b.Critical ? " critical" : string.Empty) + (b.Status == "Failed" ? " failed" : string.Empty);
            var title = $"Stage {b.Key} {b.Name}: {Axis.Ms(b.EndMs - b.StartMs)}, {b.Tasks} tasks, {b.Status}{(b.Critical ? ", on the critical path" : string.Empty)}";
            svg.Rect(x[b.StartMs], y + 1, Math.Max(1.5, x[b.EndMs] - x[b.StartMs]), row - 2, cls, title, $"data-stage=\"{b.Key}\"");
        }

        return svg.ToString();
    }
}
