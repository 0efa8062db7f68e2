using System.Text.Json;
using SparkOptimizer.Pricing;

namespace SparkOptimizer.Reporting;

/// <summary>
/// The "cost" object of the JSON report: money with its source and basis (the node's price, or OpenCost's default rates),
/// where the node type came from, always the hours, waste by cause, spot, reserved.
/// </summary>
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
            w.WriteString("basis", Basis(c.Basis));
            if (c.CpuRate is { } cpu && c.RamRate is { } ram)
            {
                w.WriteStartObject("rates");
                w.WriteNumber("perVcpuHour", cpu);
                w.WriteNumber("perGiBHour", ram);
                w.WriteEndObject();
            }
            if (c.RecommendedPerRun is { } r)
            {
                w.WriteNumber("recommendedPerRun", r);
                w.WriteString("recommendedShape", c.RecommendedShape);
                if (c.RecommendedLow is { } lo && c.RecommendedHigh is { } hi)
                {
                    w.WriteNumber("recommendedLow", lo);
                    w.WriteNumber("recommendedHigh", hi);
                }

                if (c.RecommendedDurationMs is { } ms)
                {
                    w.WriteNumber("recommendedDurationMs", ms);
                    w.WriteNumber("recommendedLowMs", c.RecommendedLowMs ?? ms);
                    w.WriteNumber("recommendedHighMs", c.RecommendedHighMs ?? ms);
                }

                if (c.RecommendedConfiguration is { } shape)
                {
                    w.WriteStartObject("recommendedConfiguration");
                    w.WriteNumber("executors", shape.Executors);
                    w.WriteNumber("coresPerExecutor", shape.CoresPerExecutor);
                    w.WriteString("executorMemory", shape.ExecutorMemory);
                    w.WriteNullable("instanceType", shape.InstanceType);

                    w.WriteEndObject();
                }

                w.WriteNullable("savingsPerRun", c.SavingsPerRun);
            }
        }
        else
        {
            w.WriteNull("perRun");
            w.WriteString("basis", Basis(CostBasis.Unpriced));
            w.WriteString("note", report.CostDetails is null ? "not priced: hours are given instead" : "pricing turned off: hours are given instead");
        }

        if (report.CostDetails is { } d)
        {
            WriteNode(w, d);
            if (d.PricedCoreHours is { } pricedCores && d.PricedGiBHours is { } pricedGiB)
            {
                w.WriteNumber("pricedCoreHours", Math.Round(pricedCores, 4));
                w.WriteNumber("pricedGiBHours", Math.Round(pricedGiB, 4));
            }

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

                w.WriteNumber("share", Math.Round(item.Share, 4));
                w.WriteString("explanation", item.Explanation);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            if (d.UsefulCost is { } useful)
            {
                // with every waste amount, it adds up to the run's cost
                w.WriteNumber("usefulAmount", Math.Round(useful.Amount, 4));
            }

            w.WriteNumber("cohortRuns", d.CohortRuns);
            if (d.RunsPerDay is { } perDay)
            {
                w.WriteNumber("runsPerDay", Math.Round(perDay, 3));
            }

            w.WriteStartObject("spot");
            w.WriteBoolean("suitable", d.Spot.Suitable);
            w.WriteNumber("score", Math.Round(d.Spot.Score, 3));
            if (d.Spot.Savings is { } spotSavings)
            {
                w.WriteNumber("savingsPerRun", Math.Round(spotSavings.Amount, 4));
            }

            if (d.Spot.SpotPriceSource is { } spotSource)
            {
                w.WriteString("priceSource", spotSource.Description);
                w.WriteString("priceDate", spotSource.Date);
            }

            w.WriteStartArray("reasons");
            foreach (var reason in d.Spot.Reasons)
            {
                w.WriteStringValue(reason);
            }

            w.WriteEndArray();
            w.WriteEndObject();
            if (d.Reserved is { } reserved)
            {
                w.WriteStartObject("reserved");
                w.WriteBoolean("recommended", reserved.Recommended);
                w.WriteNumber("runsPerMonth", Math.Round(reserved.RunsPerMonth, 2));
                w.WriteNumber("busyShareOfMonth", Math.Round(reserved.BusyShareOfMonth, 4));
                w.WriteNumber("breakEvenShare", Math.Round(reserved.BreakEvenShare, 4));
                if (reserved.MonthlySavings is { } monthly)
                {
                    w.WriteNumber("monthlySavings", Math.Round(monthly.Amount, 2));
                }

                w.WriteString("advice", reserved.Advice);
                w.WriteEndObject();
            }
        }

        w.WriteEndObject();
    }

    private static string Basis(CostBasis basis) => basis switch
    {
        CostBasis.PriceBook => "priceBook",
        CostBasis.OpenCostDefaultRates => "openCostDefaultRates",
        _ => "unpriced",
    };

    /// <summary>The node type and where it came from; on node-billed platforms the workers, the driver and the Databricks SKU.</summary>
    private static void WriteNode(Utf8JsonWriter w, CostReport d)
    {
        if (d.Basis != CostBasis.PriceBook || d.InstanceType is null)
        {
            return;
        }

        w.WriteString("instanceType", d.InstanceType);
        w.WriteString("instanceTypeSource", d.InstanceTypeSource);
        if (d.Workers is { } workers)
        {
            w.WriteNumber("workers", workers);
            w.WriteString("workersSource", d.WorkersSource);
        }

        if (d.DriverInstanceType is { } driver)
        {
            w.WriteString("driverInstanceType", driver);
            w.WriteString("driverInstanceTypeSource", d.DriverInstanceTypeSource);
        }

        if (d.DatabricksSku is { } sku)
        {
            w.WriteString("databricksSku", sku);
            w.WriteString("databricksSkuSource", d.DatabricksSkuSource);
            w.WriteBoolean("databricksPhoton", d.DatabricksPhotonSource is not null);
            if (d.DatabricksPhotonSource is { } photon)
            {
                w.WriteString("databricksPhotonSource", photon);
            }
        }
    }
}
