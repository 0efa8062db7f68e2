using SparkOptimizer.Ingest;
using SparkOptimizer.Ingest.Redaction;
using SparkOptimizer.Testing;

namespace SparkOptimizer.Tests.Ingest;

public sealed class SecretRedactorTests
{
    [Theory]
    [InlineData("spark.hadoop.fs.s3a.secret.key")]
    [InlineData("spark.hadoop.fs.s3a.access.key")]
    [InlineData("spark.ssl.keyStorePassword")]
    [InlineData("spark.authenticate.secret")]
    [InlineData("spark.kubernetes.driverEnv.ANYTHING")]
    [InlineData("spark.executorEnv.AWS_SESSION_TOKEN")]
    [InlineData("fs.azure.account.key.acct.blob.core.windows.net")]
    public void RedactProperty_SecretKey_MasksWholeValue(string key)
    {
        SecretRedactor.Default.RedactProperty(key, "value-123").Should().Be(SecretRedactor.Mask);
    }

    [Theory]
    [InlineData("spark.executor.memory", "4g")]
    [InlineData("spark.sql.shuffle.partitions", "200")]
    [InlineData("spark.master", "k8s://https://kubernetes.default.svc:443")]
    public void RedactProperty_OrdinarySetting_KeepsValue(string key, string value)
    {
        SecretRedactor.Default.RedactProperty(key, value).Should().Be(value);
    }

    [Theory]
    [InlineData("jdbc:postgresql://h/db?user=u&password=hunter2&ssl=true", "hunter2", "ssl=true")]
    [InlineData("-Dx=1 -Dapi.token=abc123 -Dy=2", "abc123", "-Dy=2")]
    [InlineData("s3a://AKIAIOSFODNN7EXAMPLE:wJalrXUtnFEMI@bucket/path", "wJalrXUtnFEMI", "bucket/path")]
    [InlineData("Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJlX2hlcmU", "eyJhbGciOiJIUzI1NiJ9", "Authorization")]
    [InlineData("https://acct.blob.core.windows.net/c?sv=2020&sig=AbCdEf123%2B&se=2030", "AbCdEf123", "sv=2020")]
    public void RedactText_SecretInsideValue_MasksOnlyTheSecret(string text, string secret, string kept)
    {
        var redacted = SecretRedactor.Default.RedactText(text);

        redacted.Should().NotContain(secret);
        redacted.Should().Contain(kept);
    }

    [Fact]
    public void Read_RealLog_RecordsWhichKeysWereRedacted()
    {
        var run = new EventLogReader().Read(new LocalEventLogLocator().Locate(Corpus.Path("spark-rapids-tools/spark-events-qualification/jdbc_eventlog.zstd")).Single());

        run.Environment.SparkProperties.Values.Should().NotContain(v => v.Contains("password=", StringComparison.OrdinalIgnoreCase) && !v.Contains(SecretRedactor.Mask, StringComparison.Ordinal));
    }
}
