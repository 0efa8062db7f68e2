using System.Text;

namespace SparkOptimizer.Dashboard.Catalog;

/// <summary>URL-safe ids and app keys: letters, digits, '.', '-' and '_' only.</summary>
public static class RunIds
{
    public static string Slug(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var sb = new StringBuilder(text.Length);
        foreach (var c in text.Trim())
        {
            sb.Append(char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '-');
        }

        var slug = sb.ToString().Trim('-', '.');
        return slug.Length == 0 ? "run" : slug;
    }
}
