using System.Threading.Channels;
using ZarrPS.Engine;
using ZarrPS.Engine.ML;

namespace ZarrPS.ML;

/// <summary>
/// Reads generator batches into model tensors on worker threads, a bounded number ahead of the training loop
/// (a DataLoader with prefetching): feature stacking, normalisation, NaN to 0 with a mask, label checks, and
/// regrouping into -BatchSize samples.
/// </summary>
internal sealed class BatchPreparer
{
    private readonly string[] _features;
    private readonly string? _label;
    private readonly double? _threshold;
    private readonly Normalization _norm;
    private readonly bool _allowAllNaN;

    public BatchPreparer(string[] features, string? label, double? threshold, Normalization norm, bool allowAllNaN = false)
    {
        _allowAllNaN = allowAllNaN;
        _features = features;
        _label = label;
        _threshold = threshold;
        _norm = norm;
    }

    /// <summary>Prepares one generator batch (on the calling thread).</summary>
    public PreparedBatch Prepare(Batch batch)
    {
        var x = batch.ReadTensor(_features);
        int c = (int)x.Shape[0], n = (int)x.Shape[1];
        if (x.Shape.Length != 4)
            throw new ZarrPSException(ErrorKind.InvalidArgument, "NotTwoInputDims", $"Training needs exactly two input dimensions (e.g. latitude and longitude); the generator has {x.Shape.Length - 2}.");
        int h = (int)x.Shape[2], w = (int)x.Shape[3], hw = h * w;
        var features = new float[(long)n * c * hw];
        var mask = new float[(long)n * hw];
        mask.AsSpan().Fill(1);
        for (int v = 0; v < c; v++)
        {
            float mean = (float)_norm.Mean[v], scale = (float)(1 / _norm.Std[v]);
            bool any = false;
            for (int s = 0; s < n; s++)
            {
                var src = x.Data.AsSpan((v * n + s) * hw, hw);
                var dst = features.AsSpan((s * c + v) * hw, hw);
                var m = mask.AsSpan(s * hw, hw);
                for (int i = 0; i < hw; i++)
                {
                    float value = src[i];
                    if (float.IsNaN(value)) { dst[i] = 0; m[i] = 0; }
                    else { dst[i] = (value - mean) * scale; any = true; }
                }
            }
            if (!any && !_allowAllNaN)
                throw new ZarrPSException(ErrorKind.InvalidData, "AllNaNBatch",
                    $"Feature '{_features[v]}' is NaN everywhere in {batch}; select a region with data or use -PartialBatches off.", _features[v]);
        }
        float[]? labels = null;
        if (_label is not null)
        {
            var y = batch.ReadTensor([_label]);
            labels = y.Data;
            for (int i = 0; i < labels.Length; i++)
            {
                float value = labels[i];
                if (float.IsNaN(value)) { mask[i] = 0; labels[i] = 0; continue; }
                if (_threshold is double t) { labels[i] = value > t ? 1 : 0; continue; }
                if (value != 0 && value != 1)
                    throw new ZarrPSException(ErrorKind.InvalidData, "LabelNotBinary",
                        $"Label '{_label}' has the value {value} in {batch}; a label must be 0 or 1 (or NaN). Use -LabelThreshold to turn a continuous variable into a label (e.g. -LabelThreshold 0.005 on tp).", _label);
            }
        }
        return new PreparedBatch(features, labels, mask, n, c, h, w, batch.ToString());
    }

    /// <summary>Reads a batch's labels and throws if one is not 0, 1 or NaN.</summary>
    public void CheckLabel(Batch batch)
    {
        var y = batch.ReadTensor([_label!]);
        foreach (float value in y.Data)
            if (!float.IsNaN(value) && value != 0 && value != 1)
                throw new ZarrPSException(ErrorKind.InvalidData, "LabelNotBinary",
                    $"Label '{_label}' has the value {value} in {batch}; a label must be 0 or 1 (or NaN). Use -LabelThreshold to turn a continuous variable into a label (e.g. -LabelThreshold 0.005 on tp).", _label);
    }

    /// <summary>Regroups prepared batches into groups of <paramref name="size"/> samples (the last may be smaller).</summary>
    public static IEnumerable<PreparedBatch> Regroup(IEnumerable<PreparedBatch> batches, int size)
    {
        var pending = new List<PreparedBatch>();
        int have = 0;
        foreach (var b in batches)
        {
            int offset = 0;
            while (offset < b.Samples)
            {
                int take = Math.Min(size - have, b.Samples - offset);
                pending.Add(Slice(b, offset, take));
                have += take;
                offset += take;
                if (have == size)
                {
                    yield return Concat(pending);
                    pending.Clear();
                    have = 0;
                }
            }
        }
        if (have > 0) yield return Concat(pending);
    }

    private static PreparedBatch Slice(PreparedBatch b, int start, int count)
    {
        if (start == 0 && count == b.Samples) return b;
        int chw = b.Channels * b.Height * b.Width, hw = b.Height * b.Width;
        return b with
        {
            Features = b.Features.AsSpan(start * chw, count * chw).ToArray(),
            Labels = b.Labels?.AsSpan(start * hw, count * hw).ToArray(),
            Mask = b.Mask.AsSpan(start * hw, count * hw).ToArray(),
            Samples = count,
        };
    }

    private static PreparedBatch Concat(List<PreparedBatch> parts)
    {
        if (parts.Count == 1) return parts[0];
        var first = parts[0];
        return first with
        {
            Features = parts.SelectMany(p => p.Features).ToArray(),
            Labels = first.Labels is null ? null : parts.SelectMany(p => p.Labels!).ToArray(),
            Mask = parts.SelectMany(p => p.Mask).ToArray(),
            Samples = parts.Sum(p => p.Samples),
            What = $"{parts.Count} batches from {first.What}",
        };
    }

    /// <summary>
    /// Prepares <paramref name="batches"/> in order on <paramref name="workers"/> threads, at most
    /// <paramref name="ahead"/> ready and waiting; an error in a worker surfaces in the consumer.
    /// </summary>
    public IEnumerable<PreparedBatch> Prefetch(IReadOnlyList<Batch> batches, int workers, int ahead, CancellationToken cancel)
    {
        if (batches.Count == 0) yield break;
        var slots = Channel.CreateBounded<Task<PreparedBatch>>(new BoundedChannelOptions(Math.Max(1, ahead)) { SingleReader = true, SingleWriter = true });
        using var gate = new SemaphoreSlim(Math.Max(1, workers));
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        var producer = Task.Run(async () =>
        {
            try
            {
                foreach (var b in batches)
                {
                    await gate.WaitAsync(stop.Token).ConfigureAwait(false);
                    var task = Task.Run(() =>
                    {
                        try { return Prepare(b); }
                        finally { gate.Release(); }
                    });
                    await slots.Writer.WriteAsync(task, stop.Token).ConfigureAwait(false);
                }
                slots.Writer.Complete();
            }
            catch (Exception e)
            {
                slots.Writer.TryComplete(e is OperationCanceledException ? null : e);
            }
        });
        try
        {
            while (true)
            {
                Task<PreparedBatch> next;
                try
                {
                    if (!slots.Reader.WaitToReadAsync(stop.Token).AsTask().GetAwaiter().GetResult()) break;
                    if (!slots.Reader.TryRead(out next!)) continue;
                }
                catch (ChannelClosedException e) when (e.InnerException is not null)
                {
                    throw e.InnerException;
                }
                PreparedBatch ready;
                try { ready = next.GetAwaiter().GetResult(); }
                catch (AggregateException e) when (e.InnerException is not null) { throw e.InnerException; }
                yield return ready;
            }
        }
        finally
        {
            stop.Cancel();
            while (slots.Reader.TryRead(out var pending)) _ = pending.ContinueWith(static _ => { }, TaskScheduler.Default);
            try { producer.Wait(TimeSpan.FromSeconds(5)); } catch (AggregateException) { }
        }
    }
}
