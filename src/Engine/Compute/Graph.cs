using ZarrPS.Engine.Arrays;

namespace ZarrPS.Engine.Compute;

/// <summary>Walking and running graphs of lazy arrays.</summary>
public static class Graph
{
    /// <summary>The inputs of a node, whatever its type (graph nodes, selections, concatenations, CF views).</summary>
    public static IReadOnlyList<ILazyArray> InputsOf(ILazyArray a) => a switch
    {
        IGraphNode g => g.Inputs,
        SelectionArray s => [s.Source],
        ConcatArray c => c.Parts,
        _ => [],
    };

    /// <summary>Every node reachable from <paramref name="root"/>, inputs before their consumers, each once.</summary>
    public static IReadOnlyList<ILazyArray> Nodes(ILazyArray root)
    {
        var seen = new HashSet<ILazyArray>(ReferenceEqualityComparer.Instance);
        var order = new List<ILazyArray>();
        void Visit(ILazyArray n)
        {
            if (!seen.Add(n)) return;
            foreach (var i in InputsOf(n)) Visit(i);
            order.Add(n);
        }
        Visit(root);
        return order;
    }

    /// <summary>Computes the preparable nodes (small reductions) of a graph up front, inputs first.</summary>
    public static void Prepare(ILazyArray root, ComputeOptions? options)
    {
        options ??= new ComputeOptions();
        foreach (var n in Nodes(root))
            if (n is IPreparable p) p.Prepare(options);
    }

    /// <summary>
    /// Computes <paramref name="root"/> into memory: small reductions first, then the result's chunks in parallel
    /// (or, when it has fewer chunks than workers, by one call that parallelises inside).
    /// </summary>
    public static InMemoryArray Compute(ILazyArray root, ComputeOptions? options = null)
    {
        options ??= new ComputeOptions();
        long bytes = StridedCopy.Product(root.Shape) * root.DType.ItemSize;
        if (bytes > Array.MaxLength)
            throw new ZarrPSException(ErrorKind.LimitsExceeded, "ResultTooLarge",
                $"The result of {root.Description} ({MemoryBudget.Format(bytes)}) does not fit in one .NET array; write it with Save-XDataset instead.");
        var result = GC.AllocateUninitializedArray<byte>((int)bytes);
        ComputeInto(root, result, options);
        return new InMemoryArray(result, root.Shape, root.DType, root.Chunks, root.Description);
    }

    /// <summary>Computes <paramref name="root"/> into <paramref name="destination"/> (C order).</summary>
    public static unsafe void ComputeInto(ILazyArray root, Span<byte> destination, ComputeOptions? options = null)
    {
        options ??= new ComputeOptions();
        int workers = options.MaxParallelism ?? ComputeSession.MaxParallelism;
        string operation = options.Operation ?? $"compute {root.Description}";
        var shape = root.Shape;
        var layout = root.Chunks;
        fixed (byte* p = destination)
        {
            nint ptr = (nint)p;
            int len = destination.Length;
            Scheduler.Measure(operation, options, () =>
            {
                Prepare(root, options);
                if (layout.Count < workers || shape.Length == 0)
                {
                    root.ReadRegion(new long[shape.Length], shape, new Span<byte>((void*)ptr, len));
                    return;
                }
                var boxes = Boxes(layout);
                int item = root.DType.ItemSize;
                Scheduler.Run(boxes, b => StridedCopy.Product(b.Count) * item * 2, b =>
                {
                    using var buf = PooledBuffer.Rent(checked((int)(StridedCopy.Product(b.Count) * item)));
                    root.ReadRegion(b.Start, b.Count, buf.Span);
                    StridedCopy.Copy(buf.Span, b.Count, new long[b.Count.Length], new Span<byte>((void*)ptr, len), shape, b.Start, b.Count, item);
                }, options, operation, TaskKind.Compute, b => string.Join(",", b.Start));
            }, [root]);
        }
    }

    /// <summary>
    /// The chunks of <paramref name="layout"/> that a region touches, each clipped to the region, in C order of the
    /// chunk grid; none when the region is empty.
    /// </summary>
    public static List<(long[] Start, long[] Count)> Boxes(ChunkLayout layout, long[] start, long[] count)
    {
        int rank = start.Length;
        var boxes = new List<(long[] Start, long[] Count)>();
        if (!count.All(c => c > 0)) return boxes;
        var first = new long[rank];
        var last = new long[rank];
        for (int d = 0; d < rank; d++)
        {
            first[d] = layout.ChunkIndexOf(d, start[d]);
            last[d] = layout.ChunkIndexOf(d, start[d] + count[d] - 1);
        }
        var idx = (long[])first.Clone();
        while (true)
        {
            var (cs, cc) = layout.Box(idx);
            var bs = new long[rank];
            var bc = new long[rank];
            for (int d = 0; d < rank; d++)
            {
                bs[d] = Math.Max(cs[d], start[d]);
                bc[d] = Math.Min(cs[d] + cc[d], start[d] + count[d]) - bs[d];
            }
            boxes.Add((bs, bc));
            int k = rank - 1;
            while (k >= 0 && ++idx[k] > last[k]) { idx[k] = first[k]; k--; }
            if (k < 0) break;
        }
        return boxes;
    }

    /// <summary>The boxes of every chunk of a layout, in C order of the chunk grid.</summary>
    public static IReadOnlyList<(long[] Start, long[] Count)> Boxes(ChunkLayout layout)
    {
        var grid = layout.GridShape;
        long n = layout.Count;
        var result = new List<(long[], long[])>((int)Math.Min(n, 1 << 20));
        var idx = new long[grid.Length];
        for (long j = 0; j < n; j++)
        {
            long rem = j;
            for (int d = grid.Length - 1; d >= 0; d--) { idx[d] = rem % grid[d]; rem /= grid[d]; }
            result.Add(layout.Box(idx));
        }
        return result;
    }
}
