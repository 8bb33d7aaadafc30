using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Regularization.Kernels;
using Regularization.Nn;
using Regularization.Optim;

namespace Regularization.Teaching;

/// <summary>
/// The trainer behind <see cref="DecayGrid.Run"/>: the grid's many small MLPs trained together, without one
/// <see cref="Trainer"/> and <see cref="Optimizer{T}"/> object graph per cell. What the models of a grid share is computed once:
/// the shuffled batch order of each seed (the same Fisher–Yates sequence as <see cref="Trainer.Fit"/>) and the initialization
/// of each seed (copied from <c>new Mlp&lt;float&gt;(…, seed, layerNorm)</c>). Each model keeps its parameters, gradients and Adam
/// moments in one array with the weight matrices stored transposed (<c>[in, out]</c>), so that the three products of a step
/// are register-tiled outer products (<see cref="BatchGemm"/>) instead of one dot product per output; the layer normalization
/// is vectorized; validation loss and error are computed once, after the last epoch (all the grid reads). The optimizer is
/// the same fused Adam / AdamW step as <see cref="Optimizer{T}"/>'s (<see cref="OptimKernels.AdamStep"/>), weights decayed,
/// biases and normalization parameters not (<see cref="NoDecay.BiasAndNorm{T}"/>).
/// </summary>
/// <remarks>
/// Same model, data order, initialization and update rule as the one-model-at-a-time trainer, so the results agree with it to
/// float rounding (the products sum in another order); <c>DecayGridBatchTests</c> states the tolerance. A model whose loss or
/// gradient becomes non-finite stops and reports NaN, as a cell whose <see cref="Trainer"/> throws.
/// </remarks>
internal static class DecayGridBatch
{
    /// <summary>One model of the grid: its update rule, learning rate, decay and seed (initialization and batch order).</summary>
    internal readonly record struct Job(DecayStyle Style, double LearningRate, double WeightDecay, DecayConvention Convention, int Seed);

    // a layer with fewer outputs than this (the logits) keeps PyTorch's [out, in] layout and runs its forward as dot products
    private const int NarrowOutputs = 16;

    private sealed class Shape
    {
        public int Layers, Inputs, Classes, Width, Decayed, Total;
        public int[] In = [], Out = [], W = [], Bias = [], Gamma = [], Beta = [];
        public bool[] Norm = [], Natural = [];
    }

    private sealed class Scratch(Shape s, int rows)
    {
        public readonly float[][] Act = s.Out.Select(o => new float[rows * o]).ToArray();
        public readonly float[][] Xhat = s.Out.Select(o => new float[rows * o]).ToArray();
        public readonly float[][] Rstd = s.Out.Select(_ => new float[rows]).ToArray();
        public readonly float[][] Delta = s.Out.Select(o => new float[rows * o]).ToArray();
        public readonly float[] Wt = new float[s.In.Zip(s.Out).Max(t => t.First * t.Second)];
        public readonly float[] Update = new float[s.Total];
        public readonly float[] Xb = new float[rows * s.Inputs];
        public readonly int[] Yb = new int[rows];
        public int Correct;
    }

    /// <summary>
    /// Trains one model per job for <paramref name="epochs"/> epochs (batches of <paramref name="batchSize"/>) and returns the
    /// final validation error and mean loss of each (NaN for a model that diverged).
    /// </summary>
    public static (double[] Error, double[] Loss) Train(IReadOnlyList<Job> jobs, ClassificationData<float> train, ClassificationData<float> validation,
        IReadOnlyList<int> hidden, bool layerNorm, int epochs, int batchSize, int maxParallelism)
    {
        var shape = MakeShape(train.Features, hidden, train.Classes, layerNorm);
        var seeds = jobs.Select(j => j.Seed).Distinct().ToArray();
        var orders = new Dictionary<int, int[][]>();
        var inits = new Dictionary<int, float[]>();
        foreach (int seed in seeds)
        {
            orders[seed] = BatchOrder(train.Rows, epochs, seed);
            inits[seed] = Initial(shape, new Mlp<float>(train.Features, hidden, train.Classes, seed, layerNorm));
        }
        var err = new double[jobs.Count];
        var loss = new double[jobs.Count];
        int bs = Math.Min(batchSize, train.Rows);
        var po = new ParallelOptions { MaxDegreeOfParallelism = maxParallelism };
        Parallel.For(0, jobs.Count, po, () => new Scratch(shape, Math.Max(bs, 256)), (k, _, scratch) =>
        {
            var job = jobs[k];
            var p = (float[])inits[job.Seed].Clone();
            bool ok = Fit(shape, job, p, train, orders[job.Seed], bs, scratch);
            (err[k], loss[k]) = ok ? Evaluate(shape, p, validation, scratch) : (double.NaN, double.NaN);
            return scratch;
        }, _ => { });
        return (err, loss);
    }

    private static Shape MakeShape(int inputs, IReadOnlyList<int> hidden, int classes, bool layerNorm)
    {
        var widths = new List<int> { inputs };
        widths.AddRange(hidden);
        widths.Add(classes);
        int layers = widths.Count - 1;
        var s = new Shape
        {
            Layers = layers, Inputs = inputs, Classes = classes, Width = widths.Max(),
            In = widths.Take(layers).ToArray(), Out = widths.Skip(1).ToArray(),
            W = new int[layers], Bias = new int[layers], Gamma = new int[layers], Beta = new int[layers], Norm = new bool[layers],
            Natural = widths.Skip(1).Select(o => o < NarrowOutputs).ToArray(),
        };
        int off = 0;
        for (int l = 0; l < layers; l++) { s.W[l] = off; off += s.In[l] * s.Out[l]; }
        s.Decayed = off;   // the weight matrices come first: the decayed block
        for (int l = 0; l < layers; l++)
        {
            s.Norm[l] = layerNorm && l < layers - 1;
            s.Bias[l] = s.Gamma[l] = s.Beta[l] = -1;
            if (s.Norm[l]) { s.Gamma[l] = off; off += s.Out[l]; s.Beta[l] = off; off += s.Out[l]; }
            else { s.Bias[l] = off; off += s.Out[l]; }
        }
        s.Total = off;
        return s;
    }

    /// <summary>The initial parameters of a model, weights transposed to <c>[in, out]</c>.</summary>
    private static float[] Initial(Shape s, Mlp<float> model)
    {
        var p = new float[s.Total];
        for (int l = 0; l < s.Layers; l++)
        {
            var w = model.Layers[l].Weight.Value;   // [out, in]
            int nIn = s.In[l], nOut = s.Out[l];
            if (s.Natural[l]) w.CopyTo(p, s.W[l]);
            else
                for (int o = 0; o < nOut; o++)
                    for (int i = 0; i < nIn; i++) p[s.W[l] + i * nOut + o] = w[o * nIn + i];
            if (s.Norm[l])
            {
                model.Norms[l].Gamma.Value.CopyTo(p, s.Gamma[l]);
                model.Norms[l].Beta.Value.CopyTo(p, s.Beta[l]);
            }
            else model.Layers[l].Bias!.Value.CopyTo(p, s.Bias[l]);
        }
        return p;
    }

    /// <summary>The rows of every epoch, shuffled as <see cref="Trainer.Fit"/> does (one <c>new Random(seed)</c>, Fisher–Yates per epoch).</summary>
    private static int[][] BatchOrder(int n, int epochs, int seed)
    {
        var rng = new Random(seed);
        var perm = Enumerable.Range(0, n).ToArray();
        var orders = new int[epochs][];
        for (int e = 0; e < epochs; e++)
        {
            for (int i = n - 1; i > 0; i--) { int j = rng.Next(i + 1); (perm[i], perm[j]) = (perm[j], perm[i]); }
            orders[e] = (int[])perm.Clone();
        }
        return orders;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]   // one long loop: no on-stack-replacement code
    private static unsafe bool Fit(Shape s, Job job, float[] p, ClassificationData<float> train, int[][] orders, int bs, Scratch sc)
    {
        var g = new float[s.Total];
        var m = new float[s.Total];
        var v = new float[s.Total];
        int n = train.Rows, f = s.Inputs;
        float lr = (float)job.LearningRate, wd = (float)job.WeightDecay;
        float b1 = 0.9f, b2 = 0.999f, eps = 1e-8f;
        long t = 0;
        foreach (var perm in orders)
        {
            for (int start = 0; start < n; start += bs)
            {
                int b = Math.Min(bs, n - start);
                for (int r = 0; r < b; r++)
                {
                    int row = perm[start + r];
                    train.X.AsSpan(row * f, f).CopyTo(sc.Xb.AsSpan(r * f, f));
                    sc.Yb[r] = train.Y[row];
                }
                double lossSum = Forward(s, p, sc.Xb, b, sc, backward: true, sc.Yb);
                if (!double.IsFinite(lossSum)) return false;
                Backward(s, p, g, b, sc);   // a non-finite gradient makes the next loss (or the final check) non-finite
                t++;
                float bc1 = (float)(1 - Math.Pow(0.9, t)), sbc2 = (float)Math.Sqrt(1 - Math.Pow(0.999, t));
                var dec = ..s.Decayed;
                var rest = s.Decayed..;
                switch (job.Style, job.Convention)
                {
                    case (DecayStyle.AdamL2, _):
                        OptimKernels.AdamStep<float>(p.AsSpan(dec), g.AsSpan(dec), m.AsSpan(dec), v.AsSpan(dec), [], wd, 0f, b1, b2, bc1, sbc2, eps, lr);
                        break;
                    case (DecayStyle.AdamW, DecayConvention.TimesLearningRate):
                        OptimKernels.AdamStep<float>(p.AsSpan(dec), g.AsSpan(dec), m.AsSpan(dec), v.AsSpan(dec), [], 0f, wd, b1, b2, bc1, sbc2, eps, lr);
                        break;
                    case (DecayStyle.AdamW, _):
                        // scale_by_adam → scale_by_learning_rate → add_decayed_weights: p −= lr adam + wd p (a schedule of 1)
                        var u = sc.Update.AsSpan(dec);
                        g.AsSpan(dec).CopyTo(u);
                        OptimKernels.Adam<float>(u, m.AsSpan(dec), v.AsSpan(dec), [], b1, b2, bc1, sbc2, eps);
                        TensorPrimitives.Multiply(u, lr, u);
                        TensorPrimitives.FusedMultiplyAdd(p.AsSpan(dec), wd, u, u);
                        TensorPrimitives.Subtract(p.AsSpan(dec), u, p.AsSpan(dec));
                        break;
                    default:
                        throw new ArgumentOutOfRangeException(nameof(job), job.Style, $"style = {job.Style} is not a DecayStyle.");
                }
                OptimKernels.AdamStep<float>(p.AsSpan(rest), g.AsSpan(rest), m.AsSpan(rest), v.AsSpan(rest), [], 0f, 0f, b1, b2, bc1, sbc2, eps, lr);
            }
        }
        return OptimKernels.FirstNonFinite<float>(p) < 0;
    }

    /// <summary>Forward pass of <paramref name="b"/> rows; returns the summed cross-entropy and, when training, leaves its gradient (mean over rows) in the last Delta.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe double Forward(Shape s, float[] p, float[] x, int b, Scratch sc, bool backward, int[] y, int xOffset = 0)
    {
        fixed (float* pp = p)
        fixed (float* x0 = x)
        {
            float* input = x0 + xOffset;
            for (int l = 0; l < s.Layers; l++)
            {
                int nIn = s.In[l], nOut = s.Out[l];
                fixed (float* z = sc.Act[l])
                {
                    float* bias = s.Norm[l] ? null : pp + s.Bias[l];
                    if (s.Natural[l]) BatchGemm.DotRows(b, nOut, nIn, input, nIn, pp + s.W[l], nIn, z, nOut, bias);
                    else BatchGemm.Multiply(b, nOut, nIn, input, nIn, 1, pp + s.W[l], nOut, z, nOut, bias);
                    if (s.Norm[l]) NormForward(p.AsSpan(s.Gamma[l], nOut), p.AsSpan(s.Beta[l], nOut), sc.Act[l], sc.Xhat[l], sc.Rstd[l], b, nOut);
                    if (l < s.Layers - 1) DenseKernels.Relu(sc.Act[l].AsSpan(0, b * nOut));
                    input = z;
                }
            }
        }
        int c = s.Classes, L = s.Layers - 1;
        var (sum, correct) = SoftmaxCrossEntropy(sc.Act[L].AsSpan(0, b * c), y.AsSpan(0, b), b, c, sc.Delta[L].AsSpan(0, b * c), 1f / b, backward);
        sc.Correct = correct;
        return sum;
    }

    /// <summary>
    /// As <see cref="DenseKernels.SoftmaxCrossEntropy{T}"/> (summed loss in double, correct argmax count, gradient
    /// <c>(softmax − onehot) · scale</c> when <paramref name="backward"/>), with one exponential per logit (kept in <paramref name="dz"/>,
    /// which is used as scratch either way) instead of two.
    /// </summary>
    private static (double LossSum, int Correct) SoftmaxCrossEntropy(ReadOnlySpan<float> z, ReadOnlySpan<int> y, int b, int c, Span<float> dz, float scale, bool backward)
    {
        double loss = 0; int correct = 0;
        for (int r = 0; r < b; r++)
        {
            var zr = z.Slice(r * c, c);
            var dr = dz.Slice(r * c, c);
            int label = y[r];
            float max = zr[0]; int arg = 0;
            for (int k = 1; k < c; k++) if (zr[k] > max) { max = zr[k]; arg = k; }
            if (arg == label) correct++;
            float sum = 0;
            for (int k = 0; k < c; k++) { float e = MathF.Exp(zr[k] - max); dr[k] = e; sum += e; }
            loss += MathF.Log(sum) - (zr[label] - max);
            if (!backward) continue;
            float inv = scale / sum;
            for (int k = 0; k < c; k++) dr[k] *= inv;
            dr[label] -= scale;
        }
        return (loss, correct);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void Backward(Shape s, float[] p, float[] g, int b, Scratch sc)
    {
        fixed (float* pp = p)
        fixed (float* gp = g)
        fixed (float* xb = sc.Xb)
        fixed (float* wt = sc.Wt)
        {
            for (int l = s.Layers - 1; l >= 0; l--)
            {
                int nIn = s.In[l], nOut = s.Out[l];
                var dzSpan = sc.Delta[l].AsSpan(0, b * nOut);
                if (s.Norm[l])
                    NormBackward(p.AsSpan(s.Gamma[l], nOut), g.AsSpan(s.Gamma[l], nOut), g.AsSpan(s.Beta[l], nOut), sc.Delta[l], sc.Xhat[l], sc.Rstd[l], b, nOut);
                fixed (float* dz = sc.Delta[l])
                fixed (float* prev = l > 0 ? sc.Act[l - 1] : sc.Xb)
                {
                    if (s.Natural[l])   // dW [out, in] = dz^T input
                        BatchGemm.Multiply(nOut, nIn, b, dz, 1, nOut, prev, nIn, gp + s.W[l], nIn, null);
                    else                // dW^T [in, out] = input^T dz
                        BatchGemm.Multiply(nIn, nOut, b, prev, 1, nIn, dz, nOut, gp + s.W[l], nOut, null);
                    if (!s.Norm[l])
                    {
                        var db = g.AsSpan(s.Bias[l], nOut);
                        db.Clear();
                        for (int r = 0; r < b; r++) TensorPrimitives.Add(db, dzSpan.Slice(r * nOut, nOut), db);
                    }
                    if (l == 0) continue;
                    // d input [b, in] = dz W, W [out, in] (a transposed layer copies its W^T back first)
                    float* w = pp + s.W[l];
                    if (!s.Natural[l])
                    {
                        for (int i = 0; i < nIn; i++)
                            for (int o = 0; o < nOut; o++) wt[o * nIn + i] = w[i * nOut + o];
                        w = wt;
                    }
                    fixed (float* da = sc.Delta[l - 1])
                        BatchGemm.Multiply(b, nIn, nOut, dz, nOut, 1, w, nIn, da, nIn, null);
                    DenseKernels.ReluBackward<float>(sc.Act[l - 1].AsSpan(0, b * nIn), sc.Delta[l - 1].AsSpan(0, b * nIn));
                }
            }
        }
    }

    /// <summary>Layer normalization of each row in place (as <see cref="LayerNormKernels.Forward{T}"/>, vectorized over the features).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void NormForward(ReadOnlySpan<float> gammaS, ReadOnlySpan<float> betaS, float[] z, float[] xhat, float[] rstd, int b, int f)
    {
        int f8 = Avx.IsSupported && Fma.IsSupported ? f & ~7 : 0;
        fixed (float* gamma = gammaS)
        fixed (float* beta = betaS)
        fixed (float* z0 = z)
        fixed (float* h0 = xhat)
            for (int r = 0; r < b; r++)
            {
                float* zr = z0 + (long)r * f, hr = h0 + (long)r * f;
                var acc = Vector256<float>.Zero;
                for (int i = 0; i < f8; i += 8) acc = Avx.Add(acc, Avx.LoadVector256(zr + i));
                float sum = Vector256.Sum(acc);
                for (int i = f8; i < f; i++) sum += zr[i];
                float mean = sum / f;
                var mv = Vector256.Create(mean);
                acc = Vector256<float>.Zero;
                for (int i = 0; i < f8; i += 8)
                {
                    var d = Avx.Subtract(Avx.LoadVector256(zr + i), mv);
                    Avx.Store(hr + i, d);
                    acc = Fma.MultiplyAdd(d, d, acc);
                }
                float ss = Vector256.Sum(acc);
                for (int i = f8; i < f; i++) { float d = zr[i] - mean; hr[i] = d; ss += d * d; }
                float rs = 1f / MathF.Sqrt(ss / f + 1e-5f);
                rstd[r] = rs;
                var rv = Vector256.Create(rs);
                for (int i = 0; i < f8; i += 8)
                {
                    var h = Avx.Multiply(Avx.LoadVector256(hr + i), rv);
                    Avx.Store(hr + i, h);
                    Avx.Store(zr + i, Fma.MultiplyAdd(h, Avx.LoadVector256(gamma + i), Avx.LoadVector256(beta + i)));
                }
                for (int i = f8; i < f; i++) { float h = hr[i] * rs; hr[i] = h; zr[i] = gamma[i] * h + beta[i]; }
            }
    }

    /// <summary>Backward of <see cref="NormForward"/> (as <see cref="LayerNormKernels.Backward{T}"/>): overwrites dgamma and dbeta, dz in place.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void NormBackward(ReadOnlySpan<float> gammaS, Span<float> dgammaS, Span<float> dbetaS, float[] dz, float[] xhat, float[] rstd, int b, int f)
    {
        dgammaS.Clear(); dbetaS.Clear();
        int f8 = Avx.IsSupported && Fma.IsSupported ? f & ~7 : 0;
        fixed (float* gamma = gammaS)
        fixed (float* dgamma = dgammaS)
        fixed (float* dbeta = dbetaS)
        fixed (float* d0 = dz)
        fixed (float* h0 = xhat)
            for (int r = 0; r < b; r++)
            {
                float* dr = d0 + (long)r * f, hr = h0 + (long)r * f;
                Vector256<float> sgv = Vector256<float>.Zero, sghv = sgv;
                for (int i = 0; i < f8; i += 8)
                {
                    var d = Avx.LoadVector256(dr + i);
                    var h = Avx.LoadVector256(hr + i);
                    Avx.Store(dgamma + i, Fma.MultiplyAdd(d, h, Avx.LoadVector256(dgamma + i)));
                    Avx.Store(dbeta + i, Avx.Add(Avx.LoadVector256(dbeta + i), d));
                    var g = Avx.Multiply(Avx.LoadVector256(gamma + i), d);
                    sgv = Avx.Add(sgv, g);
                    sghv = Fma.MultiplyAdd(g, h, sghv);
                }
                float sg = Vector256.Sum(sgv), sgh = Vector256.Sum(sghv);
                for (int i = f8; i < f; i++)
                {
                    float d = dr[i], h = hr[i], g = gamma[i] * d;
                    dgamma[i] += d * h; dbeta[i] += d; sg += g; sgh += g * h;
                }
                float mg = sg / f, mgh = sgh / f, rs = rstd[r];
                Vector256<float> mgv = Vector256.Create(mg), mghv = Vector256.Create(mgh), rv = Vector256.Create(rs);
                for (int i = 0; i < f8; i += 8)
                {
                    var g = Avx.Multiply(Avx.LoadVector256(gamma + i), Avx.LoadVector256(dr + i));
                    var t = Fma.MultiplyAddNegated(Avx.LoadVector256(hr + i), mghv, Avx.Subtract(g, mgv));
                    Avx.Store(dr + i, Avx.Multiply(rv, t));
                }
                for (int i = f8; i < f; i++) dr[i] = rs * (gamma[i] * dr[i] - mg - hr[i] * mgh);
            }
    }

    /// <summary>Mean cross-entropy and error on a data set, in chunks of 256 rows (as <see cref="Mlp{T}.Evaluate"/>).</summary>
    private static (double Error, double Loss) Evaluate(Shape s, float[] p, ClassificationData<float> data, Scratch sc)
    {
        const int chunk = 256;
        double loss = 0; long correct = 0;
        var y = new int[chunk];
        for (int start = 0; start < data.Rows; start += chunk)
        {
            int b = Math.Min(chunk, data.Rows - start);
            Array.Copy(data.Y, start, y, 0, b);
            loss += Forward(s, p, data.X, b, sc, backward: false, y, start * s.Inputs);
            correct += sc.Correct;
        }
        return (1 - (double)correct / data.Rows, loss / data.Rows);
    }
}
