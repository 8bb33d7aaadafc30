using MathNet.Numerics.LinearAlgebra;
using Regularization.Validation;

namespace Regularization.Linear;

/// <summary>A fitted linear model <c>y = x . Coef + Intercept</c>.</summary>
public class LinearModel
{
    /// <summary>Creates a model from its coefficients and intercept.</summary>
    public LinearModel(Vector<double> coef, double intercept)
    {
        Coef = Guard.NotNull(coef, nameof(coef));
        Intercept = intercept;
    }

    /// <summary>The coefficients, one per feature (column of x).</summary>
    public Vector<double> Coef { get; }

    /// <summary>The intercept (0 when none was fitted).</summary>
    public double Intercept { get; }

    /// <summary>Number of non-zero coefficients.</summary>
    public int NonZeroCount => Coef.Count(c => c != 0);

    /// <summary>Predictions <c>x Coef + Intercept</c>.</summary>
    public Vector<double> Predict(Matrix<double> x)
    {
        Guard.NotNull(x, nameof(x));
        if (x.ColumnCount != Coef.Count)
            throw new ArgumentException($"x has {x.ColumnCount} columns but the model has {Coef.Count} coefficients: the shapes must match.", nameof(x));
        var r = x * Coef;
        return r.Add(Intercept);
    }

    /// <summary>Mean squared error of the predictions on (x, y).</summary>
    public double MeanSquaredError(Matrix<double> x, Vector<double> y)
    {
        Guard.Target(y, x.RowCount);
        var d = Predict(x) - y;
        return d.DotProduct(d) / y.Count;
    }

    /// <summary>Coefficient of determination R^2 on (x, y).</summary>
    public double Score(Matrix<double> x, Vector<double> y)
    {
        Guard.Target(y, x.RowCount);
        double mean = y.Average();
        double ssTot = y.Sum(v => (v - mean) * (v - mean));
        var d = Predict(x) - y;
        return 1 - d.DotProduct(d) / ssTot;
    }
}
