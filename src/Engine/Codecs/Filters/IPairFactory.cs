using System.Numerics;

namespace ZarrPS.Engine.Codecs.Filters;

/// <summary>Builds something (a kernel) for a pair of element types chosen at run time by <see cref="NumericDispatch"/>.</summary>
internal interface IPairFactory<TResult>
{
    /// <summary>Creates the result for decoded element type <typeparamref name="TD"/> and encoded element type <typeparamref name="TA"/>.</summary>
    TResult Create<TD, TA>()
        where TD : unmanaged, INumber<TD>
        where TA : unmanaged, INumber<TA>;
}
