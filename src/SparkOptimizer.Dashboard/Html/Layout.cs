namespace SparkOptimizer.Dashboard.Html;

/// <summary>The page shell: one stylesheet and one script, both served from the assembly; no external requests.</summary>
public static class Layout
{
    public static string Page(string title, string appTitle, string body, string? crumbs = null) => $"""
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{H.E(title)} · {H.E(appTitle)}</title>
        <link rel="icon" href="data:,">
        <link rel="stylesheet" href="/assets/dashboard.css">
        <script src="/assets/dashboard.js" defer></script>
        </head>
        <body>
        <header class="top"><a class="brand" href="/">{H.E(appTitle)}</a><nav aria-label="Breadcrumb"><a href="/">Fleet</a>{crumbs}</nav></header>
        <main>
        {body}
        </main>
        </body>
        </html>
        """;

    public static string Severity(Analysis.Severity severity) =>
        $"<span class=\"sev sev-{severity.ToString().ToLowerInvariant()}\">{severity}</span>";

    public static string Stat(string label, string value) => $"<div class=\"stat\"><div class=\"stat-label\">{H.E(label)}</div><div class=\"stat-value\">{H.E(value)}</div></div>";
}
