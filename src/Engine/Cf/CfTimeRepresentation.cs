namespace ZarrPS.Engine.Cf;

/// <summary>How decoded times are held: numpy datetime64[ns] or dates of a CF calendar.</summary>
public enum CfTimeRepresentation : byte
{
    /// <summary>Nanoseconds since 1970-01-01 (proleptic Gregorian), what xarray gives as datetime64[ns].</summary>
    Datetime64,
    /// <summary><see cref="CfDate.EpochMicroseconds"/> of a calendar, what xarray gives as cftime objects.</summary>
    CfDate,
}
