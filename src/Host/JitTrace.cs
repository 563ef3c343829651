using System.Diagnostics.Tracing;

namespace ZarrPS.Host;

internal sealed class JitTrace : EventListener
{
    public static JitTrace? Instance;
    public int Count;
    public readonly Dictionary<string, int> ByNamespace = new();
    public readonly List<string> Names = new();
    protected override void OnEventSourceCreated(EventSource source)
    {
        if (source.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(source, EventLevel.Verbose, (EventKeywords)0x10);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        if (e.EventName == "MethodJittingStarted_V1" && e.Payload is { Count: > 5 })
        {
            lock (this)
            {
                Count++;
                string ns = e.Payload[4]?.ToString() ?? "?";
                string name = e.Payload[5]?.ToString() ?? "?";
                Names.Add(ns + "::" + name);
                int dot = ns.LastIndexOf('.');
                string key = dot > 0 ? ns[..dot] : ns;
                ByNamespace[key] = ByNamespace.GetValueOrDefault(key) + 1;
            }
        }
    }
}
