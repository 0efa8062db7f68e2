using System.Text.RegularExpressions;

namespace SparkOptimizer.Ingest.Redaction;

/// <summary>
/// Removes secrets from everything that enters the model. Spark redacts only keys matching its pattern; we also
/// redact secret-looking values inside other values: JDBC URLs, -D options, URL credentials, tokens by shape.
/// </summary>
public sealed partial class SecretRedactor
{
    public const string Mask = "*********(redacted)";

    // Spark's default spark.redaction.regex is (?i)secret|password|token|access[.]?key; we add the usual suspects.
    [GeneratedRegex(@"(?i)secret|password|passwd|pwd|token|access[._-]?key|private[._-]?key|credential|api[._-]?key|auth[._-]?key|signature|sas[._-]?token|session[._-]?key|\.account\.key|(?:^|[._-])auth$|(?:^|[._-])pass$")]
    private static partial Regex SecretKeyPattern();

    // key=value or key:value pairs whose key looks secret, inside any text (JDBC URLs, -Dx.token=..., query strings).
    [GeneratedRegex(@"(?i)((?:[\w.-]*(?:password|passwd|pwd|secret|token|access[_.-]?key|secret[_.-]?key|api[_.-]?key|private[_.-]?key|credential|sig|signature|sas|\.pass|\.auth))""?\s*[=:]\s*)(""[^""]*""|'[^']*'|[^\s;&,'""\)\]\}]+)")]
    private static partial Regex SecretPairPattern();

    // scheme://user:password@host
    [GeneratedRegex(@"(?i)(\b[a-z][a-z0-9+.-]*://[^/\s:@]+:)([^@\s/]+)(@)")]
    private static partial Regex UrlCredentialPattern();

    // --db-password X, --api-key=X: command-line options whose name marks the next word as secret.
    [GeneratedRegex(@"(?i)(--?[\w-]*(?:password|passwd|pwd|secret|token|api[_-]?key|credential)[\w-]*(?:=|\s+))(""[^""]*""|'[^']*'|[^\s""']+)")]
    private static partial Regex SecretOptionPattern();

    // A PEM private key, whole block (or to the end of a cut text), and HTTP Basic/Digest credentials.
    [GeneratedRegex(@"-----BEGIN [A-Z ]*PRIVATE KEY-----(?:[\s\S]*?-----END [A-Z ]*PRIVATE KEY-----|[\s\S]*)|(?i)\b(?:basic|digest)\s+[A-Za-z0-9+/=._~-]{6,}")]
    private static partial Regex BlockPattern();

    [GeneratedRegex(@"\b(AKIA|ASIA)[0-9A-Z]{16}\b|\bgh[pousr]_[A-Za-z0-9]{20,}\b|\bgithub_pat_[A-Za-z0-9_]{20,}\b|\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\b|\bxox[abprs]-[A-Za-z0-9-]{10,}\b|(?i)\bbearer\s+[A-Za-z0-9._~+/=-]{8,}")]
    private static partial Regex TokenShapePattern();

    // Cheap screen before the regexes: text without any of these cannot hold a secret they would find.
    private static readonly System.Buffers.SearchValues<string> Hints = System.Buffers.SearchValues.Create(
        ["pass", "pwd", "secret", "token", "key", "credential", "sig", "sas", "://", "akia", "asia", "ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_", "eyj", "xox", "bearer", "auth", "basic", "digest", "-----begin"],
        StringComparison.OrdinalIgnoreCase);

    private const int CacheLimit = 20_000;
    private const long CacheCharBudget = 16L * 1024 * 1024;
    private long _cachedChars;

    // Plans, stage details and metric names repeat across AQE updates and runs: redact each distinct text once.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> _cache = new(StringComparer.Ordinal);

    private readonly Regex? _extraKeyPattern;

    public SecretRedactor(string? extraKeyPattern = null)
    {
        _extraKeyPattern = string.IsNullOrEmpty(extraKeyPattern) ? null : new Regex(extraKeyPattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    }

    public static SecretRedactor Default { get; } = new();

    /// <summary>True when a property name itself marks its value as secret.</summary>
    public bool IsSecretKey(string key) =>
        SecretKeyPattern().IsMatch(key)
        || (_extraKeyPattern?.IsMatch(key) ?? false)
        || IsEnvironmentPassThrough(key);

    /// <summary>Redacts a Spark/Hadoop property: the whole value when the key is secret, else secrets found inside it.</summary>
    public string RedactProperty(string key, string value)
    {
        if (value.Length == 0)
        {
            return value;
        }

        return IsSecretKey(key) ? Mask : RedactText(value);
    }

    /// <summary>Redacts secrets inside free text (plans, error messages, descriptions, option strings).</summary>
    public string RedactText(string text)
    {
        if (string.IsNullOrEmpty(text) || !text.AsSpan().ContainsAny(Hints))
        {
            return text;
        }

        if (_cache.TryGetValue(text, out var cached))
        {
            return cached;
        }

        var redacted = RedactWithPatterns(text);
        if (_cache.Count >= CacheLimit || Interlocked.Add(ref _cachedChars, text.Length) > CacheCharBudget)
        {
            _cache.Clear();
            Interlocked.Exchange(ref _cachedChars, text.Length);
        }

        _cache[text] = redacted;
        return redacted;
    }

    private static string RedactWithPatterns(string text)
    {
        var result = BlockPattern().Replace(text, Mask);
        result = SecretOptionPattern().Replace(result, m => m.Groups[1].Value + Mask);
        result = SecretPairPattern().Replace(result, m => m.Groups[1].Value + Mask);
        result = UrlCredentialPattern().Replace(result, m => m.Groups[1].Value + Mask + m.Groups[3].Value);
        result = TokenShapePattern().Replace(result, Mask);
        return result;
    }

    // Environment variables handed to pods routinely carry credentials under arbitrary names.
    private static bool IsEnvironmentPassThrough(string key) =>
        key.StartsWith("spark.kubernetes.driverEnv.", StringComparison.Ordinal)
        || key.StartsWith("spark.executorEnv.", StringComparison.Ordinal)
        || key.StartsWith("spark.yarn.appMasterEnv.", StringComparison.Ordinal)
        || key.StartsWith("spark.kubernetes.driver.secretKeyRef.", StringComparison.Ordinal)
        || key.StartsWith("spark.kubernetes.executor.secretKeyRef.", StringComparison.Ordinal);
}
