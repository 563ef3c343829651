using TorchSharp;
using static TorchSharp.torch;

namespace ZarrPS.ML;

/// <summary>The architectures: each maps (N, features, H, W) to (N, 1, H, W), a logit per grid point.</summary>
public static class Networks
{
    /// <summary>The names Invoke-XTrain accepts.</summary>
    public static readonly string[] Names = ["SimpleConvNet", "SpatialConvNet", "Identity"];

    /// <summary>Builds an architecture by name for <paramref name="features"/> input channels.</summary>
    public static nn.Module<Tensor, Tensor> Create(string name, int features) => name switch
    {
        "SimpleConvNet" => new SimpleConvNet(features),
        "SpatialConvNet" => new SpatialConvNet(features),
        "Identity" => new IdentityNet(),
        _ => throw new Engine.ZarrPSException(Engine.ErrorKind.InvalidArgument, "UnknownModel",
            $"Model '{name}' is not known (models: {string.Join(", ", Names)}).", name),
    };

    /// <summary>True when the model's output is a logit (probability = sigmoid); the identity model passes values through.</summary>
    public static bool OutputsLogits(string name) => name != "Identity";
}

/// <summary>Two 3x3 convolutions and a 1x1 head: each point sees its 5x5 neighbourhood.</summary>
internal sealed class SimpleConvNet : nn.Module<Tensor, Tensor>
{
    private readonly nn.Module<Tensor, Tensor> _body;

    public SimpleConvNet(int features) : base(nameof(SimpleConvNet))
    {
        _body = nn.Sequential(
            nn.Conv2d(features, 16, 3, padding: 1), nn.ReLU(),
            nn.Conv2d(16, 16, 3, padding: 1), nn.ReLU(),
            nn.Conv2d(16, 1, 1));
        RegisterComponents();
    }

    public override Tensor forward(Tensor input) => _body.forward(input);
}

/// <summary>Wider context: 5x5 and dilated 3x3 convolutions with batch normalisation (each point sees 13x13).</summary>
internal sealed class SpatialConvNet : nn.Module<Tensor, Tensor>
{
    private readonly nn.Module<Tensor, Tensor> _body;

    public SpatialConvNet(int features) : base(nameof(SpatialConvNet))
    {
        _body = nn.Sequential(
            nn.Conv2d(features, 32, 5, padding: 2), nn.BatchNorm2d(32), nn.ReLU(),
            nn.Conv2d(32, 32, 3, padding: 2, dilation: 2), nn.BatchNorm2d(32), nn.ReLU(),
            nn.Conv2d(32, 16, 3, padding: 2, dilation: 2), nn.ReLU(),
            nn.Conv2d(16, 1, 1));
        RegisterComponents();
    }

    public override Tensor forward(Tensor input) => _body.forward(input);
}

/// <summary>Returns the first feature unchanged: checks that prediction puts every value back where it came from.</summary>
internal sealed class IdentityNet : nn.Module<Tensor, Tensor>
{
    public IdentityNet() : base(nameof(IdentityNet)) => RegisterComponents();

    public override Tensor forward(Tensor input) => input.narrow(1, 0, 1).clone();
}
