namespace ZarrPS.Engine.Writers;

/// <summary>One chunk a write stores: the region <paramref name="Start"/>+<paramref name="Count"/> of a variable.</summary>
/// <param name="Index">Its position in the write's task list (the same in every process that plans the write).</param>
/// <param name="Array">The index of the variable's array in the write.</param>
/// <param name="Variable">The variable's name.</param>
/// <param name="Start">The region's start in the variable's data.</param>
/// <param name="Count">The region's size.</param>
public sealed record ZarrWriteTask(int Index, int Array, string Variable, long[] Start, long[] Count);
