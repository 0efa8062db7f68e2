using SparkOptimizer.Ingest;
using SparkOptimizer.Ingest.Redaction;
using SparkOptimizer.Testing;

namespace SparkOptimizer.Tests.Ingest;

public sealed class SecretRedactorTests
{
    [Theory]
    [InlineData("spark.redis.auth")]
    [InlineData("spark.es.net.http.auth.pass")]
    public void RedactProperty_AuthAndPassKeys_MaskWholeValue(string key)
    {
        SecretRedactor.Default.RedactProperty(key, "Pl4nted-V4lue").Should().Be(SecretRedactor.Mask);
    }

    [Theory]
    [InlineData("-XX:+UseG1GC -Dcom.acme.db.pass=Pl4nted-V4lue -Dfile.encoding=UTF-8")]
    [InlineData("{\"user\": \"etl\", \"password\": \"Pl4nted-V4lue\"}")]
    [InlineData("spark-submit job.py --db-password Pl4nted-V4lue --date 2024-01-01")]
    [InlineData("--api-key=Pl4nted-V4lue")]
    [InlineData("-----BEGIN RSA PRIVATE KEY-----\nMIIEPl4nted-V4lue\n-----END RSA PRIVATE KEY-----")]
    [InlineData("-----BEGIN PRIVATE KEY-----\nMIIEPl4nted-V4lue cut before its end")]
    [InlineData("fetch failed: Authorization: Basic Pl4nted-V4lue")]
    [InlineData("stage 3: load s3a://AKIAKEY:Pl4nted-V4lue@bucket/path with password=Pl4nted-V4lue")]
    public void RedactText_IssueTwentyPatterns_MaskTheSecretOnly(string text)
    {
        var redacted = SecretRedactor.Default.RedactText(text);

        redacted.Should().NotContain("Pl4nted-V4lue").And.Contain(SecretRedactor.Mask);
    }

    [Fact]
    public void RedactText_OrdinaryOptions_AreKept()
    {
        const string text = "--date 2024-01-01 --passes 3 -Dfile.encoding=UTF-8 Basic stats";

        SecretRedactor.Default.RedactText(text).Should().Be(text);
    }

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
