using System.Text.Json.Nodes;

namespace SparkOptimizer.Testing;

/// <summary>
/// Writes a copy of a real event log with secrets of every kind we know leaks planted in it: a key matching Spark's
/// pattern, a JDBC password, a -D token option, a pod environment variable, a Hadoop credential, URL user info, a token
/// by its shape, a password in a task failure message, a key in a SQL description; and (issue 20) secrets in stage, job and
/// RDD names, call sites, SQL plans, stage failure reasons and executor removal reasons, and in every pattern the second
/// review found missed (redis auth, es auth pass, a -D...pass option, JSON in a value, --db-password X, a PEM key, Basic auth).
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
        "StageNamePw0010",
        "RddCallSitePw0011",
        "RedisAuth0012",
        "EsAuthPass0013",
        "AcmeDbPass0014",
        "JsonValuePw0015",
        "DbPasswordArg0016",
        "PemKeyBody0017",
        "BasicAuth0018",
        "JobDescPw0019",
        "PlanTextPw0020",
        "StageFailPw0021",
        "ExecRemovedPw0022",
    ];

    public static void Write(string sourceLog, string target)
    {
        var planted = new List<string>();
        var failurePlanted = false;
        var removalPlanted = false;
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
                props["spark.redis.auth"] = s[11];
                props["spark.es.net.http.auth.pass"] = s[12];
                props["spark.driver.extraJavaOptions"] = $"-Dcom.acme.db.pass={s[13]}";
                props["spark.acme.settings"] = $"{{\"user\": \"etl\", \"password\": \"{s[14]}\"}}";
                props["spark.acme.args"] = $"--db-password {s[15]} --date 2024-01-01";
                props["spark.acme.pem"] = $"-----BEGIN RSA PRIVATE KEY-----\nMIIE{s[16]}\n-----END RSA PRIVATE KEY-----";
                props["spark.acme.header"] = $"Authorization: Basic {s[17]}";
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
                node["physicalPlanDescription"] = $"== Physical Plan ==\nScan jdbc:postgresql://db/x?password={s[19]}";
            }
            else if (ev is "SparkListenerStageSubmitted" or "SparkListenerStageCompleted" && node["Stage Info"] is JsonObject stage)
            {
                stage["Stage Name"] = $"load s3a://AKIAIOSFODNN7EXAMPLE:{s[9]}@bucket/in";
                if (ev == "SparkListenerStageCompleted")
                {
                    stage["Failure Reason"] = $"FetchFailed: jdbc:mysql://h/db?password={s[20]}";
                }

                foreach (var rdd in stage["RDD Info"]?.AsArray().OfType<JsonObject>() ?? [])
                {
                    rdd["Name"] = $"cached password={s[10]}";
                    rdd["Callsite"] = $"persist at Job.scala:12 --db-password {s[10]}";
                    rdd["Storage Level"] = new JsonObject { ["Use Disk"] = false, ["Use Memory"] = true, ["Deserialized"] = true, ["Replication"] = 1 };
                    rdd["Number of Cached Partitions"] = 1;
                }
            }
            else if (ev == "SparkListenerJobStart" && node["Properties"] is JsonObject jobProps)
            {
                jobProps["spark.job.description"] = $"nightly load token={s[18]}";
            }
            else if (ev == "SparkListenerExecutorRemoved" || (ev == "SparkListenerApplicationEnd" && !removalPlanted))
            {
                var removal = ev == "SparkListenerExecutorRemoved"
                    ? node
                    : new JsonObject { ["Event"] = "SparkListenerExecutorRemoved", ["Timestamp"] = node["Timestamp"]?.DeepClone(), ["Executor ID"] = "1" };
                removal["Removed Reason"] = $"lost: -Dcom.acme.db.pass={s[21]}";
                removalPlanted = true;
                if (removal != node)
                {
                    planted.Add(removal.ToJsonString());
                }
            }

            planted.Add(node.ToJsonString());
        }

        File.WriteAllLines(target, planted);
    }
}
