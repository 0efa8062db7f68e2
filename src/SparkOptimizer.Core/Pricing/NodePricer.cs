using SparkOptimizer.Model;

namespace SparkOptimizer.Pricing;

/// <summary>Effective node prices: the instance's hourly price for the capacity type plus the platform's charge.</summary>
public static class NodePricer
{
    /// <summary>The node's price per hour on <paramref name="platform"/>, or null (with the reason) when the book lacks it.</summary>
    public static NodePrice? Price(string instanceType, Platform platform, CapacityType capacity, PriceBook book, NodeShapeCatalog shapes, string databricksSku, out string? missing, bool photon = false)
    {
        ArgumentNullException.ThrowIfNull(book);
        ArgumentNullException.ThrowIfNull(shapes);
        missing = null;
        var price = book.Find(instanceType);
        if (price is null)
        {
            missing = $"no price for instance type '{instanceType}' in the price books";
            return null;
        }

        var shape = shapes.Find(instanceType);
        if (price.Hourly(capacity, book.ReservedDiscountFor(price.Provider)) is not { } hourly)
        {
            missing = $"no {capacity} price for '{instanceType}'";
            return null;
        }

        var method = $"{instanceType} {capacity} {price.Currency} {hourly}/h";
        switch (platform)
        {
            case Platform.Emr when book.EmrUplift.TryGetValue(instanceType, out var uplift):
                hourly += uplift;
                method += $" + EMR {uplift}/h";
                break;
            case Platform.Emr:
                missing = $"no EMR uplift for '{instanceType}'";
                return null;
            case Platform.Dataproc when book.DataprocPerVcpuHour is { } fee && shape is not null:
                hourly += fee * shape.Vcpu;
                method += $" + Dataproc {fee}/vCPU-h x {shape.Vcpu}";
                break;
            case Platform.Dataproc:
                missing = $"no Dataproc fee or node shape for '{instanceType}'";
                return null;
            case Platform.Databricks:
                var cloud = price.Provider;
                if (book.Databricks is not { } db || !db.DbuPerHour.TryGetValue(instanceType, out var dbu) || db.PricePerDbu(cloud, databricksSku) is not { } perDbu)
                {
                    missing = $"no Databricks DBU rate for '{instanceType}' ({cloud}, {databricksSku})";
                    return null;
                }

                if (photon && db.PhotonDbuMultiplier.TryGetValue(databricksSku, out var photonFactor))
                {
                    hourly += dbu * photonFactor * perDbu;
                    method += $" + {dbu} DBU/h x {photonFactor} Photon x {perDbu}/DBU ({databricksSku})";
                    break;
                }

                hourly += dbu * perDbu;
                method += $" + {dbu} DBU/h x {perDbu}/DBU ({databricksSku})"
                    + (photon ? $"; Photon, but no Photon DBU multiplier for {databricksSku} in the price books: priced as classic" : string.Empty);
                break;
        }

        return new NodePrice(instanceType, hourly, price.Currency, method, price.Source, shape);
    }
}
