namespace ZarrPS.ML;

/// <summary>A batch ready for the model: features (N, C, H, W) normalised with NaN set to 0, labels (N, H, W) and a 0/1 mask.</summary>
internal sealed record PreparedBatch(float[] Features, float[]? Labels, float[] Mask, int Samples, int Channels, int Height, int Width, string What);
