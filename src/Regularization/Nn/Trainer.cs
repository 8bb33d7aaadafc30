using System.Numerics;
using Regularization.Optim;
using Regularization.Tensors;
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
        if (train.Rows == 0)
            throw new ArgumentException("train has 0 rows: training needs at least one row (the losses of an empty epoch are undefined).", nameof(train));
        if (train.X.Length != train.Rows * train.Features)
            throw new ArgumentException($"train.X has length {train.X.Length} but rows {train.Rows} × features {train.Features} = {train.Rows * train.Features}: the shapes must match.", nameof(train));
        if (validation is not null)
        {
            if (validation.Rows == 0)
                throw new ArgumentException("validation has 0 rows: pass null for no validation, or at least one row.", nameof(validation));
            if (validation.Features != model.Inputs)
                throw new ArgumentException($"validation has {validation.Features} features but the model has {model.Inputs} inputs: the shapes must match.", nameof(validation));
        }
        CheckOptimizerOwnsModelParameters(model, optimizer);
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
            foreach (var prm in model.Parameters) prm.ApplyMask(); // pruned entries read as zero between epochs too
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

    /// <summary>
    /// Every parameter the optimizer updates must be one of the model's (the same objects): an optimizer built for another
    /// model, or for a clone, would step parameters the model never computes with, and the model would not train. An optimizer
    /// over a subset of the model's parameters (frozen layers) is fine.
    /// </summary>
    private static void CheckOptimizerOwnsModelParameters<T>(Mlp<T> model, Optimizer<T> optimizer) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var own = new HashSet<Parameter<T>>(model.Parameters, ReferenceEqualityComparer.Instance);
        var foreign = optimizer.Parameters.Where(q => !own.Contains(q)).Select(q => q.Name).ToList();
        if (foreign.Count > 0)
            throw new ArgumentException($"optimizer updates {foreign.Count} parameter(s) that are not this model's ({string.Join(", ", foreign.Take(4))}{(foreign.Count > 4 ? ", …" : "")}): " +
                "it was built for another model (or a clone), so training would leave this model unchanged. Build the optimizer from this model's Parameters.", nameof(optimizer));
        if (!optimizer.Parameters.Any())
            throw new ArgumentException("optimizer has no parameters: training would leave the model unchanged.", nameof(optimizer));
    }
}
