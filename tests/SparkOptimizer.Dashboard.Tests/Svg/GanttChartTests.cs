using System.Xml.Linq;
using SparkOptimizer.Dashboard.Svg;
using SparkOptimizer.Dashboard.Views;

namespace SparkOptimizer.Dashboard.Tests.Svg;

public sealed class GanttChartTests
{
    [Fact]
    public void Render_ThreeAttempts_OneBarEachWithCriticalAndFailedMarked()
    {
        StageBar[] bars =
        [
            new("0.0", 0, 0, "read <x> & parse", 0, 1_000, 4, "Complete", Critical: true),
            new("1.0", 1, 0, "join", 1_000, 2_000, 8, "Failed", Critical: false),
            new("1.1", 1, 1, "join", 2_000, 5_000, 8, "Complete", Critical: true),
        ];

        var svg = XElement.Parse(GanttChart.Render(bars, 5_000));

        var rects = svg.Descendants().Where(e => e.Name.LocalName == "rect" && ((string?)e.Attribute("class") ?? string.Empty).Split(' ').Contains("bar")).ToList();
        rects.Select(r => (string?)r.Attribute("data-stage")).Should().Equal("0.0", "1.0", "1.1");
        rects.Count(r => ((string)r.Attribute("class")!).Contains("critical")).Should().Be(2);
        rects.Count(r => ((string)r.Attribute("class")!).Contains("failed")).Should().Be(1);
        ((string?)svg.Attribute("aria-label")).Should().Contain("3 stage attempts");
    }
}
