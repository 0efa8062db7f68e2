using SparkOptimizer.Dashboard.Catalog;
using SparkOptimizer.Dashboard.Html;
using SparkOptimizer.Dashboard.Views;

namespace SparkOptimizer.Dashboard.Svg;

/// <summary>An app's runs over time: duration (left axis) and cost or core-hours (right), with a marker at each merged recommendation.</summary>
public static class HistoryChart
{
    public static string Render(IReadOnlyList<RunSummary> runs, IReadOnlyList<MergeMarker> merges, IReadOnlyList<PredictedRun>? predictions = null)
    {
        ArgumentNullException.ThrowIfNull(runs);
        ArgumentNullException.ThrowIfNull(merges);
        const double left = 70, right = 80, top = 24, width = 1000, height = 260;
        var svg = new SvgWriter("history", $"History of {runs.Count} runs: duration and cost over time, {merges.Count} merged recommendations", width, height);
        var priced = runs.All(r => r.Cost is not null);
        double Second(RunSummary r) => priced ? (double)r.Cost!.Value : r.CoreHours;
        var times = runs.Select(r => r.StartTime?.ToUnixTimeMilliseconds()).ToList();
        // Runs without a start time, or one run alone, are spaced by their order instead.
        var byOrder = times.Any(t => t is null) || times.Distinct().Count() < 2;
        double Pos(int i) => byOrder ? i : times[i]!.Value;
        var x = byOrder ? new Scale(-0.5, Math.Max(0.5, runs.Count - 0.5), left, width - right) : new Scale(times.Min()!.Value, times.Max()!.Value, left + 20, width - right - 20);
        predictions ??= [];
        var predicted = predictions.Select(p => (P: p, Index: runs.ToList().FindIndex(r => r.RunId == p.RunId))).Where(p => p.Index >= 0).ToList();
        var yMax = Math.Max(runs.Max(r => r.DurationMs ?? 0), predicted.Select(p => p.P.HighMs ?? p.P.PredictedDurationMs).DefaultIfEmpty(0).Max());
        var y = new Scale(0, Math.Max(1, yMax) * 1.1, height - 26, top);
        var y2 = new Scale(0, Math.Max(1e-9, runs.Max(Second)) * 1.1, height - 26, top);
        Axis.Left(svg, y, left, width - right, Axis.Ms);
        foreach (var t in y2.Ticks(4))
        {
            svg.Text(width - right + 6, y2[t] + 4, priced ? H.Money((decimal)t, runs[0].Currency) : H.N(t, "0.##") + " core-h", "tick axis2");
        }

        // Runs years apart are labelled by date; labels that would overlap the previous one are left out.
        var format = !byOrder && times.Max()!.Value - times.Min()!.Value > 200L * 86_400_000 ? "yyyy-MM-dd" : "MM-dd HH:mm";
        var lastLabel = double.NegativeInfinity;
        for (var i = 0; i < runs.Count; i++)
        {
            if (x[Pos(i)] - lastLabel < 80)
            {
                continue;
            }

            lastLabel = x[Pos(i)];
            svg.Text(lastLabel, height - 10, runs[i].StartTime is { } s ? s.UtcDateTime.ToString(format, System.Globalization.CultureInfo.InvariantCulture) : $"run {i + 1}", "tick", "middle");
        }

        if (!byOrder)
        {
            foreach (var m in merges)
            {
                var mx = x[m.MergedAt.ToUnixTimeMilliseconds()];
                svg.Line(mx, top, mx, height - 26, "merge").Raw($"<g class=\"merge-marker\"><title>{H.E("Merged: " + m.Title)}</title>").Circle(mx, top, 5, "merge-dot").Raw("</g>");
            }
        }

        svg.Path(runs.Select((r, i) => (x[Pos(i)], y[r.DurationMs ?? 0])), "line duration");
        svg.Path(runs.Select((r, i) => (x[Pos(i)], y2[Second(r)])), "line cost");
        for (var i = 0; i < runs.Count; i++)
        {
            var r = runs[i];
            svg.Circle(x[Pos(i)], y[r.DurationMs ?? 0], 4, "dot duration", $"{r.RunId}: {H.Duration(r.DurationMs)}");
            svg.Circle(x[Pos(i)], y2[Second(r)], 3, "dot cost", $"{r.RunId}: {(priced ? H.Money(r.Cost, r.Currency) : H.N(r.CoreHours) + " core-hours")}");
        }

        foreach (var (p, i) in predicted)
        {
            var px = x[Pos(i)];
            if (p.LowMs is { } low && p.HighMs is { } high)
            {
                svg.Line(px, y[low], px, y[high], "predicted-range");
            }

            svg.Raw($"<g class=\"predicted\" data-run=\"{H.E(p.RunId)}\"><title>{H.E($"{p.RunId}: predicted {H.Duration(p.PredictedDurationMs)}, observed {H.Duration(runs[i].DurationMs)}")}</title>");
            svg.Raw($"<path d=\"M{H.N(px)},{H.N(y[p.PredictedDurationMs] - 7)} l7,7 l-7,7 l-7,-7 Z\" class=\"predicted-mark\"/></g>");
        }

        svg.Rect(left + 10, 6, 14, 4, "line-key duration").Text(left + 28, 12, "duration");
        svg.Raw($"<path d=\"M{H.N(left + 540)},3 l5,5 l-5,5 l-5,-5 Z\" class=\"predicted-mark\"/>").Text(left + 550, 12, "predicted duration");
        svg.Rect(left + 120, 6, 14, 4, "line-key cost").Text(left + 138, 12, priced ? "cost per run (right axis)" : "core-hours (right axis)");
        svg.Line(left + 330, 4, left + 330, 14, "merge").Text(left + 336, 12, "recommendation merged");
        return svg.ToString();
    }
}
