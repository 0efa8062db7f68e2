namespace SparkOptimizer.Trust;

/// <summary>Whether a predicted gain is worth a pull request, and the sentence that goes on status either way.</summary>
public sealed record NoiseDecision(bool Open, double PredictedGain, double Threshold, string Reason);
