using System.Globalization;
using System.Text.Json;
using SparkOptimizer.Model;

namespace SparkOptimizer.Ingest.Streaming;

internal sealed partial class RunBuilder
{
    // RDD class names ("MapPartitionsRDD", "ShuffledRowRDD") and scope names ("Exchange", "Scan parquet ") repeat on every stage.
    private readonly Dictionary<string, string> _rddNames = new(StringComparer.Ordinal);

    private List<RddInfo> ReadRdds(ref Utf8JsonReader reader, ReadOnlySpan<byte> line)
    {
        var list = new List<RddInfo>();
        if (!JsonRead.IsArray(ref reader))
        {
            return list;
        }

        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                reader.Skip();
                continue;
            }

            int id = -1, partitions = 0, cached = 0;
            long mem = 0, disk = 0;
            string? storage = null;
            TextSlice name = default, callSite = default;
            string? className = null, scope = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("Scope"u8))
                {
                    reader.Read();
                    scope = ScopeName(reader.TokenType == JsonTokenType.String ? reader.GetString() : null);
                }
                else if (reader.ValueTextEquals("RDD ID"u8))
                {
                    reader.Read();
                    id = JsonRead.Int(ref reader, -1);
                }
                else if (reader.ValueTextEquals("Name"u8))
                {
                    reader.Read();
                    name = TextSlice.Of(ref reader);
                    className = Intern(ref reader, _rddNames);
                }
                else if (reader.ValueTextEquals("Callsite"u8))
                {
                    reader.Read();
                    callSite = TextSlice.Of(ref reader);
                }
                else if (reader.ValueTextEquals("Storage Level"u8))
                {
                    reader.Read();
                    storage = ReadStorageLevel(ref reader);
                }
                else if (reader.ValueTextEquals("Number of Partitions"u8))
                {
                    reader.Read();
                    partitions = JsonRead.Int(ref reader);
                }
                else if (reader.ValueTextEquals("Number of Cached Partitions"u8))
                {
                    reader.Read();
                    cached = JsonRead.Int(ref reader);
                }
                else if (reader.ValueTextEquals("Memory Size"u8))
                {
                    reader.Read();
                    mem = JsonRead.Long(ref reader);
                }
                else if (reader.ValueTextEquals("Disk Size"u8))
                {
                    reader.Read();
                    disk = JsonRead.Long(ref reader);
                }
                else
                {
                    JsonRead.SkipProperty(ref reader);
                }
            }

            // Every RDD's class and scope name is kept (the lineage decides a stage's partition lever); the call site and a
            // user's RDD name are decoded only for RDDs asked to be cached (caching analysis).
            var rdd = new RddInfo(id, className ?? string.Empty, scope, storage, partitions, cached, mem, disk, null);
            if (id >= 0 && rdd.IsCached)
            {
                list.Add(rdd with { Name = name.Decode(line) ?? $"rdd {id}", CallSite = Shorten(callSite.Decode(line)) });
            }
            else if (id >= 0)
            {
                list.Add(rdd);
            }
        }

        return list;
    }

    /// <summary>The operation name of an RDD scope ("{\"id\":\"15\",\"name\":\"Exchange\"}" -> "Exchange"), interned.</summary>
    private string? ScopeName(string? scope)
    {
        const string Key = "\"name\":\"";
        if (scope is null || scope.IndexOf(Key, StringComparison.Ordinal) is var at && at < 0)
        {
            return null;
        }

        var start = at + Key.Length;
        var end = scope.IndexOf('"', start);
        var value = end > start ? scope[start..end] : string.Empty;
        if (value.Length > 64)
        {
            value = value[..64];
        }

        if (_rddNames.TryGetValue(value, out var known))
        {
            return known;
        }

        if (_rddNames.Count < 10_000)
        {
            _rddNames[value] = value;
        }

        return value;
    }

    private static string? ReadStorageLevel(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            return reader.GetString();
        }

        if (!JsonRead.IsObject(ref reader))
        {
            return null;
        }

        bool disk = false, memory = false, offHeap = false, deserialized = false;
        var replication = 1;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("Use Disk"u8))
            {
                reader.Read();
                disk = JsonRead.Bool(ref reader);
            }
            else if (reader.ValueTextEquals("Use Memory"u8))
            {
                reader.Read();
                memory = JsonRead.Bool(ref reader);
            }
            else if (reader.ValueTextEquals("Use Off Heap"u8) || reader.ValueTextEquals("Use ExternalBlockStore"u8))
            {
                reader.Read();
                offHeap = JsonRead.Bool(ref reader);
            }
            else if (reader.ValueTextEquals("Deserialized"u8))
            {
                reader.Read();
                deserialized = JsonRead.Bool(ref reader);
            }
            else if (reader.ValueTextEquals("Replication"u8))
            {
                reader.Read();
                replication = JsonRead.Int(ref reader, 1);
            }
            else
            {
                JsonRead.SkipProperty(ref reader);
            }
        }

        if (!disk && !memory && !offHeap)
        {
            return "None";
        }

        var parts = new List<string>();
        if (disk)
        {
            parts.Add("Disk");
        }

        if (memory)
        {
            parts.Add("Memory");
        }

        if (offHeap)
        {
            parts.Add("OffHeap");
        }

        parts.Add(deserialized ? "Deserialized" : "Serialized");
        parts.Add(replication.ToString(CultureInfo.InvariantCulture) + "x Replicated");
        return string.Join(' ', parts);
    }
}
