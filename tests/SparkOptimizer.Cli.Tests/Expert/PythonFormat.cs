using System.Globalization;
using System.Numerics;

namespace SparkOptimizer.Tests.Expert;

/// <summary>
/// Python's "%.1f": the exact binary value rounded half to even. .NET's "F1" rounds an exact half away from zero
/// (2.25 gives "2.3" there, "2.2" in Python), and the messages must read as check.py writes them.
/// </summary>
internal static class PythonFormat
{
    public static string OneDecimal(double value)
    {
        if (!double.IsFinite(value))
        {
            return value.ToString(CultureInfo.InvariantCulture);
        }

        var bits = BitConverter.DoubleToInt64Bits(Math.Abs(value));
        var exponent = (int)((bits >> 52) & 0x7FF);
        var mantissa = bits & 0xFFFFFFFFFFFFFL;
        var power = exponent == 0 ? -1074 : exponent - 1075;
        var tenths = new BigInteger(exponent == 0 ? mantissa : mantissa | (1L << 52)) * 10;
        if (power >= 0)
        {
            tenths <<= power;
        }
        else
        {
            var denominator = BigInteger.One << -power;
            var quotient = BigInteger.DivRem(tenths, denominator, out var remainder);
            var twice = remainder * 2;
            tenths = twice > denominator || (twice == denominator && !quotient.IsEven) ? quotient + 1 : quotient;
        }

        var sign = value < 0 || (value == 0 && double.IsNegative(value)) ? "-" : "";
        return $"{sign}{BigInteger.Divide(tenths, 10)}.{BigInteger.Remainder(tenths, 10)}";
    }
}
