using System.Text.Json;

namespace SparkOptimizer.Ingest.Streaming;

internal sealed partial class RunBuilder
{
    private void ReadTaskMetrics(ref Utf8JsonReader reader)
    {
        if (!JsonRead.IsObject(ref reader))
        {
            return;
        }

        _task.HasMetrics = true;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("Executor Run Time"u8))
            {
                reader.Read();
                _task.RunTime = JsonRead.Long(ref reader);
            }
            else if (reader.ValueTextEquals("Executor CPU Time"u8))
            {
                reader.Read();
                _task.CpuTimeNs = JsonRead.Long(ref reader);
            }
            else if (reader.ValueTextEquals("JVM GC Time"u8))
            {
                reader.Read();
                _task.GcTime = JsonRead.Long(ref reader);
            }
            else if (reader.ValueTextEquals("Executor Deserialize Time"u8))
            {
                reader.Read();
                _task.DeserializeTime = JsonRead.Long(ref reader);
            }
            else if (reader.ValueTextEquals("Result Size"u8))
            {
                reader.Read();
                _task.ResultSize = JsonRead.Long(ref reader);
            }
            else if (reader.ValueTextEquals("Peak Execution Memory"u8))
            {
                reader.Read();
                _task.PeakExecutionMemory = JsonRead.Long(ref reader);
            }
            else if (reader.ValueTextEquals("Memory Bytes Spilled"u8))
            {
                reader.Read();
                _task.MemorySpilled = JsonRead.Long(ref reader);
            }
            else if (reader.ValueTextEquals("Disk Bytes Spilled"u8))
            {
                reader.Read();
                _task.DiskSpilled = JsonRead.Long(ref reader);
            }
            else if (reader.ValueTextEquals("Shuffle Read Metrics"u8))
            {
                reader.Read();
                ReadShuffleRead(ref reader);
            }
            else if (reader.ValueTextEquals("Shuffle Write Metrics"u8))
            {
                reader.Read();
                ReadShuffleWrite(ref reader);
            }
            else if (reader.ValueTextEquals("Input Metrics"u8))
            {
                reader.Read();
                ReadIo(ref reader, "Bytes Read"u8, "Records Read"u8, out _task.InputBytes, out _task.InputRecords);
            }
            else if (reader.ValueTextEquals("Output Metrics"u8))
            {
                reader.Read();
                ReadIo(ref reader, "Bytes Written"u8, "Records Written"u8, out _task.OutputBytes, out _task.OutputRecords);
            }
            else
            {
                JsonRead.SkipProperty(ref reader);
            }
        }
    }

    private void ReadShuffleRead(ref Utf8JsonReader reader)
    {
        if (!JsonRead.IsObject(ref reader))
        {
            return;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("Remote Bytes Read"u8))
            {
                reader.Read();
                _task.RemoteBytesRead = JsonRead.Long(ref reader);
            }
            else if (reader.ValueTextEquals("Local Bytes Read"u8))
            {
                reader.Read();
                _task.LocalBytesRead = JsonRead.Long(ref reader);
            }
            else if (reader.ValueTextEquals("Total Records Read"u8))
            {
                reader.Read();
                _task.ShuffleRecordsRead = JsonRead.Long(ref reader);
            }
            else if (reader.ValueTextEquals("Fetch Wait Time"u8))
            {
                reader.Read();
                _task.FetchWaitTime = JsonRead.Long(ref reader);
            }
            else
            {
                JsonRead.SkipProperty(ref reader);
            }
        }
    }

    private void ReadShuffleWrite(ref Utf8JsonReader reader)
    {
        if (!JsonRead.IsObject(ref reader))
        {
            return;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("Shuffle Bytes Written"u8))
            {
                reader.Read();
                _task.ShuffleBytesWritten = JsonRead.Long(ref reader);
            }
            else if (reader.ValueTextEquals("Shuffle Records Written"u8))
            {
                reader.Read();
                _task.ShuffleRecordsWritten = JsonRead.Long(ref reader);
            }
            else if (reader.ValueTextEquals("Shuffle Write Time"u8))
            {
                reader.Read();
                _task.ShuffleWriteTimeNs = JsonRead.Long(ref reader);
            }
            else
            {
                JsonRead.SkipProperty(ref reader);
            }
        }
    }

    private static void ReadIo(ref Utf8JsonReader reader, ReadOnlySpan<byte> bytesName, ReadOnlySpan<byte> recordsName, out long bytes, out long records)
    {
        bytes = 0;
        records = 0;
        if (!JsonRead.IsObject(ref reader))
        {
            return;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals(bytesName))
            {
                reader.Read();
                bytes = JsonRead.Long(ref reader);
            }
            else if (reader.ValueTextEquals(recordsName))
            {
                reader.Read();
                records = JsonRead.Long(ref reader);
            }
            else
            {
                JsonRead.SkipProperty(ref reader);
            }
        }
    }
}
