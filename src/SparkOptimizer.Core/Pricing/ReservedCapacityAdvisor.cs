using System.Globalization;

namespace SparkOptimizer.Pricing;

/// <summary>
/// Reserved capacity (or a savings plan) pays only when the reserved nodes are busy for more than (1 - discount) of the
/// month; an app that runs on a schedule is judged on its own node-hours.
/// </summary>
public static class ReservedCapacityAdvisor
{
    public static ReservedCapacitySuggestion Advise(double runsPerMonth, int nodes, double hoursPerRun, Money? costPerRun, decimal discount)
    {
        var nodeHours = runsPerMonth * nodes * hoursPerRun;
        var busy = Math.Min(1, runsPerMonth * hoursPerRun / PricingDefaults.HoursPerMonth);
        var breakEven = 1 - (double)discount;
        Money? monthly = costPerRun is { } c ? c * runsPerMonth : null;
        if (discount <= 0)
        {
            return new ReservedCapacitySuggestion(false, runsPerMonth, nodeHours, busy, 1, monthly, null, "no reserved discount known for this provider");
        }

        if (busy >= breakEven)
        {
            Money? savings = monthly is { } m ? m * discount : null;
            var advice = string.Create(CultureInfo.InvariantCulture, $"reserve {nodes} node(s): busy {busy:P0} of the month, above the {breakEven:P0} break-even");
            if (savings is { } sv)
            {
                advice += $"; saves about {sv.Round()}/month";
            }

            return new ReservedCapacitySuggestion(true, runsPerMonth, nodeHours, busy, breakEven, monthly, savings, advice);
        }

        return new ReservedCapacitySuggestion(false, runsPerMonth, nodeHours, busy, breakEven, monthly, null, string.Create(CultureInfo.InvariantCulture,
            $"do not reserve for this app alone: its nodes are busy {busy:P1} of the month, below the {breakEven:P0} break-even; pool it with other scheduled apps or use spot"));
    }
}
