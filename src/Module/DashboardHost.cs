using System.Runtime.CompilerServices;
using ZarrPS.Dashboard;

namespace ZarrPS.Module;

/// <summary>
/// The session's dashboard. The only code that touches ZarrPS.Dashboard (and through it ASP.NET Core): its methods are
/// compiled on first call, so importing the module loads neither.
/// </summary>
internal static class DashboardHost
{
    private static readonly object Gate = new();
    private static object? s_server;   // a DashboardServer; typed object so this class loads without it
    private static DashboardInfo? s_info;

    public static DashboardInfo? Current
    {
        get { lock (Gate) return s_info; }
    }

    public static DashboardInfo Start(string address, int port)
    {
        lock (Gate)
        {
            if (s_info is not null) return s_info;
            AspNetCoreFramework.Ensure();
            s_info = StartServer(address, port);
            return s_info;
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static DashboardInfo StartServer(string address, int port)
    {
        var server = DashboardServer.Start(new DashboardOptions { Address = address, Port = port });
        s_server = server;
        return new DashboardInfo(server.Url, server.Address.ToString(), server.Port, server.Token, AspNetCoreFramework.Directory);
    }

    public static DashboardInfo? Stop()
    {
        lock (Gate)
        {
            var info = s_info;
            if (s_server is IDisposable d) d.Dispose();
            s_server = null;
            s_info = null;
            return info;
        }
    }
}
