using ZarrPS.Engine.Arrays;
using ZarrPS.Engine.Model;

namespace ZarrPS.Engine.ML;

/// <summary>What a synthetic ERA5-like dataset covers.</summary>
public sealed class SampleOptions
{
    /// <summary>The first time (UTC).</summary>
    public DateTime Start { get; init; } = new(2019, 1, 1);

    /// <summary>The end (exclusive).</summary>
    public DateTime End { get; init; } = new(2020, 1, 1);

    /// <summary>Hours between times (ERA5: 1).</summary>
    public int StepHours { get; init; } = 1;

    /// <summary>Latitude range in degrees north (stored north to south, as ERA5).</summary>
    public (double Min, double Max) Latitude { get; init; } = (10, 40);

    /// <summary>Longitude range in degrees east.</summary>
    public (double Min, double Max) Longitude { get; init; } = (100, 140);

    /// <summary>Grid spacing in degrees (ERA5: 0.25).</summary>
    public double Resolution { get; init; } = 0.25;

    /// <summary>Pressure levels (hPa) of temperature and humidity; none leaves them out.</summary>
    public double[] Levels { get; init; } = [850, 500];

    /// <summary>The seed: the same seed gives the same values.</summary>
    public int Seed { get; init; }
}

/// <summary>
/// Synthetic sample data. NOT real observations or reanalysis: values come from formulas with diurnal and seasonal
/// cycles, travelling weather waves and seeded noise, made so that a model can learn precipitation from the
/// convective indices. Deterministic: a value depends only on the seed and its position.
/// </summary>
public static class SampleDatasets
{
    /// <summary>The 5 mm/h threshold (in m/h, ERA5's tp units) above which an hour counts as convective.</summary>
    public const double ConvectionThreshold = 0.005;

    /// <summary>
    /// ERA5-like convection data on (time, latitude, longitude): cape (J kg-1), cin (J kg-1), kx (K), blh (m),
    /// tp (m, hourly total precipitation), and t (K), q (kg kg-1) on (time, level, latitude, longitude).
    /// tp rises with CAPE, K-index and boundary layer height and falls with convective inhibition, plus noise, so
    /// tp &gt; 0.005 (5 mm/h) is learnable from cape, cin, kx, blh. Lazy: values are computed when read.
    /// </summary>
    public static Dataset Era5Convection(SampleOptions o)
    {
        if (o.End <= o.Start)
            throw new ZarrPSException(ErrorKind.InvalidArgument, "EmptyPeriod", $"End ({o.End:yyyy-MM-dd HH:mm}) must be after Start ({o.Start:yyyy-MM-dd HH:mm}).", "End");
        if (o.StepHours < 1)
            throw new ZarrPSException(ErrorKind.InvalidArgument, "InvalidStep", $"StepHours must be at least 1, not {o.StepHours}.", "StepHours");
        if (!(o.Resolution > 0))
            throw new ZarrPSException(ErrorKind.InvalidArgument, "InvalidResolution", $"Resolution must be positive, not {o.Resolution}.", "Resolution");
        if (o.Latitude.Min > o.Latitude.Max || o.Longitude.Min > o.Longitude.Max || o.Latitude.Min < -90 || o.Latitude.Max > 90)
            throw new ZarrPSException(ErrorKind.InvalidArgument, "InvalidRange", $"Latitude {o.Latitude.Min}..{o.Latitude.Max} or longitude {o.Longitude.Min}..{o.Longitude.Max} is not a valid range.", "Latitude");

        long nt = (long)Math.Ceiling((o.End - o.Start).TotalHours / o.StepHours);
        int ny = (int)Math.Floor((o.Latitude.Max - o.Latitude.Min) / o.Resolution + 1e-9) + 1;
        int nx = (int)Math.Floor((o.Longitude.Max - o.Longitude.Min) / o.Resolution + 1e-9) + 1;
        var lat = new double[ny];
        for (int i = 0; i < ny; i++) lat[i] = Math.Round(o.Latitude.Max - i * o.Resolution, 6);
        var lon = new double[nx];
        for (int i = 0; i < nx; i++) lon[i] = Math.Round(o.Longitude.Min + i * o.Resolution, 6);
        var epoch = DateTime.UnixEpoch;
        var times = new long[nt];
        for (long i = 0; i < nt; i++) times[i] = (o.Start.AddHours(i * o.StepHours) - epoch).Ticks * 100;

        var field = new Field(o, times, lat, lon);
        int ct = (int)Math.Min(nt, Math.Max(1, 24 / o.StepHours * 7));
        var vars = new OrderedDictionary<string, Variable>(StringComparer.Ordinal);
        vars["time"] = new Variable(["time"], new InMemoryArray(System.Runtime.InteropServices.MemoryMarshal.AsBytes(times.AsSpan()).ToArray(), [nt], DataType.DateTime64("ns")),
            Attrs(("long_name", "time"), ("standard_name", "time")));
        vars["latitude"] = new Variable(["latitude"], InMemoryArray.From(lat), Attrs(("units", "degrees_north"), ("standard_name", "latitude"), ("long_name", "latitude")));
        vars["longitude"] = new Variable(["longitude"], InMemoryArray.From(lon), Attrs(("units", "degrees_east"), ("standard_name", "longitude"), ("long_name", "longitude")));
        if (o.Levels.Length > 0)
            vars["level"] = new Variable(["level"], InMemoryArray.From(o.Levels.ToArray()), Attrs(("units", "millibars"), ("long_name", "pressure_level"), ("positive", "down")));

        string[] surface = ["time", "latitude", "longitude"];
        long[] shape = [nt, ny, nx];
        int[] chunk = [ct, ny, nx];
        Variable Surface(string name, int which, params (string, object?)[] attrs) =>
            new(surface, new ProceduralArray(shape, chunk, $"sample '{name}'", (idx, row) => field.Row(which, idx[0], idx[1], idx[2], row)), Attrs(attrs));
        vars["cape"] = Surface("cape", Field.Cape, ("units", "J kg**-1"), ("long_name", "Convective available potential energy"));
        vars["cin"] = Surface("cin", Field.Cin, ("units", "J kg**-1"), ("long_name", "Convective inhibition"));
        vars["kx"] = Surface("kx", Field.Kx, ("units", "K"), ("long_name", "K index"));
        vars["blh"] = Surface("blh", Field.Blh, ("units", "m"), ("long_name", "Boundary layer height"));
        vars["tp"] = Surface("tp", Field.Tp, ("units", "m"), ("long_name", "Total precipitation"));
        if (o.Levels.Length > 0)
        {
            string[] upper = ["time", "level", "latitude", "longitude"];
            long[] shape4 = [nt, o.Levels.Length, ny, nx];
            int[] chunk4 = [ct, 1, ny, nx];
            vars["t"] = new Variable(upper, new ProceduralArray(shape4, chunk4, "sample 't'", (idx, row) => field.LevelRow(Field.T, idx[0], (int)idx[1], idx[2], idx[3], row)),
                Attrs(("units", "K"), ("long_name", "Temperature"), ("standard_name", "air_temperature")));
            vars["q"] = new Variable(upper, new ProceduralArray(shape4, chunk4, "sample 'q'", (idx, row) => field.LevelRow(Field.Q, idx[0], (int)idx[1], idx[2], idx[3], row)),
                Attrs(("units", "kg kg**-1"), ("long_name", "Specific humidity"), ("standard_name", "specific_humidity")));
        }
        var ds = new Dataset(vars, null, Attrs(
            ("title", "ZarrPS synthetic ERA5-like convection sample"),
            ("source", "SYNTHETIC: generated by ZarrPS New-XSampleDataset from formulas and seeded noise; not observations or reanalysis"),
            ("seed", (long)o.Seed),
            ("Conventions", "CF-1.6"),
            ("label_rule", "convection_flag = tp > 0.005 m (5 mm/h)")));
        return ds;
    }

    private static OrderedDictionary<string, object?> Attrs(params (string, object?)[] attrs)
    {
        var d = new OrderedDictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (k, v) in attrs) d[k] = v;
        return d;
    }

    /// <summary>The formulas. Every value depends only on (seed, variable, time, level, latitude, longitude).</summary>
    private sealed class Field
    {
        public const int Cape = 0, Cin = 1, Kx = 2, Blh = 3, Tp = 4, T = 5, Q = 6;
        private readonly ulong _seed;
        private readonly long[] _times;
        private readonly double[] _lat, _lon, _levels;
        private readonly (double Kx, double Ky, double W, double Phase, double Amp)[] _waves1, _waves2;
        // sin(k·x - ωt + φ) = sin(k·x + φ)cos(ωt) - cos(k·x + φ)sin(ωt): spatial and temporal factors are tabulated once.
        private readonly double[][] _sinXY, _cosXY;        // [wave][y * nx + x], waves of both sets
        private readonly double[][] _sinT, _cosT;          // [wave][t]
        private readonly double[] _hourUtc, _dayOfYear;    // [t]
        private readonly double _norm1, _norm2;

        public Field(SampleOptions o, long[] times, double[] lat, double[] lon)
        {
            _seed = (ulong)(uint)o.Seed * 0x9E3779B97F4A7C15UL + 12345;
            _times = times;
            _lat = lat;
            _lon = lon;
            _levels = o.Levels;
            var rng = new Random(o.Seed);
            _waves1 = Waves(rng);
            _waves2 = Waves(rng);
            _norm1 = _waves1.Sum(w => w.Amp) / 1.6;
            _norm2 = _waves2.Sum(w => w.Amp) / 1.6;
            var all = _waves1.Concat(_waves2).ToArray();
            int nxy = lat.Length * lon.Length;
            _sinXY = new double[all.Length][];
            _cosXY = new double[all.Length][];
            _sinT = new double[all.Length][];
            _cosT = new double[all.Length][];
            for (int k = 0; k < all.Length; k++)
            {
                _sinXY[k] = new double[nxy];
                _cosXY[k] = new double[nxy];
                for (int y = 0; y < lat.Length; y++)
                    for (int x = 0; x < lon.Length; x++)
                    {
                        double a = all[k].Kx * lon[x] + all[k].Ky * lat[y] + all[k].Phase;
                        _sinXY[k][y * lon.Length + x] = Math.Sin(a);
                        _cosXY[k][y * lon.Length + x] = Math.Cos(a);
                    }
                _sinT[k] = new double[times.Length];
                _cosT[k] = new double[times.Length];
                for (int t = 0; t < times.Length; t++)
                {
                    double b = all[k].W * (times[t] / 3.6e12);
                    _sinT[k][t] = Math.Sin(b);
                    _cosT[k][t] = Math.Cos(b);
                }
            }
            _hourUtc = new double[times.Length];
            _dayOfYear = new double[times.Length];
            for (int t = 0; t < times.Length; t++)
            {
                var when = DateTime.UnixEpoch.AddTicks(times[t] / 100);
                _hourUtc[t] = when.Hour + when.Minute / 60.0;
                _dayOfYear[t] = when.DayOfYear;
            }
        }

        private static (double, double, double, double, double)[] Waves(Random rng)
        {
            var w = new (double, double, double, double, double)[4];
            for (int i = 0; i < w.Length; i++)
            {
                double wavelength = 4 + 10 * rng.NextDouble();          // degrees
                double angle = rng.NextDouble() * 2 * Math.PI;
                double period = 24 * (1 + 4 * rng.NextDouble());        // hours
                double k = 2 * Math.PI / wavelength;
                w[i] = (k * Math.Cos(angle), k * Math.Sin(angle), 2 * Math.PI / period, rng.NextDouble() * 2 * Math.PI, 0.5 / (i + 1) + 0.25);
            }
            return w;
        }

        private double Wave(int set, long t, int xy)
        {
            var waves = set == 0 ? _waves1 : _waves2;
            int offset = set == 0 ? 0 : _waves1.Length;
            double s = 0;
            for (int i = 0; i < waves.Length; i++)
            {
                int k = offset + i;
                s += waves[i].Amp * (_sinXY[k][xy] * _cosT[k][t] - _cosXY[k][xy] * _sinT[k][t]);
            }
            return s / (set == 0 ? _norm1 : _norm2);
        }

        /// <summary>Uniform noise in [-1, 1) from a hash of the position (splitmix64).</summary>
        private double Noise(int variable, long t, long level, long y, long x)
        {
            ulong z = _seed ^ ((ulong)variable * 0xD1B54A32D192ED03UL) ^ ((ulong)t * 0x9E3779B97F4A7C15UL) ^ ((ulong)level * 0xC2B2AE3D27D4EB4FUL)
                ^ ((ulong)y * 0x165667B19E3779F9UL) ^ ((ulong)x * 0x27D4EB2F165667C5UL);
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            z ^= z >> 31;
            return (z >> 11) * (2.0 / (1UL << 53)) - 1.0;
        }

        private readonly record struct State(double Cape, double Cin, double Kx, double Blh, double Seasonal, double Warm);

        private State At(long t, long y, long x)
        {
            double lat = _lat[y], lon = _lon[x];
            int xy = (int)(y * _lon.Length + x);
            double localHour = (_hourUtc[t] + lon / 15.0) % 24;
            double diurnal = Math.Cos(2 * Math.PI * (localHour - 15) / 24);              // peak mid-afternoon
            double seasonal = Math.Cos(2 * Math.PI * (_dayOfYear[t] - 200) / 365.25);     // peak late July
            double warm = Math.Clamp((40 - lat) / 30, 0, 1.5);                             // warmer towards the tropics
            double w1 = Wave(0, t, xy), w2 = Wave(1, t, xy);
            double cape = Math.Max(0, 700 + 550 * seasonal + 450 * diurnal + 800 * w1 + 500 * warm + 120 * Noise(Cape, t, 0, y, x));
            double cin = -Math.Max(0, 60 - 35 * diurnal + 45 * w2 - 20 * seasonal + 15 * Noise(Cin, t, 0, y, x));
            double kx = 24 + 7 * seasonal + 7 * w1 - 3 * w2 + 4 * warm + 1.5 * Noise(Kx, t, 0, y, x);
            double blh = Math.Max(50, 650 + 550 * diurnal + 250 * w2 + 100 * seasonal + 60 * Noise(Blh, t, 0, y, x));
            return new State(cape, cin, kx, blh, seasonal, warm);
        }

        private double Value(int which, long t, long y, long x)
        {
            var s = At(t, y, x);
            switch (which)
            {
                case Cape: return s.Cape;
                case Cin: return s.Cin;
                case Kx: return s.Kx;
                case Blh: return s.Blh;
                default:
                    // Convective potential: a smooth function of the four indices plus noise; rain grows with it.
                    double z = -5 + 0.0022 * (s.Cape - 1100) + 0.035 * (s.Cin + 40) + 0.30 * (s.Kx - 28) + 0.0015 * (s.Blh - 700) + 0.35 * Noise(Tp, t, 0, y, x);
                    double rate = z > 0 ? 0.0002 + 0.06 * (1 - Math.Exp(-z / 8)) : 0.0002 * Math.Exp(z);   // m per hour, at most ~60 mm/h
                    return Math.Max(0, rate + 0.0001 * Noise(Tp + 10, t, 0, y, x));
            }
        }

        public void Row(int which, long t, long y, long x0, Span<float> row)
        {
            for (int i = 0; i < row.Length; i++) row[i] = (float)Value(which, t, y, x0 + i);
        }

        public void LevelRow(int which, long t, int level, long y, long x0, Span<float> row)
        {
            double p = _levels[level];
            double height = 44331 * (1 - Math.Pow(p / 1013.25, 0.1903));   // standard atmosphere, m
            for (int i = 0; i < row.Length; i++)
            {
                long x = x0 + i;
                var s = At(t, y, x);
                double surface = 298 + 6 * s.Seasonal + 4 * s.Warm;
                row[i] = which == T
                    ? (float)(surface - 0.0065 * height + 0.002 * (s.Cape - 700) + 0.5 * Noise(T, t, level, y, x))
                    : (float)Math.Max(1e-6, (0.016 + 0.002 * s.Seasonal + 0.001 * (s.Kx - 28) / 5) * Math.Exp(-height / 2500) * (1 + 0.05 * Noise(Q, t, level, y, x)));
            }
        }
    }
}
