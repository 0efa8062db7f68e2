using SparkOptimizer.Dashboard.Catalog;
using SparkOptimizer.Dashboard.Html;
using SparkOptimizer.Dashboard.Views;
using SparkOptimizer.Testing;

namespace SparkOptimizer.Dashboard.Tests.Html;

public sealed class RunPageTests
{
    [Fact]
    public void Render_RunWhoseReplayIsWildlyOff_SaysSoInsteadOfFailing()
    {
        // This log's replay predicts thousands of hours for an 8 s run: the page must still render.
        using var dir = new TempDir();
        const string name = "app-20231025121456-0004-eventLog-finished-exec-removed";
        File.Copy(Corpus.Path("sparkscope/" + name), dir.File(name));
        var data = new DashboardData(new FolderRunCatalog(dir.Path), new DashboardOptions());

        var view = data.Run(name)!;
        var html = RunPage.Render(view, "app", "Spark Optimizer");

        view.Timeline.Should().NotBeEmpty();
        html.Should().Contain("id=\"timeline\"");
        if (view.WhatIfError is not null)
        {
            html.Should().Contain("No prediction").And.NotContain("id=\"whatif\"");
        }
    }
}
