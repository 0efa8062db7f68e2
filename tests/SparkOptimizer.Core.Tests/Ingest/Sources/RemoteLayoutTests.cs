using SparkOptimizer.Ingest;
using SparkOptimizer.Ingest.Sources;

namespace SparkOptimizer.Tests.Ingest.Sources;

public sealed class RemoteLayoutTests
{
    [Fact]
    public void Group_FlatListing_AppliesTheLocalLocatorsRules()
    {
        RemoteObject[] listing =
        [
            new("logs", 0), // an ADLS Gen2 folder marker
            new("logs/app-1", 10),
            new("logs/app-1.crc", 1),
            new("logs/README.md", 1),
            new("logs/.hidden", 1),
            new("logs/eventlog_v2_app-2", 0),
            new("logs/eventlog_v2_app-2/appstatus_app-2.inprogress", 0),
            new("logs/eventlog_v2_app-2/events_10_app-2.zstd", 10),
            new("logs/eventlog_v2_app-2/events_9_app-2.zstd", 10),
            new("logs/eventlog_v2_app-2/events_1_app-2.zstd", 10),
            new("logs/db/eventlog", 10),
            new("logs/db/eventlog-2021-06-15--15-00.gz", 10),
            new("logs/deeper/still/app-3.inprogress", 10),
        ];

        var inputs = RemoteLayout.Group(RemoteLayout.Select("logs", listing), o => "s3://b/" + o.Key,
            o => new EventLogPart("s3://b/" + o.Key, () => Stream.Null, o.Length), _ => []);

        inputs.Select(i => (i.Path, i.Layout)).Should().Equal(
            ("s3://b/logs/app-1", "file"),
            ("s3://b/logs/db", "databricks-rolled"),
            ("s3://b/logs/deeper/still/app-3.inprogress", "file"),
            ("s3://b/logs/eventlog_v2_app-2", "spark-rolling"));
        inputs[1].Parts.Select(p => p.Name).Should().Equal("s3://b/logs/db/eventlog-2021-06-15--15-00.gz", "s3://b/logs/db/eventlog");
        inputs[3].Parts.Select(p => p.Name[(p.Name.LastIndexOf('/') + 1)..]).Should().Equal("events_1_app-2.zstd", "events_9_app-2.zstd", "events_10_app-2.zstd");
        inputs[3].Warnings.Should().HaveCount(7, "parts 2 to 8 are missing");
    }

    [Fact]
    public void Select_KeyThatIsAnObjectAndAPrefix_PicksTheObject()
    {
        RemoteObject[] listing = [new("logs/app", 5), new("logs/app2", 5), new("logs/app/x", 5)];

        RemoteLayout.Select("logs/app", listing).Should().Equal(listing[0]);
        RemoteLayout.Select("logs/app/", listing).Should().Equal(listing[2]);
        RemoteLayout.Select("logs/ap", listing).Should().BeEmpty("a key prefix is not a folder");
    }
}
