using System.Collections;
using System.Globalization;
using ZarrPS.Engine.Arrays;
using ZarrPS.Engine.Compute.Kernels;
using ZarrPS.Engine.Model;

namespace ZarrPS.Engine.ML;

/// <summary>
/// xbatcher's BatchGenerator over a lazy Dataset: the same windows, batches and batch order (xbatcher 0.4), plus a
/// seeded shuffle and partial edge windows. Lazy: making it reads nothing (unless preloading); a batch reads only
/// its windows. Indexable (negative indexes count from the end) and enumerable.
/// </summary>
public sealed class BatchGenerator : IReadOnlyList<Batch>
{
    private readonly Batch[] _batches;
    private readonly int[] _order;

    /// <summary>Makes the batches of <paramref name="dataset"/>.</summary>
    public BatchGenerator(Dataset dataset, BatchOptions options)
    {
        Options = options;
        Validate(dataset, options);
        Dataset = options.Preload ? Load(dataset) : dataset;

        var unique = options.BatchDims.Where(kv => !options.InputDims.ContainsKey(kv.Key)).ToArray();
        var duplicate = options.BatchDims.Where(kv => options.InputDims.ContainsKey(kv.Key)).ToArray();
        // xbatcher slices the batch dimensions that are not input dimensions first, then the input dimensions.
        SlicedDims = unique.Select(kv => kv.Key).Concat(options.InputDims.Keys).ToArray();
        var lengths = unique.Select(kv => kv.Value).Concat(options.InputDims.Values).ToArray();
        var slices = new DimSlice[SlicedDims.Count][];
        for (int d = 0; d < SlicedDims.Count; d++)
        {
            // Covering (prediction) moves the last input window back to the end and keeps a short last batch.
            bool input = options.InputDims.ContainsKey(SlicedDims[d]);
            slices[d] = Slices(Dataset.Dims[SlicedDims[d]], lengths[d], options.InputOverlap.GetValueOrDefault(SlicedDims[d]),
                options.PartialBatches || (options.CoverEdges && !input), options.CoverEdges && input);
        }

        var patches = Product(SlicedDims.ToArray(), slices, out var multiIndex);
        List<Patch[]> groups;
        if (!options.ConcatInputDims) groups = patches.Select(p => new[] { p }).ToList();
        else if (options.BatchDims.Count == 0) groups = [patches];
        else if (duplicate.Length == 0)
        {
            // Consecutive windows with the same batch-dimension slices form a batch.
            int inner = 1;
            for (int d = unique.Length; d < SlicedDims.Count; d++) inner *= slices[d].Length;
            groups = [];
            for (int i = 0; i < patches.Length; i += inner) groups.Add(patches[i..(i + inner)]);
        }
        else groups = GroupByInputAndBatchDims(options, lengths, slices, patches, multiIndex);

        _batches = new Batch[groups.Count];
        for (int i = 0; i < groups.Count; i++) _batches[i] = new Batch(this, i, groups[i]);
        _order = Enumerable.Range(0, _batches.Length).ToArray();
        if (options.Shuffle) new Random(options.Seed).Shuffle(_order);
    }

    /// <summary>The dataset batches are cut from (in memory when preloaded).</summary>
    public Dataset Dataset { get; }

    /// <summary>The options.</summary>
    public BatchOptions Options { get; }

    /// <summary>The dimensions each window slices: batch-only dimensions, then the input dimensions.</summary>
    public IReadOnlyList<string> SlicedDims { get; }

    /// <summary>The number of batches (xbatcher's len()).</summary>
    public int Count => _batches.Length;

    /// <summary>The batch at a position of the (possibly shuffled) order; negative positions count from the end.</summary>
    public Batch this[int index]
    {
        get
        {
            int i = index < 0 ? index + _batches.Length : index;
            if (i < 0 || i >= _batches.Length)
                throw new ZarrPSException(ErrorKind.InvalidArgument, "BatchIndexOutOfRange",
                    $"Batch {index} does not exist: the generator has {_batches.Length} batches.", index);
            return _batches[_order[i]];
        }
    }

    /// <inheritdoc />
    public IEnumerator<Batch> GetEnumerator()
    {
        for (int i = 0; i < _batches.Length; i++) yield return _batches[_order[i]];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>
    /// xbatcher's _gen_slices: windows of <paramref name="length"/> every length − overlap positions from 0; a window
    /// running past the end is dropped, or with <paramref name="partial"/> kept truncated while the previous one did
    /// not reach the end; with <paramref name="cover"/> a last window is moved back to end at the end.
    /// </summary>
    public static DimSlice[] Slices(long size, long length, long overlap, bool partial, bool cover = false)
    {
        long stride = length - overlap;
        var result = new List<DimSlice>();
        for (long start = 0; start < size; start += stride)
        {
            long end = start + length;
            if (end <= size) result.Add(new DimSlice(start, end));
            else if (partial && (result.Count == 0 || result[^1].Stop < size)) result.Add(new DimSlice(start, size));
        }
        if (cover && !partial && (result.Count == 0 || result[^1].Stop < size)) result.Add(new DimSlice(size - length, size));
        return result.ToArray();
    }

    private static void Validate(Dataset ds, BatchOptions o)
    {
        if (o.InputDims.Count == 0)
            throw new ZarrPSException(ErrorKind.InvalidArgument, "NoInputDims", "InputDims must name at least one dimension, e.g. @{ latitude = 16; longitude = 16 }.", "InputDims");
        Check(o.InputDims, "InputDims");
        Check(o.BatchDims, "BatchDims");
        foreach (var (dim, overlap) in o.InputOverlap)
        {
            if (!o.InputDims.TryGetValue(dim, out long length))
                throw new ZarrPSException(ErrorKind.InvalidArgument, "OverlapNotInput",
                    $"InputOverlap names '{dim}', which is not in InputDims ({string.Join(", ", o.InputDims.Keys)}).", dim);
            if (overlap < 0 || overlap >= length)
                throw new ZarrPSException(ErrorKind.InvalidArgument, "OverlapTooLarge",
                    $"InputOverlap '{dim}' = {overlap} must be at least 0 and less than the input length {length} (xbatcher: input overlap must be less than the input sample length).", dim);
        }

        void Check(OrderedDictionary<string, long> lengths, string parameter)
        {
            foreach (var (dim, length) in lengths)
            {
                if (!ds.Dims.TryGetValue(dim, out long size))
                    throw new ZarrPSException(ErrorKind.InvalidArgument, "DimensionNotFound",
                        $"{parameter} names dimension '{dim}', which the dataset does not have (dimensions: {string.Join(", ", ds.Dims.Keys)}).", dim);
                if (length < 1)
                    throw new ZarrPSException(ErrorKind.InvalidArgument, "InvalidLength", $"{parameter} '{dim}' = {length}: a length must be at least 1.", dim);
                if (length > size)
                    throw new ZarrPSException(ErrorKind.InvalidArgument, "WindowLargerThanDimension",
                        $"{parameter} '{dim}' = {length} is larger than dimension '{dim}', which has {size} elements.", dim);
            }
        }
    }

    private static Dataset Load(Dataset ds)
    {
        var vars = new OrderedDictionary<string, Variable>(StringComparer.Ordinal);
        foreach (var (k, v) in ds.Variables)
        {
            if (v.Rank == 0 || v.Data is InMemoryArray) { vars[k] = v; continue; }
            var bytes = new byte[v.Size * v.DType.ItemSize];
            var data = v.Data is Compute.IGraphNode ? Compute.Graph.Compute(v.Data) : v.Data;
            data.ReadRegion(new long[v.Rank], v.Shape, bytes);
            vars[k] = v.WithData(new InMemoryArray(bytes, v.Shape, v.DType, v.Chunks, v.Data.Description));
        }
        return ds.With(vars);
    }

    private Patch[] Product(string[] dims, DimSlice[][] slices, out int[][] multiIndex)
    {
        long total = 1;
        foreach (var s in slices) total *= s.Length;
        if (total > int.MaxValue)
            throw new ZarrPSException(ErrorKind.LimitsExceeded, "TooManyWindows", $"The windows number {total}; use larger InputDims or BatchDims.");
        var patches = new Patch[total];
        multiIndex = new int[total][];
        var idx = new int[dims.Length];
        for (long p = 0; p < total; p++)
        {
            var sel = new DimSlice[dims.Length];
            for (int d = 0; d < dims.Length; d++) sel[d] = slices[d][idx[d]];
            patches[p] = new Patch(dims, sel);
            multiIndex[p] = (int[])idx.Clone();
            for (int d = dims.Length - 1; d >= 0; d--)
            {
                if (++idx[d] < slices[d].Length) break;
                idx[d] = 0;
            }
        }
        return patches;
    }

    /// <summary>
    /// xbatcher's grouping when a dimension is both an input and a batch dimension (with concat_input_dims): a batch
    /// takes ceil(batch length / stride) windows along such a dimension, there are size // batch length batches along
    /// it, and windows beyond the last whole batch are dropped.
    /// </summary>
    private List<Patch[]> GroupByInputAndBatchDims(BatchOptions o, long[] lengths, DimSlice[][] slices, Patch[] patches, int[][] multiIndex)
    {
        int n = SlicedDims.Count;
        var perBatch = new long[n];
        var batches = new long[n];
        for (int d = 0; d < n; d++)
        {
            string dim = SlicedDims[d];
            long size = Dataset.Dims[dim];
            if (o.BatchDims.TryGetValue(dim, out long batchLength))
            {
                long stride = o.InputDims.TryGetValue(dim, out long input) ? input - o.InputOverlap.GetValueOrDefault(dim) : batchLength;
                perBatch[d] = (batchLength + stride - 1) / stride;
                batches[d] = o.PartialBatches ? (size + batchLength - 1) / batchLength : size / batchLength;
            }
            else
            {
                perBatch[d] = slices[d].Length + 1;
                batches[d] = 1;
            }
        }
        long count = 1;
        foreach (var b in batches) count *= b;
        var groups = new List<Patch>[count];
        for (long i = 0; i < count; i++) groups[i] = [];
        for (int p = 0; p < patches.Length; p++)
        {
            long flat = 0;
            bool inRange = true;
            for (int d = 0; d < n; d++)
            {
                long id = multiIndex[p][d] / perBatch[d];
                if (id >= batches[d]) { inRange = false; break; }
                flat = flat * batches[d] + id;
            }
            if (inRange) groups[flat].Add(patches[p]);
        }
        return groups.Select(g => g.ToArray()).ToList();
    }

    // ------------------------------------------------------------------ reading

    internal BatchTensor ReadTensor(Batch batch, IReadOnlyList<string> variables)
    {
        if (variables.Count == 0)
            throw new ZarrPSException(ErrorKind.InvalidArgument, "NoVariables", "Name at least one variable to read.");
        var inputDims = Options.InputDims.Keys.ToArray();
        var inputLengths = Options.InputDims.Values.ToArray();
        Variable? first = null;
        string[] otherDims = [];
        var vars = new Variable[variables.Count];
        for (int i = 0; i < vars.Length; i++)
        {
            string name = variables[i];
            if (!Dataset.Variables.TryGetValue(name, out var v))
                throw new ZarrPSException(ErrorKind.NotFound, "VariableNotFound",
                    $"The dataset has no variable '{name}' (variables: {string.Join(", ", Dataset.DataVars)}).", name);
            foreach (var d in inputDims)
                if (v.AxisOf(d) < 0)
                    throw new ZarrPSException(ErrorKind.InvalidArgument, "VariableLacksInputDim",
                        $"Variable '{name}' has no dimension '{d}' (it has {string.Join(", ", v.Dims)}); every variable read must have the input dimensions.", name);
            if (!v.DType.IsNumeric && v.DType.Kind != ScalarKind.Bool)
                throw new ZarrPSException(ErrorKind.InvalidArgument, "NotNumeric", $"Variable '{name}' is {v.DType.Name}, not numbers.", name);
            var others = v.Dims.Where(d => !inputDims.Contains(d)).ToArray();
            if (first is null) { first = v; otherDims = others; }
            else if (!others.SequenceEqual(otherDims))
                throw new ZarrPSException(ErrorKind.InvalidArgument, "VariableDimsDiffer",
                    $"Variable '{name}' has dimensions ({string.Join(", ", v.Dims)}) but '{variables[0]}' has ({string.Join(", ", first.Dims)}); the variables of one tensor need the same non-input dimensions.", name);
            vars[i] = v;
        }

        // Samples of each window: the product of its non-input dimensions' lengths.
        var patchSamples = new long[batch.Patches.Count];
        long samples = 0;
        for (int p = 0; p < patchSamples.Length; p++)
        {
            long s = 1;
            foreach (var d in otherDims) s *= Extent(batch.Patches[p], d);
            patchSamples[p] = s;
            samples += s;
        }
        long window = 1;
        foreach (var l in inputLengths) window *= l;
        long perVariable = samples * window;
        long total = perVariable * vars.Length;
        if (total > Array.MaxLength)
            throw new ZarrPSException(ErrorKind.LimitsExceeded, "BatchTooLarge", $"A batch of {total:N0} values is too large; use smaller BatchDims.");
        var data = GC.AllocateUninitializedArray<float>((int)total);
        bool truncated = batch.Patches.Any(p => inputDims.Select((d, k) => p[d].Length != inputLengths[k]).Any(x => x));
        if (truncated) data.AsSpan().Fill(float.NaN);

        for (int i = 0; i < vars.Length; i++)
        {
            long sampleOffset = 0;
            for (int p = 0; p < patchSamples.Length; p++)
            {
                ReadWindow(variables[i], vars[i], batch.Patches[p], inputDims, inputLengths, data.AsSpan((int)(i * perVariable + sampleOffset * window), (int)(patchSamples[p] * window)));
                sampleOffset += patchSamples[p];
            }
        }
        long[] shape = [vars.Length, samples, .. inputLengths];
        return new BatchTensor(data, shape, ["variable", "sample", .. inputDims], variables.ToArray());
    }

    private long Extent(Patch patch, string dim)
    {
        int at = patch.Dims is string[] a ? Array.IndexOf(a, dim) : -1;
        return at >= 0 ? patch.Slices[at].Length : Dataset.Dims[dim];
    }

    /// <summary>Reads one window of a variable into (its other dims..., input dims...) with full input lengths.</summary>
    private void ReadWindow(string name, Variable v, Patch patch, string[] inputDims, long[] inputLengths, Span<float> destination)
    {
        int rank = v.Rank;
        var start = new long[rank];
        var count = new long[rank];
        var destStride = new long[rank];
        // Destination strides: input dims over the full window lengths, other dims over their extents before them.
        var inStride = new long[inputDims.Length];
        long acc = 1;
        for (int k = inputDims.Length - 1; k >= 0; k--) { inStride[k] = acc; acc *= inputLengths[k]; }
        long window = acc;
        for (int a = 0; a < rank; a++)
        {
            string dim = v.Dims[a];
            int at = patch.Dims is string[] pd ? Array.IndexOf(pd, dim) : -1;
            if (at >= 0) { start[a] = patch.Slices[at].Start; count[a] = patch.Slices[at].Length; }
            else { start[a] = 0; count[a] = v.Shape[a]; }
        }
        acc = window;
        for (int a = rank - 1; a >= 0; a--)
        {
            int k = Array.IndexOf(inputDims, v.Dims[a]);
            if (k >= 0) destStride[a] = inStride[k];
            else { destStride[a] = acc; acc *= count[a]; }
        }
        // The source: the window itself, or a cached slab spanning the whole input dims (consecutive batches in
        // xbatcher's order share their batch-dim slices, so the slab's chunks are decoded once, not once a window).
        var slab = Slab(name, v, start, count, inputDims);
        PooledBuffer? buffer = null;
        try
        {
            ReadOnlySpan<float> src;
            long[] srcShape, offset = new long[rank];
            if (slab is not null)
            {
                src = slab.Values;
                srcShape = slab.Count;
                for (int a = 0; a < rank; a++) offset[a] = start[a] - slab.Start[a];
            }
            else
            {
                buffer = Cast.ReadAs(v.Data, start, count, DataType.Float32);
                src = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(buffer.Span);
                srcShape = count;
            }
            long n = StridedCopy.Product(count);
            if (n == 0) return;
            var srcStride = new long[rank];
            long sacc = 1;
            for (int a = rank - 1; a >= 0; a--) { srcStride[a] = sacc; sacc *= srcShape[a]; }
            int last = rank - 1;
            long run = count[last], step = destStride[last];
            var idx = new long[rank];
            for (long s = 0; s < n; s += run)
            {
                long dst = 0, from = offset[last];
                for (int a = 0; a < last; a++)
                {
                    dst += idx[a] * destStride[a];
                    from += (idx[a] + offset[a]) * srcStride[a];
                }
                if (step == 1) src.Slice((int)from, (int)run).CopyTo(destination.Slice((int)dst, (int)run));
                else for (long j = 0; j < run; j++) destination[(int)(dst + j * step)] = src[(int)(from + j)];
                for (int a = last - 1; a >= 0; a--)
                {
                    if (++idx[a] < count[a]) break;
                    idx[a] = 0;
                }
            }
        }
        finally
        {
            buffer?.Dispose();
        }
    }

    /// <summary>A variable's values over some batch-dim slices and the whole input dims.</summary>
    private sealed record SlabEntry(long[] Start, long[] Count, float[] Values);

    private readonly Dictionary<string, SlabEntry> _slabs = new(StringComparer.Ordinal);
    private readonly Lock _slabGate = new();

    /// <summary>Slabs up to this many values (per variable) are cached; larger ones are read window by window.</summary>
    private const long SlabLimit = 16L << 20;

    private static bool Contains(SlabEntry slab, long[] start, long[] count)
    {
        for (int a = 0; a < start.Length; a++)
            if (start[a] < slab.Start[a] || start[a] + count[a] > slab.Start[a] + slab.Count[a]) return false;
        return true;
    }

    private static int ChunkOf(long[] offsets, long position)
    {
        int i = Array.BinarySearch(offsets, position);
        return i >= 0 ? i : ~i - 1;
    }

    private SlabEntry? Slab(string name, Variable v, long[] start, long[] count, string[] inputDims)
    {
        if (Options.Preload || v.Data is InMemoryArray) return null;
        int rank = v.Rank;
        var slabStart = new long[rank];
        var slabCount = new long[rank];
        for (int a = 0; a < rank; a++)
        {
            bool input = Array.IndexOf(inputDims, v.Dims[a]) >= 0;
            slabStart[a] = input ? 0 : start[a];
            slabCount[a] = input ? v.Shape[a] : count[a];
        }
        long size = StridedCopy.Product(slabCount);
        if (size > SlabLimit || size == StridedCopy.Product(count)) return null;
        lock (_slabGate)
        {
            if (_slabs.TryGetValue(name, out var hit) && Contains(hit, slabStart, slabCount)) return hit;
        }
        // Widen the batch-dim extent to whole source chunks when that still fits: the next batches' slices then
        // come from the same slab, and each chunk is decoded once.
        var widened = ((long[])slabStart.Clone(), (long[])slabCount.Clone());
        var layout = v.Chunks;
        if (layout.Rank == rank)
        {
            for (int a = 0; a < rank; a++)
            {
                if (Array.IndexOf(inputDims, v.Dims[a]) >= 0 || slabCount[a] == 0) continue;
                var offsets = layout.Offsets[a];
                var sizes = layout.Sizes[a];
                int first = ChunkOf(offsets, slabStart[a]), lastChunk = ChunkOf(offsets, slabStart[a] + slabCount[a] - 1);
                widened.Item1[a] = offsets[first];
                widened.Item2[a] = offsets[lastChunk] + sizes[lastChunk] - offsets[first];
            }
            if (StridedCopy.Product(widened.Item2) <= SlabLimit) (slabStart, slabCount) = widened;
        }
        size = StridedCopy.Product(slabCount);
        var values = new float[size];
        using (var buffer = Cast.ReadAs(v.Data, slabStart, slabCount, DataType.Float32))
            System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(buffer.Span).CopyTo(values);
        var entry = new SlabEntry(slabStart, slabCount, values);
        lock (_slabGate) _slabs[name] = entry;
        return entry;
    }

    internal Dataset BatchDataset(Batch batch)
    {
        if (!Options.ConcatInputDims)
        {
            var sel = new Dictionary<string, AxisSelection>(StringComparer.Ordinal);
            var patch = batch.Patches[0];
            for (int d = 0; d < patch.Dims.Count; d++) sel[patch.Dims[d]] = AxisSelection.Range(patch.Slices[d].Start, patch.Slices[d].Stop);
            return Isel.Apply(Dataset, sel);
        }
        var inputDims = Options.InputDims.Keys.ToArray();
        var vars = new OrderedDictionary<string, Variable>(StringComparer.Ordinal);
        var coordNames = new List<string>();
        int windows = batch.Patches.Count;
        foreach (var (name, v) in Dataset.Variables)
        {
            bool isCoord = Dataset.CoordNames.Contains(name);
            if (!inputDims.All(d => v.AxisOf(d) >= 0))
            {
                if (isCoord && v.Rank == 1 && inputDims.Contains(v.Dims[0]))
                {
                    // An input coordinate becomes (input_batch, <dim>_input): one row per window.
                    string dim = v.Dims[0];
                    long length = Options.InputDims[dim];
                    var rows = new double[windows * length];
                    for (int p = 0; p < windows; p++)
                    {
                        var s = batch.Patches[p][dim];
                        using var buf = Cast.ReadAs(v.Data, [s.Start], [s.Length], DataType.Float64);
                        var values = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, double>(buf.Span);
                        for (long j = 0; j < length; j++) rows[p * length + j] = j < values.Length ? values[(int)j] : double.NaN;
                    }
                    var data = new InMemoryArray(System.Runtime.InteropServices.MemoryMarshal.AsBytes(rows.AsSpan()).ToArray(), [windows, length], DataType.Float64);
                    vars[name] = new Variable(["input_batch", dim + "_input"], data, new OrderedDictionary<string, object?>(v.Attrs, StringComparer.Ordinal));
                    coordNames.Add(name);
                }
                else if (isCoord && v.Dims.All(d => Dataset.Dims.ContainsKey(d)))
                {
                    // Other coordinates: selected by the batch's slices of their dimensions.
                    var sel = new Dictionary<string, AxisSelection>(StringComparer.Ordinal);
                    foreach (var d in v.Dims)
                        if (batch.Patches[0].Dims.Contains(d)) sel[d] = AxisSelection.Range(batch.Patches[0][d].Start, batch.Patches[0][d].Stop);
                    vars[name] = Isel.Apply(v, sel);
                    coordNames.Add(name);
                }
                continue;
            }
            if (isCoord || !(v.DType.IsNumeric || v.DType.Kind == ScalarKind.Bool)) continue;
            var tensor = ReadTensor(batch, [name]);
            var others = v.Dims.Where(d => !inputDims.Contains(d)).ToArray();
            var otherExtents = others.Select(d => Extent(batch.Patches[0], d)).ToArray();
            long[] shape = [windows, .. otherExtents, .. Options.InputDims.Values];
            var bytes = System.Runtime.InteropServices.MemoryMarshal.AsBytes(tensor.Data.AsSpan()).ToArray();
            string[] batchDims = ["input_batch", .. others, .. inputDims.Select(d => d + "_input")];
            vars[name] = new Variable(batchDims,
                new InMemoryArray(bytes, shape, DataType.Float32), new OrderedDictionary<string, object?>(v.Attrs, StringComparer.Ordinal));
        }
        return new Dataset(vars, coordNames, new OrderedDictionary<string, object?>(Dataset.Attrs, StringComparer.Ordinal));
    }

    /// <inheritdoc />
    public override string ToString()
    {
        var text = new System.Text.StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"BatchGenerator: {Count} batches; input_dims {{{string.Join(", ", Options.InputDims.Select(kv => $"{kv.Key}: {kv.Value}"))}}}");
        if (Options.BatchDims.Count > 0) text.Append(CultureInfo.InvariantCulture, $"; batch_dims {{{string.Join(", ", Options.BatchDims.Select(kv => $"{kv.Key}: {kv.Value}"))}}}");
        if (Options.ConcatInputDims) text.Append("; concat_input_dims");
        if (Options.Shuffle) text.Append(CultureInfo.InvariantCulture, $"; shuffled (seed {Options.Seed})");
        return text.ToString();
    }
}
