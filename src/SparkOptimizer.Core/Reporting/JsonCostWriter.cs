using System.Text.Json;

namespace SparkOptimizer.Reporting;

/// <summary>The "cost" object of the JSON report: money with its source when priced, always the hours, waste by cause, spot, reserved.</summary>
internal static class JsonCostWriter
{
    public static void Write(Utf8JsonWriter w, RunReport report)
    {
        w.WriteStartObject("cost");
        if (report.Cost is { } c)
        {
            w.WriteNumber("perRun", c.CurrentPerRun);
            w.WriteString("currency", c.Currency);
            w.WriteString("shape", c.CurrentShape);
            w.WriteString("priceSource", c.PriceSource);
            w.WriteString("priceDate", c.PriceDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
            if (c.RecommendedPerRun is { } r)
            {
                w.WriteNumber("recommendedPerRun", r);
                w.WriteString("recommendedShape", c.RecommendedShape);
                w.WriteNumber("savingsPerRun", c.CurrentPerRun - r);
            }
        }
        else
        {
            w.WriteNull("perRun");
            w.WriteString("note", "no price known for this run: set the instance type; hours are given instead");
        }

        if (report.CostDetails is { } d)
        {
            w.WriteNumber("executorHours", Math.Round(d.ExecutorHours, 4));
            w.WriteNumber("coreHours", Math.Round(d.CoreHours, 4));
            w.WriteNumber("utilisation", Math.Round(d.Utilisation, 4));
            w.WriteStartArray("waste");
            foreach (var item in d.Waste)
            {
                w.WriteStartObject();
                w.WriteString("cause", item.Cause.ToString());
                w.WriteNumber("coreHours", Math.Round(item.CoreHours, 4));
                w.WriteNumber("gibHours", Math.Round(item.GiBHours, 4));
                if (item.Cost is { } money)
                {
                    w.WriteNumber("amount", Math.Round(money.Amount, 4));
                }

                w.WriteString("explanation", item.Explanation);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartObject("spot");
            w.WriteBoolean("suitable", d.Spot.Suitable);
            w.WriteNumber("score", Math.Round(d.Spot.Score, 3));
            if (d.Spot.Savings is { } spotSavings)
            {
                w.WriteNumber("savingsPerRun", Math.Round(spotSavings.Amount, 4));
            }

            w.WriteEndObject();
            if (d.Reserved is { } reserved)
            {
                w.WriteStartObject("reserved");
                w.WriteBoolean("recommended", reserved.Recommended);
                w.WriteString("advice", reserved.Advice);
                w.WriteEndObject();
            }
        }

        w.WriteEndObject();
    }
}
