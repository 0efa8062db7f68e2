using System.Text.Json.Nodes;

namespace SparkOptimizer.Testing;

/// <summary>
/// Writes a copy of a real event log with secrets of every kind we know leaks planted in it: a key matching Spark's
/// pattern, a JDBC password, a -D token option, a pod environment variable, a Hadoop credential, URL user info, a token
/// by its shape, a password in a task failure message, a key in a SQL description.
/// </summary>
public static class PlantedSecrets
{
    public static IReadOnlyList<string> Values { get; } =
    [
        "S3cr3tKeyValue0001",
        "JdbcPassw0rd0002",
        "DashDToken0003",
        "DriverEnvValue0004",
        "AzureAccountKey0005",
        "UrlUserInfoPw0006",
        "ghp_abcdefghijklmnopqrstuvwxyz0007",
        "ErrorMsgPwd0008",
        "SqlDescSecret0009",
    ];

    public static void Write(string sourceLog, string target)
    {
        var planted = new List<string>();
        var failurePlanted = false;
        var s = Values;
        foreach (var line in File.ReadAllLines(sourceLog))
        {
            var node = JsonNode.Parse(line)!.AsObject();
            var ev = node["Event"]!.GetValue<string>();
            if (ev == "SparkListenerEnvironmentUpdate")
            {
                var props = node["Spark Properties"]!.AsObject();
                props["spark.hadoop.fs.s3a.secret.key"] = s[0];
                props["spark.sql.catalog.pg.url"] = $"jdbc:postgresql://db:5432/sales?user=etl&password={s[1]}&ssl=true";
                props["spark.executor.extraJavaOptions"] = $"-XX:+UseG1GC -Dservice.auth.token={s[2]} -Dfile.encoding=UTF-8";
                props["spark.kubernetes.driverEnv.DB_CREDS"] = s[3];
                props["spark.hadoop.fs.defaultFS"] = $"s3a://AKIAIOSFODNN7EXAMPLE:{s[5]}@bucket/";
                props["spark.app.tags"] = $"owner=data,ci={s[6]}";
                var hadoop = node["Hadoop Properties"]?.AsObject() ?? [];
                hadoop["fs.azure.account.key.acct.blob.core.windows.net"] = s[4];
                node["Hadoop Properties"] = hadoop;
            }
            else if (ev == "SparkListenerTaskEnd" && !failurePlanted)
            {
                node["Task End Reason"] = new JsonObject
                {
                    ["Reason"] = "ExceptionFailure",
                    ["Class Name"] = "java.sql.SQLException",
                    ["Description"] = $"connection refused: jdbc:mysql://h/db?password={s[7]}",
                };
                failurePlanted = true;
            }
            else if (ev.EndsWith("SparkListenerSQLExecutionStart", StringComparison.Ordinal))
            {
                node["description"] = $"load from api with api_key={s[8]}";
            }

            planted.Add(node.ToJsonString());
        }

        File.WriteAllLines(target, planted);
    }
}
