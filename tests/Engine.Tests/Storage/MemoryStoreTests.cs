namespace ZarrPS.Engine.Tests.Storage;

public class MemoryStoreTests : WritableStoreContract
{
    private readonly MemoryStore _store = new("tests");

    protected override IWritableStore Store => _store;

    [Fact]
    public void NamedStoresAreSharedWithinTheProcess()
    {
        string name = "shared-" + Guid.NewGuid().ToString("N");
        var a = MemoryStore.GetNamed(name);
        a.Set("k", Bytes(4));
        var b = MemoryStore.GetNamed(name);
        Assert.Same(a, b);
        Assert.Equal("memory://" + name, b.Location);
        using (var got = b.Get("k")!) Assert.Equal(Bytes(4), got.Span.ToArray());

        Assert.True(MemoryStore.RemoveNamed(name));
        Assert.NotSame(a, MemoryStore.GetNamed(name));
        Assert.Equal(0, MemoryStore.GetNamed(name).Count);
        MemoryStore.RemoveNamed(name);
    }
}
