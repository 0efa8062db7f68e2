namespace SparkOptimizer.History.Tests;

public sealed class CohortNameTests
{
    [Theory]
    [InlineData("NewYorkTaxiData_2025_06_27_00_24_44", "NewYorkTaxiData")]
    [InlineData("daily_etl_2026-11-27", "daily_etl")]
    [InlineData("daily-etl-20261127-0300", "daily-etl")]
    [InlineData("PythonPi", "PythonPi")]
    [InlineData("job_2024", "job_2024")]
    [InlineData("2025_06_27", "2025_06_27")]
    public void FromAppName_TimestampSuffix_IsRemoved(string appName, string cohort) =>
        CohortName.FromAppName(appName).Should().Be(cohort);
}
