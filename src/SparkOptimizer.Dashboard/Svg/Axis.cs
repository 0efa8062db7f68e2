using SparkOptimizer.Dashboard.Html;

namespace SparkOptimizer.Dashboard.Svg;

/// <summary>Grid lines and tick labels for the charts' axes.</summary>
public static class Axis
{
    public static void Bottom(SvgWriter svg, Scale x, double top, double bottom, Func<double, string> label, int ticks = 6, bool integers = false)
    {
        foreach (var t in x.Ticks(ticks, integers))
        {
            svg.Line(x[t], top, x[t], bottom, "grid");
            svg.Text(x[t], bottom + 14, label(t), "tick", "middle");
        }
    }

    public static void Left(SvgWriter svg, Scale y, double left, double right, Func<double, string> label, int ticks = 4)
    {
        foreach (var t in y.Ticks(ticks))
        {
            svg.Line(left, y[t], right, y[t], "grid");
            svg.Text(left - 6, y[t] + 4, label(t), "tick", "end");
        }
    }

    public static string Ms(double ms) => ms >= 3_600_000 ? H.N(ms / 3_600_000, "0.#") + " h" : ms >= 60_000 ? H.N(ms / 60_000, "0.#") + " min" : ms >= 1000 ? H.N(ms / 1000, "0.#") + " s" : H.N(ms, "0") + " ms";
}
