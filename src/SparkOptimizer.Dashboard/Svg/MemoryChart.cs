using SparkOptimizer.Dashboard.Views;
using SparkOptimizer.Model;

namespace SparkOptimizer.Dashboard.Svg;

/// <summary>Per executor: peak heap against the heap size, and peak process RSS against the pod's memory (heap + overhead + off-heap).</summary>
public static class MemoryChart
{
    public static string Render(IReadOnlyList<MemoryBar> bars)
    {
        ArgumentNullException.ThrowIfNull(bars);
        const double left = 90, right = 20, top = 24, width = 1000, row = 26;
        var height = top + (bars.Count * row) + 30;
        var max = Math.Max(1, bars.Count == 0 ? 1 : bars.Max(b => Math.Max(b.PodLimitBytes, Math.Max(b.PeakRssBytes ?? 0, b.PeakHeapBytes ?? 0))));
        // The scale runs in GiB so that ticks fall on round GiB values.
        var gib = new Scale(0, max / (double)ByteSize.GiB, left, width - right);
        Func<double, double> x = bytes => gib[bytes / ByteSize.GiB];
        var svg = new SvgWriter("memory", $"Peak memory of {bars.Count} executors against heap and pod limits", width, height);
        Axis.Bottom(svg, gib, top, height - 24, v => Html.H.N(v, "0.##") + " GiB");
        svg.Rect(left, 4, 10, 10, "heap").Text(left + 14, 13, "peak heap");
        svg.Rect(left + 110, 4, 10, 10, "rss").Text(left + 124, 13, "peak RSS");
        svg.Line(left + 220, 4, left + 220, 14, "limit heap-limit").Text(left + 226, 13, "heap size");
        svg.Line(left + 320, 4, left + 320, 14, "limit pod-limit").Text(left + 326, 13, "pod memory");
        for (var i = 0; i < bars.Count; i++)
        {
            var b = bars[i];
            var y = top + (i * row);
            svg.Text(left - 6, y + 16, b.ExecutorId == "driver" ? "driver" : $"exec {b.ExecutorId}", "tick", "end");
            var heap = b.PeakHeapBytes is { } h ? ByteSize.Format(h) : "not recorded";
            var rss = b.PeakRssBytes is { } r ? ByteSize.Format(r) : "not recorded";
            svg.Rect(x(0), y + 3, x(b.PeakHeapBytes ?? 0) - x(0), 9, "heap", $"{b.ExecutorId}: peak heap {heap} of {ByteSize.Format(b.HeapLimitBytes)}");
            svg.Rect(x(0), y + 13, x(b.PeakRssBytes ?? 0) - x(0), 9, "rss", $"{b.ExecutorId}: peak RSS {rss} of {ByteSize.Format(b.PodLimitBytes)} pod memory");
            svg.Line(x(b.HeapLimitBytes), y + 1, x(b.HeapLimitBytes), y + 13, "limit heap-limit");
            svg.Line(x(b.PodLimitBytes), y + 11, x(b.PodLimitBytes), y + 24, "limit pod-limit");
        }

        return svg.ToString();
    }
}
