namespace SparkOptimizer.Pricing;

/// <summary>EMR on EKS: charged per vCPU-hour and GB-hour of the pods' requests, on top of the nodes.</summary>
public sealed record EmrOnEksRates(decimal PerVcpuHour, decimal PerGbHour, PriceSource Source);
