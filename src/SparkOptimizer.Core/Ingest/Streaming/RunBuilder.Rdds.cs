using System.Globalization;
using System.Text.Json;
using SparkOptimizer.Model;

namespace SparkOptimizer.Ingest.Streaming;

internal sealed partial class RunBuilder
{
    // RDD class names ("MapPartitionsRDD", "ShuffledRowRDD") and scope names ("Exchange", "Scan parquet ") repeat on every stage.
    private readonly Dictionary<string, string> _rddNames = new(StringComparer.Ordinal);

    // An RDD appears in the lineage of every stage that computes it (and in both the submit and the end event): one
    // instance per distinct RDD, not one per mention (a 1,539-stage run names 20,782 RDDs, 3,955 of them distinct).
    private readonly Dictionary<int, RddInfo> _rdds = [];

    private RddInfo Shared(RddInfo rdd)
    {
        if (_rdds.TryGetValue(rdd.Id, out var known) && known == rdd)
        {
            return known;
        }

        _rdds[rdd.Id] = rdd;
        return rdd;
    }

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
                    scope = reader.TokenType == JsonTokenType.String ? ScopeName(ref reader) : null;
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
                    partitions = Count(JsonRead.Int(ref reader), InputBounds.MaxTasksPerStage, "Number of Partitions");
                }
                else if (reader.ValueTextEquals("Number of Cached Partitions"u8))
                {
                    reader.Read();
                    cached = Count(JsonRead.Int(ref reader), InputBounds.MaxTasksPerStage, "Number of Cached Partitions");
                }
                else if (reader.ValueTextEquals("Memory Size"u8))
                {
                    reader.Read();
                    mem = Bytes(JsonRead.Long(ref reader), "Memory Size");
                }
                else if (reader.ValueTextEquals("Disk Size"u8))
                {
                    reader.Read();
                    disk = Bytes(JsonRead.Long(ref reader), "Disk Size");
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
                list.Add(rdd with { Name = Redact(name.Decode(line)) ?? $"rdd {id}", CallSite = Redact(Shorten(callSite.Decode(line))) });
            }
            else if (id >= 0)
            {
                list.Add(Shared(rdd));
            }
        }

        return list;
    }

    /// <summary>The operation name of an RDD scope ("{\"id\":\"15\",\"name\":\"Exchange\"}" -> "Exchange"), interned.</summary>
    private string? ScopeName(ref Utf8JsonReader reader)
    {
        // The scope is JSON inside a JSON string ("{\"id\":\"15\",\"name\":\"Exchange\"}"): unescaped into a stack buffer and
        // its name looked up without allocating; only a name not seen before becomes a string.
        const string Key = "\"name\":\"";
        var length = reader.HasValueSequence ? reader.ValueSequence.Length : reader.ValueSpan.Length;
        Span<char> buffer = stackalloc char[512];
        ReadOnlySpan<char> text = length <= buffer.Length ? buffer[..reader.CopyString(buffer)] : reader.GetString();
        var at = text.IndexOf(Key, StringComparison.Ordinal);
        if (at < 0)
        {
            return null;
        }

        var rest = text[(at + Key.Length)..];
        var end = rest.IndexOf('"');
        var value = end > 0 ? rest[..Math.Min(end, 64)] : [];
        if (_rddNames.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(value, out var known))
        {
            return known;
        }

        var name = value.ToString();
        if (_rddNames.Count < 10_000)
        {
            _rddNames[name] = name;
        }

        return name;
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
