using SparkOptimizer.Publishing;

namespace SparkOptimizer.Tests;

public sealed class ScheduleWindowTests
{
    // 2026-11-27 is a Friday.
    [Theory]
    [InlineData("Mon-Fri 09:00-17:00", "2026-11-27T10:00:00Z", true)]
    [InlineData("Mon-Fri 09:00-17:00", "2026-11-27T17:00:00Z", false)]
    [InlineData("Mon-Fri 09:00-17:00", "2026-11-28T10:00:00Z", false)]
    [InlineData("Fri 22:00-06:00", "2026-11-28T05:59:00Z", true)]
    [InlineData("Fri 22:00-06:00", "2026-11-27T05:00:00Z", false)]
    [InlineData("Sat,Sun 00:00-24:00", "2026-11-29T23:59:00Z", true)]
    [InlineData("Sat-Mon 00:00-24:00", "2026-11-30T12:00:00Z", true)]
    [InlineData("* 00:00-24:00", "2026-11-27T12:00:00+05:00", true)]
    public void Contains_EvaluatesDaysAndHoursInUtc(string window, string instant, bool expected)
    {
        ScheduleWindow.Parse(window).Contains(DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture)).Should().Be(expected);
    }

    [Theory]
    [InlineData("weekdays")]
    [InlineData("Mon-Fri 9-17")]
    [InlineData("Funday 09:00-10:00")]
    public void Parse_Malformed_Throws(string window)
    {
        var act = () => ScheduleWindow.Parse(window);

        act.Should().Throw<FormatException>();
    }
}
