using System.Globalization;
using System.Net;
using SparkOptimizer.Reporting;

namespace SparkOptimizer.Dashboard.Html;

/// <summary>Encoding and number formats shared by the pages and charts (invariant culture throughout).</summary>
public static class H
{
    public static string E(string? text) => WebUtility.HtmlEncode(text ?? string.Empty);

    public static string U(string segment) => Uri.EscapeDataString(segment);

    /// <summary>
    /// A link to an outside page (a pull request), only for absolute http(s) URLs: a URL from the run history or a proposal is
    /// data, and a javascript: or data: one must not become something a click runs. Anything else is shown as plain text.
    /// </summary>
    public static string Link(string? url, string text) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            ? $"<a href=\"{E(uri.AbsoluteUri)}\" rel=\"noopener noreferrer\">{E(text)}</a>"
            : E(text);

    public static string N(double value, string format = "0.##") => double.IsFinite(value) ? value.ToString(format, CultureInfo.InvariantCulture) : "0";

    public static string Duration(long? ms) => ms switch
    {
        null => "—",
        // Beyond what TimeSpan holds (a broken prediction): say so rather than fail the page.
        > MaxDurationMs or < -MaxDurationMs => "over 10,000 days",
        _ => DurationText.Format(ms),
    };

    private const long MaxDurationMs = 10_000L * 86_400_000;

    public static string Money(decimal? amount, string? currency = "USD")
    {
        if (amount is not { } a)
        {
            return string.Empty;
        }

        var format = Math.Abs(a) is > 0 and < 0.01m ? "0.0000" : "#,0.00";
        var text = Math.Abs(a).ToString(format, CultureInfo.InvariantCulture);
        var sign = a < 0 ? "-" : string.Empty;
        return currency is null or "USD" ? $"{sign}${text}" : $"{sign}{text} {currency}";
    }

    public static string Percent(double? value) => value is { } v && double.IsFinite(v) ? v.ToString("+0.#;-0.#;0", CultureInfo.InvariantCulture) + "%" : string.Empty;

    public static string Time(DateTimeOffset? at) => at is { } t ? t.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC" : "—";

    /// <summary>Invariant sort key for data-sort attributes.</summary>
    public static string Key(double? value) => value is { } v && double.IsFinite(v) ? v.ToString("R", CultureInfo.InvariantCulture) : string.Empty;
}
