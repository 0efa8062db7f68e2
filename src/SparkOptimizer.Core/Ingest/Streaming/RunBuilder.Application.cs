using System.Text.Json;
using SparkOptimizer.Model;

namespace SparkOptimizer.Ingest.Streaming;

internal sealed partial class RunBuilder
{
    private void OnLogStart(ref Utf8JsonReader reader)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("Spark Version"u8))
            {
                reader.Read();
                _sparkVersion = JsonRead.String(ref reader);
            }
            else
            {
                JsonRead.SkipProperty(ref reader);
            }
        }
    }

    private void OnApplicationStart(ref Utf8JsonReader reader)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("App Name"u8))
            {
                reader.Read();
                _appName = Redact(JsonRead.String(ref reader));
            }
            else if (reader.ValueTextEquals("App ID"u8))
            {
                reader.Read();
                _appId = JsonRead.String(ref reader);
            }
            else if (reader.ValueTextEquals("App Attempt ID"u8))
            {
                reader.Read();
                _attemptId = JsonRead.String(ref reader);
            }
            else if (reader.ValueTextEquals("Timestamp"u8))
            {
                reader.Read();
                _start = Clock(JsonRead.Long(ref reader), "Timestamp");
                Seen(_start);
            }
            else if (reader.ValueTextEquals("User"u8))
            {
                reader.Read();
                _user = JsonRead.String(ref reader);
            }
            else
            {
                JsonRead.SkipProperty(ref reader);
            }
        }
    }

    private void OnApplicationEnd(ref Utf8JsonReader reader)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("Timestamp"u8))
            {
                reader.Read();
                _end = Clock(JsonRead.Long(ref reader), "Timestamp");
                Seen(_end);
            }
            else
            {
                JsonRead.SkipProperty(ref reader);
            }
        }
    }

    private void OnEnvironmentUpdate(ref Utf8JsonReader reader)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("Spark Properties"u8))
            {
                reader.Read();
                JsonRead.StringMap(ref reader, (k, v) => _sparkProps[k] = RedactProperty(k, v));
            }
            else if (reader.ValueTextEquals("Hadoop Properties"u8))
            {
                reader.Read();
                JsonRead.StringMap(ref reader, (k, v) => _hadoopProps[k] = RedactProperty(k, v));
            }
            else if (reader.ValueTextEquals("System Properties"u8))
            {
                reader.Read();
                JsonRead.StringMap(ref reader, (k, v) => _systemProps[k] = RedactProperty(k, v));
            }
            else if (reader.ValueTextEquals("JVM Information"u8))
            {
                reader.Read();
                JsonRead.StringMap(ref reader, (k, v) =>
                {
                    if (k == "Java Version")
                    {
                        _javaVersion = v;
                    }
                    else if (k == "Scala Version")
                    {
                        _scalaVersion = v;
                    }
                });
            }
            else if (reader.ValueTextEquals("Classpath Entries"u8))
            {
                reader.Read();
                var markers = new System.Text.StringBuilder();
                JsonRead.StringMap(ref reader, (k, _) =>
                {
                    // Only vendor markers are kept from the class path; it can be thousands of entries.
                    if (markers.Length < 4096 && (k.Contains("/emr/", StringComparison.Ordinal) || k.Contains("/usr/hdp/", StringComparison.Ordinal)
                        || k.Contains("cloudera", StringComparison.Ordinal) || k.Contains("databricks", StringComparison.Ordinal) || k.Contains("dataproc", StringComparison.Ordinal)))
                    {
                        markers.Append(k).Append('\n');
                    }
                });
                _classPathMarkers = markers.ToString();
            }
            else
            {
                JsonRead.SkipProperty(ref reader);
            }
        }
    }

    private string RedactProperty(string key, string value)
    {
        var redacted = _redactor.RedactProperty(key, value);
        if (!ReferenceEquals(redacted, value) && redacted != value && !_redactedKeys.Contains(key))
        {
            _redactedKeys.Add(key);
        }

        return redacted;
    }

    private void OnExecutorAdded(ref Utf8JsonReader reader)
    {
        long time = 0;
        string? id = null;
        string? host = null;
        var cores = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("Timestamp"u8))
            {
                reader.Read();
                time = Clock(JsonRead.Long(ref reader), "Timestamp");
            }
            else if (reader.ValueTextEquals("Executor ID"u8))
            {
                reader.Read();
                id = JsonRead.String(ref reader);
            }
            else if (reader.ValueTextEquals("Executor Info"u8))
            {
                reader.Read();
                if (!JsonRead.IsObject(ref reader))
                {
                    continue;
                }

                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    if (reader.ValueTextEquals("Host"u8))
                    {
                        reader.Read();
                        host = JsonRead.String(ref reader);
                    }
                    else if (reader.ValueTextEquals("Total Cores"u8))
                    {
                        reader.Read();
                        cores = Count(JsonRead.Int(ref reader), InputBounds.MaxCoresPerExecutor, "Total Cores");
                    }
                    else
                    {
                        JsonRead.SkipProperty(ref reader);
                    }
                }
            }
            else
            {
                JsonRead.SkipProperty(ref reader);
            }
        }

        _executorsAdded++;
        if (id is null)
        {
            return;
        }

        var executor = Executor(id);
        executor.AddedAt = time;
        executor.Host = host ?? executor.Host;
        executor.Cores = cores > 0 ? cores : executor.Cores;
    }

    private void OnExecutorRemoved(ref Utf8JsonReader reader)
    {
        long time = 0;
        string? id = null;
        string? reason = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("Timestamp"u8))
            {
                reader.Read();
                time = Clock(JsonRead.Long(ref reader), "Timestamp");
            }
            else if (reader.ValueTextEquals("Executor ID"u8))
            {
                reader.Read();
                id = JsonRead.String(ref reader);
            }
            else if (reader.ValueTextEquals("Removed Reason"u8))
            {
                reader.Read();
                reason = JsonRead.String(ref reader);
            }
            else
            {
                JsonRead.SkipProperty(ref reader);
            }
        }

        _executorsRemoved++;
        if (id is null)
        {
            return;
        }

        var executor = Executor(id);
        executor.RemovedAt = time;
        executor.RemovedReason = Redact(reason is { Length: > 500 } ? reason[..500] : reason);
    }

    private void OnBlockManagerAdded(ref Utf8JsonReader reader)
    {
        long time = 0;
        string? id = null;
        string? host = null;
        long? max = null, onHeap = null, offHeap = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("Block Manager ID"u8))
            {
                reader.Read();
                if (!JsonRead.IsObject(ref reader))
                {
                    continue;
                }

                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    if (reader.ValueTextEquals("Executor ID"u8))
                    {
                        reader.Read();
                        id = JsonRead.String(ref reader);
                    }
                    else if (reader.ValueTextEquals("Host"u8))
                    {
                        reader.Read();
                        host = JsonRead.String(ref reader);
                    }
                    else
                    {
                        JsonRead.SkipProperty(ref reader);
                    }
                }
            }
            else if (reader.ValueTextEquals("Maximum Memory"u8))
            {
                reader.Read();
                max = Bytes(JsonRead.Long(ref reader), "Maximum Memory");
            }
            else if (reader.ValueTextEquals("Maximum Onheap Memory"u8))
            {
                reader.Read();
                onHeap = Bytes(JsonRead.Long(ref reader), "Maximum Onheap Memory");
            }
            else if (reader.ValueTextEquals("Maximum Offheap Memory"u8))
            {
                reader.Read();
                offHeap = Bytes(JsonRead.Long(ref reader), "Maximum Offheap Memory");
            }
            else if (reader.ValueTextEquals("Timestamp"u8))
            {
                reader.Read();
                time = Clock(JsonRead.Long(ref reader), "Timestamp");
            }
            else
            {
                JsonRead.SkipProperty(ref reader);
            }
        }

        if (id is null)
        {
            return;
        }

        var executor = Executor(id);
        executor.Host ??= host;
        executor.MaxMemory = max ?? executor.MaxMemory;
        executor.MaxOnHeap = onHeap ?? executor.MaxOnHeap;
        executor.MaxOffHeap = offHeap ?? executor.MaxOffHeap;
        if (executor.AddedAt == 0 && id is "driver" or "<driver>")
        {
            executor.AddedAt = time;
        }
    }

    private void OnUnpersist(ref Utf8JsonReader reader)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("RDD ID"u8))
            {
                reader.Read();
                _unpersistedRdds.Add(JsonRead.Int(ref reader));
            }
            else
            {
                JsonRead.SkipProperty(ref reader);
            }
        }
    }
}
