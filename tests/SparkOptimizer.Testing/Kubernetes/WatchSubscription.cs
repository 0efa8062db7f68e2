using System.Threading.Channels;

namespace SparkOptimizer.Testing.Kubernetes;

/// <summary>One open watch: the lines still to write, in order.</summary>
internal sealed class WatchSubscription(ResourceType type, string? ns, Selector? selector = null)
{
    private readonly Channel<string> lines = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });

    public ResourceType Type { get; } = type;

    public string? Namespace { get; } = ns;

    public bool Bookmarks { get; set; }

    public ChannelReader<string> Lines => lines.Reader;

    public Selector Selector { get; } = selector ?? Selector.Everything;

    public bool Matches(ResourceType type, string? ns) => type == Type && (Namespace is null || Namespace == ns);

    public bool Matches(ResourceType type, string? ns, System.Text.Json.Nodes.JsonObject obj) => Matches(type, ns) && Selector.Matches(obj);

    public void Enqueue(string line) => lines.Writer.TryWrite(line);

    public void Complete() => lines.Writer.TryComplete();
}
