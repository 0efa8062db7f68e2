using SparkOptimizer.Model;

namespace SparkOptimizer.Ingest.Streaming;

/// <summary>
/// Streaming summary of non-negative values: exact while small, then a DDSketch-style log-bucket histogram with
/// 1 % relative error, so memory stays bounded however many tasks a stage has.
/// </summary>
internal sealed class QuantileSketch
{
    public const int ExactLimit = 2048;
    private const double RelativeAccuracy = 0.01;
    private static readonly double Gamma = (1 + RelativeAccuracy) / (1 - RelativeAccuracy);
    private static readonly double LogGamma = Math.Log(Gamma);

    private long[]? _exact = [];
    private int _exactCount;
    private bool _exactSorted = true;
    private Dictionary<int, long>? _buckets;
    private long _zeroCount;

    public long Count { get; private set; }

    public long Sum { get; private set; }

    public long Min { get; private set; } = long.MaxValue;

    public long Max { get; private set; } = long.MinValue;

    public bool IsExact => _exact is not null;

    public void Add(long value)
    {
        if (value < 0)
        {
            value = 0;
        }

        Count++;
        Sum += value;
        if (value < Min)
        {
            Min = value;
        }

        if (value > Max)
        {
            Max = value;
        }

        if (_exact is not null)
        {
            if (_exactCount == _exact.Length)
            {
                if (_exact.Length >= ExactLimit)
                {
                    SwitchToSketch();
                    AddToSketch(value);
                    return;
                }

                Array.Resize(ref _exact, Math.Max(4, _exact.Length * 2));
            }

            _exact[_exactCount++] = value;
            _exactSorted = false;
            return;
        }

        AddToSketch(value);
    }

    /// <summary>Values in ascending order: exact values, or one representative per sketch bucket and count.</summary>
    public IReadOnlyList<long> Representatives(int maxCount)
    {
        if (_exact is not null)
        {
            var copy = _exact.AsSpan(0, _exactCount).ToArray();
            Array.Sort(copy);
            return copy;
        }

        // Evenly spaced quantiles give a faithful picture of a large stage in a bounded list.
        var n = (int)Math.Min(Count, maxCount);
        var result = new long[n];
        for (var i = 0; i < n; i++)
        {
            result[i] = Quantile((i + 0.5) / n);
        }

        return result;
    }

    public long Quantile(double q)
    {
        if (Count == 0)
        {
            return 0;
        }

        if (q <= 0)
        {
            return Min;
        }

        if (q >= 1)
        {
            return Max;
        }

        if (_exact is not null)
        {
            if (!_exactSorted)
            {
                Array.Sort(_exact, 0, _exactCount);
                _exactSorted = true;
            }

            var idx = (int)Math.Round(q * (_exactCount - 1), MidpointRounding.AwayFromZero);
            return _exact[Math.Clamp(idx, 0, _exactCount - 1)];
        }

        var rank = (long)Math.Round(q * (Count - 1), MidpointRounding.AwayFromZero);
        if (rank < _zeroCount)
        {
            return 0;
        }

        var seen = _zeroCount;
        foreach (var key in SortedKeys())
        {
            seen += _buckets![key];
            if (seen > rank)
            {
                var estimate = (long)Math.Round(2 * Math.Pow(Gamma, key) / (Gamma + 1));
                return Math.Clamp(estimate, Min, Max);
            }
        }

        return Max;
    }

    public Distribution ToDistribution()
    {
        if (Count == 0)
        {
            return Distribution.Empty;
        }

        if (Max == 0)
        {
            return Distribution.Zeros(Count);
        }

        return new Distribution(Count, Min, Quantile(0.25), Quantile(0.5), Quantile(0.75), Quantile(0.9), Quantile(0.95), Quantile(0.99), Max, Sum, IsExact);
    }

    private int[]? _sortedKeys;

    private int[] SortedKeys()
    {
        if (_sortedKeys is null || _sortedKeys.Length != _buckets!.Count)
        {
            _sortedKeys = _buckets!.Keys.ToArray();
            Array.Sort(_sortedKeys);
        }

        return _sortedKeys;
    }

    private void SwitchToSketch()
    {
        _buckets = new Dictionary<int, long>();
        for (var i = 0; i < _exactCount; i++)
        {
            AddToSketch(_exact![i]);
        }

        _exact = null;
        _exactCount = 0;
    }

    private void AddToSketch(long value)
    {
        _sortedKeys = null;
        if (value == 0)
        {
            _zeroCount++;
            return;
        }

        var key = (int)Math.Ceiling(Math.Log(value) / LogGamma);
        ref var slot = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_buckets!, key, out _);
        slot++;
    }
}
