using MathNet.Numerics.LinearAlgebra;
using Regularization.Linear;
using Regularization.Validation;

namespace Regularization.Teaching;

/// <summary>
/// The bias-variance picture of a penalized linear model: training and validation mean squared error at every alpha of a grid,
/// fitted on the training rows only. A small alpha fits the training rows best (low bias, high variance); a large alpha
/// underfits both; the validation error is lowest in between.
/// </summary>
/// <example><code>var bv = BiasVariance.ForRidge(xTr, yTr, xVa, yVa, alphas); bv.TrainMse; bv.ValidationMse; bv.BestAlpha;</code></example>
public sealed class BiasVariance
{
    private BiasVariance(string model, double[] alphas, double[] train, double[] val, int[] nonZeros)
    {
        Model = model;
        Alphas = alphas;
        TrainMse = train;
        ValidationMse = val;
        NonZeroCounts = nonZeros;
        int best = 0;
        for (int k = 1; k < val.Length; k++) if (val[k] < val[best]) best = k;
        IndexBest = best;
    }

    /// <summary>Ridge (<see cref="Ridge"/>, <c>||y - Xw - b||^2 + alpha ||w||^2</c>) at every alpha, from one eigendecomposition.</summary>
    public static BiasVariance ForRidge(Matrix<double> xTrain, Vector<double> yTrain, Matrix<double> xValidation, Vector<double> yValidation, IReadOnlyList<double> alphas) =>
        From("ridge", Ridge.Path(xTrain, yTrain, Positive(alphas)), xTrain, yTrain, xValidation, yValidation);

    /// <summary>Lasso (<see cref="Lasso"/>, <c>1/(2n) ||y - Xw - b||^2 + alpha ||w||_1</c>) along a warm-started path.</summary>
    public static BiasVariance ForLasso(Matrix<double> xTrain, Vector<double> yTrain, Matrix<double> xValidation, Vector<double> yValidation, IReadOnlyList<double> alphas, double tol = 1e-8) =>
        From("lasso", Lasso.Path(xTrain, yTrain, alphas: Positive(alphas), tol: tol, maxIter: 10000), xTrain, yTrain, xValidation, yValidation);

    /// <summary>Training and validation errors of any fitted path.</summary>
    public static BiasVariance From(string model, RegularizationPath path, Matrix<double> xTrain, Vector<double> yTrain, Matrix<double> xValidation, Vector<double> yValidation)
    {
        Guard.NotNull(path, nameof(path));
        Guard.Target(yTrain, xTrain.RowCount);
        Guard.Target(yValidation, xValidation.RowCount);
        if (!path.AllConverged)
            throw new InvalidOperationException($"the {model} path did not converge at alpha index(es) {string.Join(", ", path.NotConverged)}: raise maxIter or tol.");
        return new BiasVariance(model, path.Alphas.ToArray(), Mse(path, xTrain, yTrain), Mse(path, xValidation, yValidation), path.NonZeroCounts);
    }

    private static double[] Positive(IReadOnlyList<double> alphas)
    {
        Guard.NotNull(alphas, nameof(alphas));
        for (int i = 0; i < alphas.Count; i++) Guard.Positive(alphas[i], $"alphas[{i}]");
        return alphas.ToArray();
    }

    private static double[] Mse(RegularizationPath path, Matrix<double> x, Vector<double> y)
    {
        var pred = path.Predict(x);
        var mse = new double[path.Alphas.Length];
        for (int k = 0; k < mse.Length; k++)
        {
            double s = 0;
            for (int i = 0; i < y.Count; i++) { double e = y[i] - pred[i, k]; s += e * e; }
            mse[k] = s / y.Count;
        }
        return mse;
    }

    /// <summary>"ridge" or "lasso" (or the name given to <see cref="From"/>).</summary>
    public string Model { get; }

    /// <summary>The alphas, in path order.</summary>
    public double[] Alphas { get; }

    /// <summary>Mean squared error on the training rows at every alpha.</summary>
    public double[] TrainMse { get; }

    /// <summary>Mean squared error on the validation rows at every alpha.</summary>
    public double[] ValidationMse { get; }

    /// <summary>Non-zero coefficients at every alpha.</summary>
    public int[] NonZeroCounts { get; }

    /// <summary>Index of the lowest validation error.</summary>
    public int IndexBest { get; }

    /// <summary>The alpha with the lowest validation error.</summary>
    public double BestAlpha => Alphas[IndexBest];

    /// <summary>The gap between validation and training error at every alpha (the optimism of the training error).</summary>
    public double[] Gap => ValidationMse.Zip(TrainMse, (v, t) => v - t).ToArray();
}
