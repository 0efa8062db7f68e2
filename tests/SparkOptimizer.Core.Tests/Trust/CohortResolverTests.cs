using SparkOptimizer.Trust;

namespace SparkOptimizer.Tests.Trust;

public sealed class CohortResolverTests
{
    [Theory]
    [InlineData("NewYorkTaxiData_2025_06_27_00_24_44", "NewYorkTaxiData")]
    [InlineData("nightly-etl-20250627-002444", "nightly-etl")]
    [InlineData("ingest_1719447884", "ingest")]
    [InlineData("ingest_1719447884123", "ingest")]
    [InlineData("report_20250627", "report")]
    [InlineData("report-2025-06-27", "report")]
    [InlineData("report-2025-06-27T00:24:44", "report")]
    [InlineData("Spark Pi", "Spark Pi")]
    [InlineData("job_v2", "job_v2")]
    [InlineData("etl_stage_12", "etl_stage_12")]
    public void StripTimestamp_Name_RemovesOnlyTheTimestampSuffix(string name, string expected) =>
        CohortResolver.StripTimestamp(name).Should().Be(expected);

    [Fact]
    public void Resolve_OwnerGiven_OwnerWinsOverAnnotationAndName() =>
        CohortResolver.Resolve("taxi-scheduled", new Dictionary<string, string> { [CohortResolver.CohortAnnotation] = "x" }, "NewYorkTaxiData_2025_06_27_00_24_44").Should().Be("taxi-scheduled");

    [Fact]
    public void Resolve_NoOwner_AnnotationWinsOverName() =>
        CohortResolver.Resolve(null, new Dictionary<string, string> { [CohortResolver.CohortAnnotation] = "taxi" }, "NewYorkTaxiData_2025_06_27_00_24_44").Should().Be("taxi");

    [Fact]
    public void Resolve_NameOnly_NameWithoutTimestamp() =>
        CohortResolver.Resolve(" ", null, "NewYorkTaxiData_2025_06_27_00_24_44").Should().Be("NewYorkTaxiData");
}
