namespace ZarrPS.Engine.Cf;

/// <summary>The finest field a date string gives ("2019" is a year, "2019-07-01T06" an hour), as pandas resolves partial strings.</summary>
public enum CfPeriodResolution : byte
{
    /// <summary>"2019".</summary>
    Year,
    /// <summary>"2019-07".</summary>
    Month,
    /// <summary>"2019-07-01".</summary>
    Day,
    /// <summary>"2019-07-01T06".</summary>
    Hour,
    /// <summary>"2019-07-01 06:30".</summary>
    Minute,
    /// <summary>"2019-07-01T06:30:15".</summary>
    Second,
    /// <summary>Up to six fraction digits: "2019-07-01T06:30:15.25".</summary>
    Microsecond,
    /// <summary>Seven to nine fraction digits: "2019-07-01T06:30:15.000000001".</summary>
    Nanosecond,
}
