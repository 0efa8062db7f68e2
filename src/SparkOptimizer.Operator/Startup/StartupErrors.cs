using System.Reflection;
using System.Text.RegularExpressions;

namespace SparkOptimizer.Operator.Startup;

/// <summary>Turns whatever stopped the start into the one line a user sees: the setting, the problem, the fix.</summary>
public static partial class StartupErrors
{
    public static string Describe(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var ex = Unwrap(exception);
        if (ex is StartupException startup)
        {
            return $"error: {startup.Message}";
        }

        // Microsoft.Extensions.Configuration's binder: "Failed to convert configuration value '2.6e+08' at 'Engine:Jobs:X' to type 'System.Int64'."
        for (Exception? e = ex; e is not null; e = e.InnerException)
        {
            if (BindingFailure().Match(e.Message) is { Success: true } m)
            {
                var key = m.Groups["key"].Value;
                var type = m.Groups["type"].Value.Replace("System.", string.Empty, StringComparison.Ordinal);
                return $"error: {key}: '{m.Groups["value"].Value}' is not a valid {type}. Fix: set {key} (environment variable {key.Replace(":", "__", StringComparison.Ordinal)}) to {Expected(type)}";
            }
        }

        return $"error: the operator could not start: {FirstLine(ex.Message)} ({ex.GetType().Name}). Fix: check the settings in docs/operator.md, \"Running it\"";
    }

    private static Exception Unwrap(Exception ex)
    {
        while (true)
        {
            switch (ex)
            {
                case AggregateException { InnerExceptions.Count: 1 } agg:
                    ex = agg.InnerExceptions[0];
                    continue;
                case TargetInvocationException { InnerException: { } inner }:
                    ex = inner;
                    continue;
            }

            // the DI container wraps what a factory threw; a StartupException anywhere inside is the one to show
            for (var e = ex.InnerException; e is not null; e = e.InnerException)
            {
                if (e is StartupException s)
                {
                    return s;
                }
            }

            return ex;
        }
    }

    private static string Expected(string type) => type switch
    {
        "Int32" or "Int64" => "a whole number written out in digits (268435456, not 2.68435456e+08)",
        "Boolean" => "true or false",
        "TimeSpan" => "a duration such as 00:00:30",
        "Double" or "Decimal" => "a number",
        _ => $"a {type}",
    };

    private static string FirstLine(string text) => text.Split('\n')[0].Trim();

    [GeneratedRegex(@"Failed to convert configuration value '(?<value>[^']*)' at '(?<key>[^']+)' to type '(?<type>[^']+)'")]
    private static partial Regex BindingFailure();
}
