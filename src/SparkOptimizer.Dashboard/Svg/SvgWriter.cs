using System.Text;
using SparkOptimizer.Dashboard.Html;

namespace SparkOptimizer.Dashboard.Svg;

/// <summary>Writes an inline SVG with a role and accessible name; the charts append shapes through it.</summary>
public sealed class SvgWriter
{
    private readonly StringBuilder _sb = new();

    public SvgWriter(string id, string label, double width, double height)
    {
        Width = width;
        Height = height;
        _sb.Append($"<svg id=\"{H.E(id)}\" class=\"chart\" role=\"img\" aria-label=\"{H.E(label)}\" viewBox=\"0 0 {H.N(width)} {H.N(height)}\" preserveAspectRatio=\"xMinYMin meet\">");
    }

    public double Width { get; }

    public double Height { get; }

    public SvgWriter Raw(string markup)
    {
        _sb.Append(markup);
        return this;
    }

    public SvgWriter Rect(double x, double y, double w, double h, string cls, string? title = null, string? attrs = null)
    {
        _sb.Append($"<rect x=\"{H.N(x)}\" y=\"{H.N(y)}\" width=\"{H.N(Math.Max(0, w))}\" height=\"{H.N(Math.Max(0, h))}\" class=\"{cls}\"{(attrs is null ? string.Empty : " " + attrs)}>");
        if (title is not null)
        {
            _sb.Append($"<title>{H.E(title)}</title>");
        }

        _sb.Append("</rect>");
        return this;
    }

    public SvgWriter Line(double x1, double y1, double x2, double y2, string cls) =>
        Raw($"<line x1=\"{H.N(x1)}\" y1=\"{H.N(y1)}\" x2=\"{H.N(x2)}\" y2=\"{H.N(y2)}\" class=\"{cls}\"/>");

    public SvgWriter Text(double x, double y, string text, string cls = "label", string anchor = "start") =>
        Raw($"<text x=\"{H.N(x)}\" y=\"{H.N(y)}\" class=\"{cls}\" text-anchor=\"{anchor}\">{H.E(text)}</text>");

    public SvgWriter Path(IEnumerable<(double X, double Y)> points, string cls, bool close = false)
    {
        var d = string.Join(' ', points.Select((p, i) => $"{(i == 0 ? 'M' : 'L')}{H.N(p.X, "0.#")},{H.N(p.Y, "0.#")}"));
        return d.Length == 0 ? this : Raw($"<path d=\"{d}{(close ? " Z" : string.Empty)}\" class=\"{cls}\"/>");
    }

    public SvgWriter Circle(double x, double y, double r, string cls, string? title = null) =>
        Raw($"<circle cx=\"{H.N(x)}\" cy=\"{H.N(y)}\" r=\"{H.N(r)}\" class=\"{cls}\">{(title is null ? string.Empty : $"<title>{H.E(title)}</title>")}</circle>");

    public override string ToString() => _sb + "</svg>";
}
