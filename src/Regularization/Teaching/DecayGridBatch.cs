using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using Regularization.Kernels;
using Regularization.Nn;
using Regularization.Optim;

namespace Regularization.Teaching;

/// <summary>
/// The trainer behind <see cref="DecayGrid.Run"/>: the grid's many small MLPs trained together, without one
/// <see cref="Trainer"/> and <see cref="Optimizer{T}"/> object graph per cell. What the models of a grid share is computed once:
/// the shuffled batch order of each seed (the same Fisher–Yates sequence as <see cref="Trainer.Fit"/>) and the initialization
/// of each seed (copied from <c>new Mlp&lt;float&gt;(…, seed, layerNorm)</c>). Each model keeps its parameters, gradients and Adam
/// moments in one array (weights <c>[out, in]</c> first: the decayed block); the forward products run in 2 x 4 tiles of the
/// one-model kernel's dot products (<see cref="BatchGemm.Forward"/>), the backward products as register-tiled outer products
/// (<see cref="BatchGemm.Multiply"/>) instead of one axpy per row and output, the layer normalization four rows at a time
/// (<see cref="LayerNormRows"/>); validation loss and error are computed once, after the last epoch (all the grid reads). The
/// optimizer is the <see cref="Optimizer{T}"/>'s own kernels: the fused <see cref="OptimKernels.AdamStep"/> for Adam+L2 and
/// AdamW with decay times lr, the chain's kernels for AdamW with decay per step; weights decayed, biases and normalization
/// parameters not (<see cref="NoDecay.BiasAndNorm{T}"/>).
/// </summary>
/// <remarks>
/// Every kernel keeps the one-model trainer's arithmetic in the same order (multiply then add, no FMA, every sum in the same
/// order), so the results are bit-identical to <see cref="Trainer.Fit"/> with <see cref="DecayGrid.MakeOptimizer"/>
/// (<c>DecayGridBatchTests</c>). That matters: training amplifies rounding, and a cell of notebook 06 ends at 17% instead of
/// 5.4% validation error when its products merely sum in another order. A model whose loss or gradient becomes non-finite
/// stops and reports NaN, as a cell whose <see cref="Trainer"/> throws.
/// </remarks>
internal static class DecayGridBatch
{
    /// <summary>One model of the grid: its update rule, learning rate, decay and seed (initialization and batch order).</summary>
    internal readonly record struct Job(DecayStyle Style, double LearningRate, double WeightDecay, DecayConvention Convention, int Seed);

    private const double LayerNormEps = 1e-5;   // LayerNorm's default, as Mlp creates it

    private sealed class Shape
    {
        public int Layers, Inputs, Classes, Width, Decayed, Total;
        public int[] In = [], Out = [], W = [], Bias = [], Gamma = [], Beta = [];
        public bool[] Norm = [];
    }

    private sealed class Scratch(Shape s, int rows)
    {
        public readonly float[][] Act = s.Out.Select(o => new float[rows * o]).ToArray();
        public readonly float[][] Xhat = s.Out.Select(o => new float[rows * o]).ToArray();
        public readonly float[][] Rstd = s.Out.Select(_ => new float[rows]).ToArray();
        public readonly float[][] Delta = s.Out.Select(o => new float[rows * o]).ToArray();
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

    /// <summary>The initial parameters of a model (weights <c>[out, in]</c> as in <see cref="Dense{T}"/>).</summary>
    private static float[] Initial(Shape s, Mlp<float> model)
    {
        var p = new float[s.Total];
        for (int l = 0; l < s.Layers; l++)
        {
            var w = model.Layers[l].Weight.Value;   // [out, in]
            int nIn = s.In[l], nOut = s.Out[l];
            w.CopyTo(p, s.W[l]);
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
    private static bool Fit(Shape s, Job job, float[] p, ClassificationData<float> train, int[][] orders, int bs, Scratch sc)
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
                if (job.Style == DecayStyle.AdamW && job.Convention == DecayConvention.TimesSchedule)
                {
                    // not a fused plan for Optimizer: its chain scale_by_adam → scale_by_learning_rate → add_decayed_weights, kernel by kernel
                    var u = sc.Update.AsSpan();
                    g.CopyTo(u);
                    OptimKernels.Adam<float>(u, m, v, [], b1, b2, bc1, sbc2, eps);
                    OptimKernels.Scale<float>(u, lr);
                    OptimKernels.AddScaled<float>(u[..s.Decayed], p.AsSpan(0, s.Decayed), wd);
                    OptimKernels.ApplyDescent<float>(p, u, []);
                }
                else
                {
                    // Optimizer's fused step: coupled decay for Adam+L2, decoupled (times lr) for AdamW; none for biases and norms
                    bool coupled = job.Style == DecayStyle.AdamL2;
                    var dec = ..s.Decayed;
                    var rest = s.Decayed..;
                    OptimKernels.AdamStep<float>(p.AsSpan(dec), g.AsSpan(dec), m.AsSpan(dec), v.AsSpan(dec), [], coupled ? wd : 0f, coupled ? 0f : wd, b1, b2, bc1, sbc2, eps, lr);
                    OptimKernels.AdamStep<float>(p.AsSpan(rest), g.AsSpan(rest), m.AsSpan(rest), v.AsSpan(rest), [], 0f, 0f, b1, b2, bc1, sbc2, eps, lr);
                }
            }
        }
        return OptimKernels.FirstNonFinite<float>(p) < 0;
    }

    /// <summary>Forward pass of <paramref name="b"/> rows; returns the summed cross-entropy and, when training, leaves its gradient (mean over rows) in the last Delta.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double Forward(Shape s, float[] p, float[] x, int b, Scratch sc, bool backward, int[] y, int xOffset = 0)
    {
        ReadOnlySpan<float> input = x.AsSpan(xOffset, b * s.Inputs);
        for (int l = 0; l < s.Layers; l++)
        {
            int nIn = s.In[l], nOut = s.Out[l];
            var z = sc.Act[l].AsSpan(0, b * nOut);
            // the one-model kernels' arithmetic (BatchGemm.Forward and LayerNormRows are DenseKernels.Forward and LayerNormKernels,
            // reorganized), so every activation is bit-identical to Mlp's
            BatchGemm.Forward(input, b, nIn, p.AsSpan(s.W[l], nIn * nOut), s.Norm[l] ? [] : p.AsSpan(s.Bias[l], nOut), nOut, z);
            if (s.Norm[l])
                LayerNormRows.Forward(z, b, nOut, p.AsSpan(s.Gamma[l], nOut), p.AsSpan(s.Beta[l], nOut), (float)LayerNormEps, sc.Xhat[l], sc.Rstd[l]);
            if (l < s.Layers - 1) DenseKernels.Relu(z);
            input = z;
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
        {
            for (int l = s.Layers - 1; l >= 0; l--)
            {
                int nIn = s.In[l], nOut = s.Out[l];
                var dzSpan = sc.Delta[l].AsSpan(0, b * nOut);
                if (s.Norm[l])
                    LayerNormRows.Backward(dzSpan, sc.Xhat[l], sc.Rstd[l], b, nOut, p.AsSpan(s.Gamma[l], nOut), g.AsSpan(s.Gamma[l], nOut), g.AsSpan(s.Beta[l], nOut));
                fixed (float* dz = sc.Delta[l])
                fixed (float* prev = l > 0 ? sc.Act[l - 1] : sc.Xb)
                {
                    // dW [out, in] = dz^T input, summed over the rows in order (as DenseKernels.Backward's axpys)
                    BatchGemm.Multiply(nOut, nIn, b, dz, 1, nOut, prev, nIn, gp + s.W[l], nIn, null);
                    if (!s.Norm[l])
                    {
                        var db = g.AsSpan(s.Bias[l], nOut);
                        db.Clear();
                        for (int r = 0; r < b; r++) TensorPrimitives.Add(db, dzSpan.Slice(r * nOut, nOut), db);
                    }
                    if (l == 0) continue;
                    // d input [b, in] = dz W, summed over the outputs in order
                    fixed (float* da = sc.Delta[l - 1])
                        BatchGemm.Multiply(b, nIn, nOut, dz, nOut, 1, pp + s.W[l], nIn, da, nIn, null);
                    DenseKernels.ReluBackward<float>(sc.Act[l - 1].AsSpan(0, b * nIn), sc.Delta[l - 1].AsSpan(0, b * nIn));
                }
            }
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
