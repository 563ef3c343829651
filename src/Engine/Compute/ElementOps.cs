namespace ZarrPS.Engine.Compute;

/// <summary>Element-wise operations of two operands.</summary>
public enum BinaryOp
{
    /// <summary>a + b</summary>
    Add,
    /// <summary>a - b</summary>
    Subtract,
    /// <summary>a * b</summary>
    Multiply,
    /// <summary>a / b (true division: integers give floats)</summary>
    Divide,
    /// <summary>a ** b</summary>
    Power,
    /// <summary>max(a, b), NaN propagating</summary>
    Maximum,
    /// <summary>min(a, b), NaN propagating</summary>
    Minimum,
    /// <summary>a &gt; b</summary>
    Greater,
    /// <summary>a &gt;= b</summary>
    GreaterEqual,
    /// <summary>a &lt; b</summary>
    Less,
    /// <summary>a &lt;= b</summary>
    LessEqual,
    /// <summary>a == b</summary>
    Equal,
    /// <summary>a != b</summary>
    NotEqual,
    /// <summary>a and b (booleans)</summary>
    And,
    /// <summary>a or b (booleans)</summary>
    Or,
}

/// <summary>Element-wise operations of one operand.</summary>
public enum UnaryOp
{
    /// <summary>-x</summary>
    Negate,
    /// <summary>|x|</summary>
    Abs,
    /// <summary>square root</summary>
    Sqrt,
    /// <summary>e^x</summary>
    Exp,
    /// <summary>natural logarithm</summary>
    Log,
    /// <summary>base-10 logarithm</summary>
    Log10,
    /// <summary>x is NaN</summary>
    IsNull,
    /// <summary>x is not NaN</summary>
    NotNull,
    /// <summary>logical not</summary>
    Not,
    /// <summary>round half to even</summary>
    Round,
    /// <summary>floor</summary>
    Floor,
    /// <summary>ceiling</summary>
    Ceil,
    /// <summary>sine (radians)</summary>
    Sin,
    /// <summary>cosine (radians)</summary>
    Cos,
    /// <summary>clip to [P1, P2] (NaN bounds are open)</summary>
    Clip,
    /// <summary>NaN replaced by P1</summary>
    FillNa,
}

/// <summary>Helpers about the operations.</summary>
public static class ElementOps
{
    /// <summary>True for comparisons, which give booleans.</summary>
    public static bool IsComparison(BinaryOp op) => op is >= BinaryOp.Greater and <= BinaryOp.NotEqual;

    /// <summary>The symbol of an operation, for labels.</summary>
    public static string Symbol(BinaryOp op) => op switch
    {
        BinaryOp.Add => "+",
        BinaryOp.Subtract => "-",
        BinaryOp.Multiply => "*",
        BinaryOp.Divide => "/",
        BinaryOp.Power => "**",
        BinaryOp.Greater => ">",
        BinaryOp.GreaterEqual => ">=",
        BinaryOp.Less => "<",
        BinaryOp.LessEqual => "<=",
        BinaryOp.Equal => "==",
        BinaryOp.NotEqual => "!=",
        BinaryOp.And => "&",
        BinaryOp.Or => "|",
        _ => op.ToString().ToLowerInvariant(),
    };
}
