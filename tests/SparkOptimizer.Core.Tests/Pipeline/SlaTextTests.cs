using SparkOptimizer.Pipeline;

namespace SparkOptimizer.Tests.Pipeline;

public sealed class SlaTextTests
{
    [Theory]
    [InlineData("45m", 45 * 60)]
    [InlineData("2h", 7200)]
    [InlineData("1h30m", 5400)]
    [InlineData("90s", 90)]
    public void Parse_Durations_AsUsersWriteThem(string text, int seconds)
    {
        SlaText.Parse(text).Should().Be(TimeSpan.FromSeconds(seconds));
    }

    [Theory]
    [InlineData("soon")]
    [InlineData("45")]
    [InlineData("0m")]
    [InlineData("")]
    public void Parse_NotADuration_IsNull(string text)
    {
        SlaText.Parse(text).Should().BeNull();
    }
}
