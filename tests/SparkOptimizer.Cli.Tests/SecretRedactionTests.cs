using System.Text.Json.Nodes;
using SparkOptimizer.Testing;

namespace SparkOptimizer.Tests;

/// <summary>Secrets planted in a real log, of every kind we know leaks, never reach any report format.</summary>
public sealed class SecretRedactionTests
{
    private static readonly string[] Secrets =
    [
        "S3cr3tKeyValue0001",        // key matching Spark's pattern
        "JdbcPassw0rd0002",          // password inside a JDBC URL
        "DashDToken0003",            // -D...token= inside extraJavaOptions
        "DriverEnvValue0004",        // spark.kubernetes.driverEnv.*
        "AzureAccountKey0005",       // Hadoop credential
        "UrlUserInfoPw0006",         // scheme://user:password@host
        "ghp_abcdefghijklmnopqrstuvwxyz0007", // token by its shape
        "ErrorMsgPwd0008",           // a password in a task failure message
        "SqlDescSecret0009",         // a secret in a SQL description
    ];

    private static string PlantSecrets(TempDir dir)
    {
        var lines = File.ReadAllLines(Corpus.Path("mcp-apache-spark-history-server/events/eventlog_v2_spark-110be3a8424d4a2789cb88134418217b/events_1_spark-110be3a8424d4a2789cb88134418217b"));
        var planted = new List<string>();
        var failurePlanted = false;
        foreach (var line in lines)
        {
            var node = JsonNode.Parse(line)!.AsObject();
            var ev = node["Event"]!.GetValue<string>();
            if (ev == "SparkListenerEnvironmentUpdate")
            {
                var props = node["Spark Properties"]!.AsObject();
                props["spark.hadoop.fs.s3a.secret.key"] = Secrets[0];
                props["spark.sql.catalog.pg.url"] = $"jdbc:postgresql://db:5432/sales?user=etl&password={Secrets[1]}&ssl=true";
                props["spark.executor.extraJavaOptions"] = $"-XX:+UseG1GC -Dservice.auth.token={Secrets[2]} -Dfile.encoding=UTF-8";
                props["spark.kubernetes.driverEnv.DB_CREDS"] = Secrets[3];
                props["spark.hadoop.fs.defaultFS"] = $"s3a://AKIAIOSFODNN7EXAMPLE:{Secrets[5]}@bucket/";
                props["spark.app.tags"] = $"owner=data,ci={Secrets[6]}";
                var hadoop = node["Hadoop Properties"]?.AsObject() ?? [];
                hadoop["fs.azure.account.key.acct.blob.core.windows.net"] = Secrets[4];
                node["Hadoop Properties"] = hadoop;
            }
            else if (ev == "SparkListenerTaskEnd" && !failurePlanted)
            {
                node["Task End Reason"] = new JsonObject
                {
                    ["Reason"] = "ExceptionFailure",
                    ["Class Name"] = "java.sql.SQLException",
                    ["Description"] = $"connection refused: jdbc:mysql://h/db?password={Secrets[7]}",
                };
                failurePlanted = true;
            }
            else if (ev.EndsWith("SparkListenerSQLExecutionStart", StringComparison.Ordinal))
            {
                node["description"] = $"load from api with api_key={Secrets[8]}";
            }

            planted.Add(node.ToJsonString());
        }

        var file = dir.File("secrets.json");
        File.WriteAllLines(file, planted);
        return file;
    }

    [Theory]
    [InlineData("text")]
    [InlineData("json")]
    [InlineData("markdown")]
    public void Analyze_LogWithPlantedSecrets_NoFormatShowsAny(string format)
    {
        using var dir = new TempDir();
        var file = PlantSecrets(dir);

        var (exit, stdout, stderr) = CliRunner.Run("analyze", file, "--format", format);

        exit.Should().Be(0);
        foreach (var secret in Secrets)
        {
            stdout.Should().NotContain(secret);
            stderr.Should().NotContain(secret);
        }
    }

    [Fact]
    public void Analyze_LogWithPlantedSecrets_KeepsTheNonSecretParts()
    {
        using var dir = new TempDir();
        var file = PlantSecrets(dir);

        var (_, stdout, _) = CliRunner.Run("analyze", file, "--format", "json");

        stdout.Should().Contain("java.sql.SQLException", "the failure stays readable, only its secret is masked");
        JsonNode.Parse(stdout)!["application"]!["name"]!.GetValue<string>().Should().Be("NewYorkTaxiData_2025_06_27_00_24_44");
    }

    [Fact]
    public void WhatIf_LogWithPlantedSecrets_ShowsNone()
    {
        using var dir = new TempDir();
        var file = PlantSecrets(dir);

        var (_, stdout, stderr) = CliRunner.Run("whatif", file, "--executors", "4", "--format", "json");

        foreach (var secret in Secrets)
        {
            (stdout + stderr).Should().NotContain(secret);
        }
    }
}
