namespace ZarrPS.ML;

/// <summary>How Invoke-XTrain trains.</summary>
public sealed record TrainOptions
{
    /// <summary>Feature variables (channels).</summary>
    public string[] Features { get; init; } = [];
    /// <summary>Label variable (0/1), or the variable thresholded by <see cref="LabelThreshold"/>.</summary>
    public string Label { get; init; } = "";
    /// <summary>label = Label &gt; threshold.</summary>
    public double? LabelThreshold { get; init; }
    /// <summary>SimpleConvNet, SpatialConvNet or Identity.</summary>
    public string Model { get; init; } = "SimpleConvNet";
    /// <summary>Passes over the training batches.</summary>
    public int Epochs { get; init; } = 5;
    /// <summary>Learning rate.</summary>
    public double LearningRate { get; init; } = 1e-3;
    /// <summary>Samples per optimiser step; 0 keeps the generator's batches.</summary>
    public int BatchSize { get; init; }
    /// <summary>adam or sgd (momentum 0.9).</summary>
    public string Optimizer { get; init; } = "adam";
    /// <summary>cpu (cuda when LibTorch has it).</summary>
    public string Device { get; init; } = "cpu";
    /// <summary>LibTorch threads (0: LibTorch's default).</summary>
    public int Threads { get; init; } = 1;
    /// <summary>Seed of weights and batch order.</summary>
    public int Seed { get; init; }
    /// <summary>Write the model here after every epoch.</summary>
    public string? Checkpoint { get; init; }
    /// <summary>Worker threads preparing batches ahead.</summary>
    public int Workers { get; init; } = 2;
    /// <summary>Batches prepared ahead at most.</summary>
    public int Prefetch { get; init; } = 4;
    /// <summary>Visit the training batches in a new seeded order every epoch.</summary>
    public bool Shuffle { get; init; } = true;
}
