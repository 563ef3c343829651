using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace ZarrPS.Cluster;

/// <summary>Addresses and ports for silos and clients.</summary>
public static class ClusterAddress
{
    /// <summary>The host's first non-loopback IPv4 address (what other machines reach), else loopback.</summary>
    public static IPAddress Default()
    {
        foreach (var nic in NetworkInterface.GetAllNetworkInterfaces())
        {
            if (nic.OperationalStatus != OperationalStatus.Up || nic.NetworkInterfaceType == NetworkInterfaceType.Loopback) continue;
            foreach (var a in nic.GetIPProperties().UnicastAddresses)
                if (a.Address.AddressFamily == AddressFamily.InterNetwork) return a.Address;
        }
        return IPAddress.Loopback;
    }

    /// <summary>A port on loopback no one listens on now.</summary>
    public static int FreePort()
    {
        var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        int port = ((IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        return port;
    }

    /// <summary>Parses host:port (a DNS name, IPv4 or [IPv6]).</summary>
    public static IPEndPoint Parse(string endpoint)
    {
        int colon = endpoint.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(endpoint[(colon + 1)..], out int port))
            throw new Engine.ZarrPSException(Engine.ErrorKind.InvalidArgument, "InvalidEndpoint", $"-Endpoint '{endpoint}': expected host:port, e.g. 127.0.0.1:30000.", endpoint);
        string host = endpoint[..colon].Trim('[', ']');
        var address = IPAddress.TryParse(host, out var ip) ? ip : Dns.GetHostAddresses(host).First(a => a.AddressFamily == AddressFamily.InterNetwork);
        return new IPEndPoint(address, port);
    }
}
