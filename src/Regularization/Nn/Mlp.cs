using System.Numerics;
using Regularization.Kernels;
using Regularization.Tensors;
using Regularization.Validation;

namespace Regularization.Nn;

/// <summary>
/// A multilayer perceptron for classification: dense layers with ReLU between them and a softmax cross-entropy loss
/// (mean over the batch, as <c>nn.CrossEntropyLoss</c>). Forward and backward run on whole minibatches (row-major
/// <c>[batch, features]</c>); buffers are reused, so a training step allocates nothing.
/// Layers are named <c>fc1, fc2, …</c> like a PyTorch <c>Sequential</c> of Linear layers. With <c>layerNorm</c>, every
/// hidden layer is <c>Linear(bias=False) → LayerNorm → ReLU</c> (norms named <c>ln1, ln2, …</c>), which makes the hidden
/// weight matrices scale-invariant (see <see cref="LayerNorm{T}"/>).
/// <para>A pruned parameter (one with a <see cref="Parameter{T}.Mask"/>) is a reparametrization the model applies itself: each
/// forward pass first sets <c>Value ⊙= Mask</c> and each backward pass ends with <c>Grad ⊙= Mask</c>, so an optimizer
/// never sees the mask.</para>
/// </summary>
public sealed class Mlp<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly List<Dense<T>> _layers = [];
    private readonly List<LayerNorm<T>> _norms = [];
    private readonly Parameter<T>[] _params;
    private T[][] _act = [];   // _act[l] = output of layer l (after ReLU except the last)
    private T[][] _grad = [];  // gradient w.r.t. _act[l]
    private int _capacity;

    /// <summary>
    /// Creates an MLP <c>inputs → hidden[0] → … → classes</c>, initialized from <c>new Random(seed)</c>; with
    /// <paramref name="layerNorm"/>, each hidden layer is normalized before its ReLU.
    /// </summary>
    public Mlp(int inputs, IReadOnlyList<int> hidden, int classes, int seed = 0, bool layerNorm = false)
    {
        Guard.AtLeast(inputs, 1, nameof(inputs));
        Guard.AtLeast(classes, 2, nameof(classes));
        ArgumentNullException.ThrowIfNull(hidden);
        var rng = new Random(seed);
        int prev = inputs, k = 1;
        foreach (int h in hidden)
        {
            Guard.AtLeast(h, 1, nameof(hidden));
            _layers.Add(new Dense<T>($"fc{k}", prev, h, rng, bias: !layerNorm));
            if (layerNorm) _norms.Add(new LayerNorm<T>($"ln{k}", h));
            k++;
            prev = h;
        }
        _layers.Add(new Dense<T>($"fc{k}", prev, classes, rng));
        _params = CollectParameters();
        Inputs = inputs; Classes = classes; Hidden = hidden.ToArray(); Seed = seed; HasLayerNorm = layerNorm;
    }

    /// <summary>Whether hidden layers are layer-normalized.</summary>
    public bool HasLayerNorm { get; }

    /// <summary>Input features.</summary>
    public int Inputs { get; }

    /// <summary>Number of classes.</summary>
    public int Classes { get; }

    /// <summary>Hidden widths.</summary>
    public IReadOnlyList<int> Hidden { get; }

    /// <summary>The initialization seed.</summary>
    public int Seed { get; }

    /// <summary>The layers.</summary>
    public IReadOnlyList<Dense<T>> Layers => _layers;

    /// <summary>The layer normalizations (empty unless the model was created with <c>layerNorm</c>).</summary>
    public IReadOnlyList<LayerNorm<T>> Norms => _norms;

    /// <summary>All parameters in layer order: <c>fc1.weight, fc1.bias, fc2.weight, …</c>, or with layer normalization
    /// <c>fc1.weight, ln1.weight, ln1.bias, fc2.weight, …</c>.</summary>
    public IReadOnlyList<Parameter<T>> Parameters => _params;

    private Parameter<T>[] CollectParameters()
    {
        var list = new List<Parameter<T>>();
        for (int l = 0; l < _layers.Count; l++)
        {
            list.Add(_layers[l].Weight);
            if (_layers[l].Bias is { } b) list.Add(b);
            if (l < _norms.Count) { list.Add(_norms[l].Gamma); list.Add(_norms[l].Beta); }
        }
        return [.. list];
    }

    /// <summary>The weight matrices (what pruning acts on).</summary>
    public IReadOnlyList<Parameter<T>> Weights => _layers.Select(l => l.Weight).ToList();

    /// <summary>The biases and, with layer normalization, the normalization scales and shifts: every parameter that is not a weight matrix.</summary>
    public IReadOnlyList<Parameter<T>> Biases => Parameters.Where(p => p.Role != ParameterRole.Weight).ToList();

    private void Ensure(int batch)
    {
        if (batch <= _capacity) return;
        _capacity = batch;
        _act = _layers.Select(l => new T[batch * l.Outputs]).ToArray();
        _grad = _layers.Select(l => new T[batch * l.Outputs]).ToArray();
    }

    private ReadOnlySpan<T> Forward(ReadOnlySpan<T> x, int batch)
    {
        Ensure(batch);
        foreach (var p in _params) p.ApplyMask(); // the pruning reparametrization Value ⊙ Mask (torch's forward pre-hook)
        ReadOnlySpan<T> input = x;
        for (int l = 0; l < _layers.Count; l++)
        {
            var z = _act[l].AsSpan(0, batch * _layers[l].Outputs);
            _layers[l].Forward(input, batch, z);
            if (l < _norms.Count) _norms[l].Forward(z, batch);
            if (l < _layers.Count - 1) DenseKernels.Relu(z);
            input = z;
        }
        return input;
    }

    private void CheckBatch(ReadOnlySpan<T> x, ReadOnlySpan<int> y, int batch)
    {
        Guard.AtLeast(batch, 1, nameof(batch));
        if (x.Length < batch * Inputs)
            throw new ArgumentException($"x has length {x.Length} but batch {batch} × inputs {Inputs} = {batch * Inputs}: the shapes must match.", nameof(x));
        if (y.Length < batch)
            throw new ArgumentException($"y has length {y.Length} but batch is {batch}: the shapes must match.", nameof(y));
    }

    /// <summary>
    /// Forward and backward on a minibatch (rows of <paramref name="x"/>, labels <paramref name="y"/>): overwrites every
    /// parameter's gradient with that of the mean cross-entropy and returns the mean loss and the number of correct predictions.
    /// </summary>
    public (double Loss, int Correct) ForwardBackward(ReadOnlySpan<T> x, ReadOnlySpan<int> y, int batch)
    {
        CheckBatch(x, y, batch);
        var logits = Forward(x, batch);
        int L = _layers.Count;
        var dz = _grad[L - 1].AsSpan(0, batch * Classes);
        var (sum, correct) = DenseKernels.SoftmaxCrossEntropy(logits, y, batch, Classes, dz, T.One / T.CreateTruncating(batch));
        for (int l = L - 1; l >= 0; l--)
        {
            ReadOnlySpan<T> input = l == 0 ? x[..(batch * Inputs)] : _act[l - 1].AsSpan(0, batch * _layers[l - 1].Outputs);
            var dzl = _grad[l].AsSpan(0, batch * _layers[l].Outputs);
            var dx = l == 0 ? Span<T>.Empty : _grad[l - 1].AsSpan(0, batch * _layers[l - 1].Outputs);
            if (l < _norms.Count) _norms[l].Backward(dzl, batch);
            _layers[l].Backward(input, dzl, batch, dx);
            if (l > 0) DenseKernels.ReluBackward(input, dx);
        }
        foreach (var p in _params) p.MaskGradient(); // chain rule through Value ⊙ Mask: pruned entries get a zero gradient
        return (sum / batch, correct);
    }

    /// <summary>Logits <c>[n, classes]</c> of <paramref name="n"/> rows, written into <paramref name="logits"/>.</summary>
    public void Logits(ReadOnlySpan<T> x, int n, Span<T> logits)
    {
        const int chunk = 256;
        for (int s = 0; s < n; s += chunk)
        {
            int b = Math.Min(chunk, n - s);
            var z = Forward(x.Slice(s * Inputs, b * Inputs), b);
            z.CopyTo(logits.Slice(s * Classes, b * Classes));
        }
    }

    /// <summary>Predicted classes (argmax of the logits).</summary>
    public int[] Predict(ClassificationData<T> data)
    {
        ArgumentNullException.ThrowIfNull(data);
        CheckFeatures(data);
        var z = new T[data.Rows * Classes];
        Logits(data.X, data.Rows, z);
        var pred = new int[data.Rows];
        for (int i = 0; i < data.Rows; i++)
        {
            int arg = 0;
            for (int c = 1; c < Classes; c++) if (z[i * Classes + c] > z[i * Classes + arg]) arg = c;
            pred[i] = arg;
        }
        return pred;
    }

    /// <summary>Mean cross-entropy and accuracy on a data set (no gradients).</summary>
    public (double Loss, double Accuracy) Evaluate(ClassificationData<T> data)
    {
        ArgumentNullException.ThrowIfNull(data);
        CheckFeatures(data);
        const int chunk = 256;
        double loss = 0; long correct = 0;
        for (int s = 0; s < data.Rows; s += chunk)
        {
            int b = Math.Min(chunk, data.Rows - s);
            var z = Forward(data.X.AsSpan(s * Inputs, b * Inputs), b);
            var (l, c) = DenseKernels.SoftmaxCrossEntropy(z, data.Y.AsSpan(s, b), b, Classes, Span<T>.Empty, T.One);
            loss += l; correct += c;
        }
        return (loss / data.Rows, (double)correct / data.Rows);
    }

    private void CheckFeatures(ClassificationData<T> data)
    {
        if (data.Features != Inputs)
            throw new ArgumentException($"data has {data.Features} features but the model has {Inputs} inputs: the shapes must match.", nameof(data));
    }

    /// <summary>A deep copy (values and masks; gradients zero).</summary>
    public Mlp<T> Clone()
    {
        var m = new Mlp<T>(Inputs, Hidden, Classes, Seed, HasLayerNorm);
        m.CopyFrom(this);
        return m;
    }

    /// <summary>Copies values and masks from a model of the same architecture.</summary>
    public void CopyFrom(Mlp<T> other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var a = Parameters; var b = other.Parameters;
        if (a.Count != b.Count || a.Zip(b).Any(t => t.First.Length != t.Second.Length))
            throw new ArgumentException("other has a different architecture: the shapes must match.", nameof(other));
        for (int i = 0; i < a.Count; i++)
        {
            b[i].Value.CopyTo(a[i].Value, 0);
            a[i].Mask = b[i].Mask is { } mk ? (T[])mk.Clone() : null;
        }
    }

    /// <inheritdoc />
    public override string ToString() =>
        $"Mlp({Inputs} → {string.Join(" → ", Hidden.Select(h => HasLayerNorm ? $"{h} LayerNorm ReLU" : $"{h} ReLU"))} → {Classes}, {Parameters.Sum(p => p.Length)} parameters)";
}
