namespace SparkOptimizer.Simulation.Calibration;

/// <summary>Non-negative least squares, Lawson and Hanson's active-set algorithm: min ||Ax - b|| subject to x &gt;= 0.</summary>
public static class Nnls
{
    public static double[] Solve(IReadOnlyList<double[]> a, IReadOnlyList<double> b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Count == 0 || a.Count != b.Count)
        {
            throw new ArgumentException("A needs one row per element of b.", nameof(a));
        }

        var n = a[0].Length;
        var x = new double[n];
        var passive = new bool[n];
        var tolerance = 1e-10 * Math.Max(1, b.Max(Math.Abs)) * n;
        for (var iteration = 0; iteration < 3 * n + 10; iteration++)
        {
            var w = Gradient(a, b, x);
            var j = -1;
            for (var i = 0; i < n; i++)
            {
                if (!passive[i] && w[i] > tolerance && (j < 0 || w[i] > w[j]))
                {
                    j = i;
                }
            }

            if (j < 0)
            {
                break;
            }

            passive[j] = true;
            while (true)
            {
                var s = SolvePassive(a, b, passive);
                if (s is null)
                {
                    passive[j] = false;
                    return x;
                }

                var feasible = true;
                for (var i = 0; i < n; i++)
                {
                    if (passive[i] && s[i] <= 0)
                    {
                        feasible = false;
                    }
                }

                if (feasible)
                {
                    x = s;
                    break;
                }

                // Step from x towards s as far as feasibility allows, then drop the variables that reached zero.
                var alpha = double.MaxValue;
                for (var i = 0; i < n; i++)
                {
                    if (passive[i] && s[i] <= 0)
                    {
                        alpha = Math.Min(alpha, x[i] / (x[i] - s[i]));
                    }
                }

                for (var i = 0; i < n; i++)
                {
                    x[i] += alpha * (s[i] - x[i]);
                    if (passive[i] && x[i] <= 1e-12)
                    {
                        passive[i] = false;
                        x[i] = 0;
                    }
                }
            }
        }

        return x;
    }

    private static double[] Gradient(IReadOnlyList<double[]> a, IReadOnlyList<double> b, double[] x)
    {
        var n = x.Length;
        var w = new double[n];
        for (var r = 0; r < a.Count; r++)
        {
            var residual = b[r];
            for (var i = 0; i < n; i++)
            {
                residual -= a[r][i] * x[i];
            }

            for (var i = 0; i < n; i++)
            {
                w[i] += a[r][i] * residual;
            }
        }

        return w;
    }

    /// <summary>Unconstrained least squares over the passive columns (normal equations, Gaussian elimination); null when singular.</summary>
    private static double[]? SolvePassive(IReadOnlyList<double[]> a, IReadOnlyList<double> b, bool[] passive)
    {
        var columns = Enumerable.Range(0, passive.Length).Where(i => passive[i]).ToArray();
        var k = columns.Length;
        var m = new double[k, k + 1];
        for (var r = 0; r < a.Count; r++)
        {
            for (var p = 0; p < k; p++)
            {
                var ap = a[r][columns[p]];
                for (var q = 0; q < k; q++)
                {
                    m[p, q] += ap * a[r][columns[q]];
                }

                m[p, k] += ap * b[r];
            }
        }

        for (var col = 0; col < k; col++)
        {
            var pivot = col;
            for (var row = col + 1; row < k; row++)
            {
                if (Math.Abs(m[row, col]) > Math.Abs(m[pivot, col]))
                {
                    pivot = row;
                }
            }

            if (Math.Abs(m[pivot, col]) < 1e-12)
            {
                return null;
            }

            for (var c = 0; c <= k; c++)
            {
                (m[col, c], m[pivot, c]) = (m[pivot, c], m[col, c]);
            }

            for (var row = 0; row < k; row++)
            {
                if (row == col)
                {
                    continue;
                }

                var factor = m[row, col] / m[col, col];
                for (var c = col; c <= k; c++)
                {
                    m[row, c] -= factor * m[col, c];
                }
            }
        }

        var result = new double[passive.Length];
        for (var p = 0; p < k; p++)
        {
            result[columns[p]] = m[p, k] / m[p, p];
        }

        return result;
    }
}
