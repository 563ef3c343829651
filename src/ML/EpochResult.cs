namespace ZarrPS.ML;

/// <summary>What one epoch of training did.</summary>
public sealed record EpochResult
{
    /// <summary>The epoch (1-based).</summary>
    public int Epoch { get; init; }
    /// <summary>Mean training loss (binary cross-entropy over valid points).</summary>
    public double TrainLoss { get; init; }
    /// <summary>Mean validation loss, or NaN without -Validation.</summary>
    public double ValidationLoss { get; init; } = double.NaN;
    /// <summary>Validation accuracy of the predicted class, or NaN.</summary>
    public double ValidationAccuracy { get; init; } = double.NaN;
    /// <summary>Validation loss of always predicting the training positive rate (the constant baseline), or NaN.</summary>
    public double BaselineLoss { get; init; } = double.NaN;
    /// <summary>Optimiser steps.</summary>
    public int Steps { get; init; }
    /// <summary>Training samples seen (windows × sample positions).</summary>
    public long Samples { get; init; }
    /// <summary>Wall time of the epoch in seconds.</summary>
    public double Seconds { get; init; }
    /// <summary>Seconds the training loop waited for batches (reading and preparing them ran ahead on worker threads).</summary>
    public double LoadWaitSeconds { get; init; }
    /// <summary>Training samples per second.</summary>
    public double SamplesPerSecond => Seconds > 0 ? Samples / Seconds : 0;
}
