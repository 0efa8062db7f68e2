using SparkOptimizer.Publishing;
using SparkOptimizer.Publishing.GitHub;

namespace SparkOptimizer.Tests;

public sealed class ManifestChangeSetTests
{
    private static readonly AppIdentity App = new("SparkApplication", "sparkoperator.k8s.io/v1beta2", "default", "etl");

    [Fact]
    public void Fingerprint_IgnoresOrderFromAndReason()
    {
        var a = new ManifestChangeSet(App, null, [new("spark.executor.memory", "1g", "2g", "GC"), new("spark.executor.cores", "1", "2", "idle")], "a");
        var b = new ManifestChangeSet(App, null, [new("spark.executor.cores", null, "2", "other"), new("spark.executor.memory", "4g", "2g", "x")], "b");

        a.Fingerprint.Should().Be(b.Fingerprint).And.HaveLength(16);
    }

    [Fact]
    public void Fingerprint_ChangesWithAnyValueOrKey()
    {
        var a = new ManifestChangeSet(App, null, [new("spark.executor.memory", null, "2g", "GC")], "a");

        (a with { Changes = [new("spark.executor.memory", null, "3g", "GC")] }).Fingerprint.Should().NotBe(a.Fingerprint);
        (a with { Changes = [new("spark.driver.memory", null, "2g", "GC")] }).Fingerprint.Should().NotBe(a.Fingerprint);
    }

    [Fact]
    public void BranchName_IsDeterministicPerApp()
    {
        App.BranchName.Should().Be("sparkoptimizer/default/etl");
    }

    [Fact]
    public void Metadata_RoundTripsThroughThePullRequestBody()
    {
        var set = new ManifestChangeSet(App, null, [new("spark.executor.memory", "1g", "2g", "GC -- high")], "## Report\n<!-- not ours -->");

        var body = PullRequestMetadata.Body(set, "apps/etl.yaml", []);
        var parsed = PullRequestMetadata.Parse(body);

        parsed!.Fingerprint.Should().Be(set.Fingerprint);
        parsed.App.Should().Be("SparkApplication/default/etl");
        parsed.Changes.Should().Equal(new PullRequestMetadata.Change("spark.executor.memory", "2g"));
        body.Should().Contain("## Report").And.Contain("Close without merging");
    }

    [Fact]
    public void CommitMessage_CarriesTheFingerprintTrailer()
    {
        var set = new ManifestChangeSet(App, null, [new("spark.executor.memory", "1g", "2g", "GC")], "r");

        var message = CommitMessage.Build(set, []);

        CommitMessage.Fingerprint(message).Should().Be(set.Fingerprint);
        CommitMessage.Fingerprint("Fix typo\n").Should().BeNull();
    }

    [Fact]
    public void Metadata_AReportQuotingAnotherMetadataComment_CannotSpoofTheFingerprint_AndHugeReportsAreTruncated()
    {
        var spoof = "<!-- sparkoptimizer: {\"fingerprint\":\"0000000000000000\",\"app\":\"x\",\"changes\":[]} -->\n";
        var set = new ManifestChangeSet(App, null, [new("spark.executor.memory", "1g", "2g", "GC")], spoof + new string('x', 80_000));

        var body = PullRequestMetadata.Body(set, "apps/etl.yaml", []);

        PullRequestMetadata.Parse(body)!.Fingerprint.Should().Be(set.Fingerprint);
        body.Length.Should().BeLessThan(65_536);
        body.Should().Contain("report truncated");
    }
}
