using System.Numerics;
using Regularization.Optim;
using Regularization.Validation;

namespace Regularization.Nn;

/// <summary>
/// Minibatch training of an <see cref="Mlp{T}"/> with an <see cref="Optimizer{T}"/>: each epoch shuffles the rows (seeded),
/// runs forward/backward and one optimizer step per batch, then records train and validation loss and accuracy and the
/// weight norm of every optimizer group. A non-finite loss stops training with an exception naming the epoch and step.
/// </summary>
public static class Trainer
{
    /// <summary>Trains <paramref name="model"/> in place and returns the history.</summary>
    public static TrainingHistory Fit<T>(Mlp<T> model, Optimizer<T> optimizer, ClassificationData<T> train,
        ClassificationData<T>? validation = null, TrainOptions? options = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Guard.NotNull(model, nameof(model));
        Guard.NotNull(optimizer, nameof(optimizer));
        Guard.NotNull(train, nameof(train));
        var o = options ?? new TrainOptions();
        Guard.AtLeast(o.Epochs, 0, nameof(o.Epochs));
        Guard.AtLeast(o.BatchSize, 1, nameof(o.BatchSize));
        if (train.Features != model.Inputs)
            throw new ArgumentException($"train has {train.Features} features but the model has {model.Inputs} inputs: the shapes must match.", nameof(train));
        if (train.X.Length != train.Rows * train.Features)
            throw new ArgumentException($"train.X has length {train.X.Length} but rows {train.Rows} × features {train.Features} = {train.Rows * train.Features}: the shapes must match.", nameof(train));
        int n = train.Rows, p = train.Features, bs = Math.Min(o.BatchSize, n);
        var rng = new Random(o.Seed);
        var perm = Enumerable.Range(0, n).ToArray();
        var xb = new T[bs * p];
        var yb = new int[bs];
        var records = new List<EpochRecord>();
        long step = 0;
        for (int epoch = 1; epoch <= o.Epochs; epoch++)
        {
            for (int i = n - 1; i > 0; i--) { int j = rng.Next(i + 1); (perm[i], perm[j]) = (perm[j], perm[i]); }
            double lossSum = 0; long correct = 0;
            for (int s = 0; s < n; s += bs)
            {
                int b = Math.Min(bs, n - s);
                for (int r = 0; r < b; r++)
                {
                    int row = perm[s + r];
                    train.X.AsSpan(row * p, p).CopyTo(xb.AsSpan(r * p, p));
                    yb[r] = train.Y[row];
                }
                var (loss, c) = model.ForwardBackward(xb, yb, b);
                if (!double.IsFinite(loss))
                    throw new ArithmeticException($"the training loss is {loss} at epoch {epoch}, step {step + 1}: training diverged (lower the learning rate).");
                optimizer.Step();
                step++;
                o.OnStep?.Invoke(step);
                lossSum += loss * b; correct += c;
            }
            double vl = double.NaN, va = double.NaN;
            if (validation is not null) (vl, va) = model.Evaluate(validation);
            var gn = new Dictionary<string, double>();
            var pn = new Dictionary<string, double>();
            if (o.RecordNorms)
            {
                foreach (var g in optimizer.Groups)
                {
                    double sq = 0;
                    foreach (var prm in g.Group.Parameters) { double nrm = prm.Norm(); pn[prm.Name] = nrm; sq += nrm * nrm; }
                    gn[g.Group.Name] = Math.Sqrt(sq);
                }
            }
            var rec = new EpochRecord(epoch, lossSum / n, (double)correct / n, vl, va, gn, pn);
            records.Add(rec);
            o.OnEpoch?.Invoke(rec);
        }
        return new TrainingHistory(records, step);
    }
}
