using Regularization.Data;
using Regularization.Linear;
using Regularization.Penalties;
using Regularization.Teaching;

namespace Regularization.Exercises.AnswerKeys;

/// <summary>
/// Checks for the exercises of notebook 05 (group lasso and feature selection). Expected values are computed with the library
/// on the notebook's design (<see cref="Design"/>).
/// </summary>
public static class Notebook05
{
    /// <summary>The design of notebook 05: cubic diabetes groups, five noise groups (seed 1), age replaced by its quartile dummies.</summary>
    public static GroupDesign Design()
    {
        var d = Datasets.Diabetes();
        return GroupDesign.Polynomial(d, degree: 3, noiseVariables: 5, seed: 1)
            .WithBinned("age", d.X.Column(d.FeatureNames.ToList().IndexOf("age")), bins: 4);
    }

    /// <summary>5.1: alpha_max of the group lasso with unit group weights.</summary>
    public static CheckResult Exercise1(Func<double> answer)
    {
        var g = Design();
        double expected = GroupLasso.AlphaMax(g.X, g.Y, g.Groups, g.Groups.Select(_ => 1.0).ToArray());
        double weighted = GroupLasso.AlphaMax(g.X, g.Y, g.Groups);
        return Check.Close("5.1", answer, expected, 1e-9, 1e-9,
            hint: $"max over groups of ||X_g^T (y - mean y)||_2 / n, without dividing by sqrt(|g|) (with it you get {weighted:G6}). " +
                  "Larger groups gain: their norm sums over more columns.");
    }

    /// <summary>5.2: block soft-thresholding of (3, -4, 0) at t = 2.</summary>
    public static CheckResult Exercise2(Func<IReadOnlyList<double>?> answer)
    {
        var expected = new double[3];
        new GroupLassoPenalty(1.0, [[0, 1, 2]], 3, [1.0]).Prox([3.0, -4.0, 0.0], 2.0, expected);
        return Check.Close("5.2", answer, expected, 1e-12, 1e-12,
            hint: "||v|| = 5, so the whole vector is scaled by max(0, 1 - t/||v||) = 0.6; the direction does not change (unlike entrywise soft-thresholding).");
    }

    /// <summary>5.3: number of groups selected by the group lasso at <paramref name="alpha1Se"/>.</summary>
    public static CheckResult Exercise3(double alpha1Se, Func<int> answer)
    {
        var g = Design();
        int expected = g.SelectedGroups(new GroupLasso(alpha1Se, g.Groups) { Tol = 1e-10, MaxIter = 100000 }.Fit(g.X, g.Y).Coef).Length;
        return Check.Equal("5.3", answer, expected,
            hint: "fit new GroupLasso(groupCv.Alpha1Se, design.Groups).Fit(X, y) and count design.SelectedGroups(model.Coef); model.ActiveGroups gives the same.");
    }

    /// <summary>5.4: Jaccard similarity of the groups selected by the lasso and the group lasso at their 1-SE alphas.</summary>
    public static CheckResult Exercise4(double lassoAlpha, double groupAlpha, Func<double> answer)
    {
        var g = Design();
        var a = g.SelectedGroups(new Lasso(lassoAlpha) { Tol = 1e-10, MaxIter = 100000 }.Fit(g.X, g.Y).Coef);
        var b = g.SelectedGroups(new GroupLasso(groupAlpha, g.Groups) { Tol = 1e-10, MaxIter = 100000 }.Fit(g.X, g.Y).Coef);
        return Check.Close("5.4", answer, SelectionStability.Jaccard(a, b), 1e-9, 0,
            hint: "compare GROUPS, not columns: a lasso group counts as selected when any of its columns is non-zero (design.SelectedGroups). " +
                  "Then |A ∩ B| / |A ∪ B|.");
    }
}
