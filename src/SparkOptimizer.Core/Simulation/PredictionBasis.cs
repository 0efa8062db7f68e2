namespace SparkOptimizer.Simulation;

/// <summary>What a prediction rests on.</summary>
public enum PredictionBasis
{
    /// <summary>The replay alone (no usable history).</summary>
    Replay,

    /// <summary>The replay corrected by the app's own Ernest fit.</summary>
    ReplayWithErnest,

    /// <summary>The replay corrected by the cross-app residual model.</summary>
    ReplayWithResidualModel,

    /// <summary>Both corrections.</summary>
    ReplayWithErnestAndResidualModel,
}
