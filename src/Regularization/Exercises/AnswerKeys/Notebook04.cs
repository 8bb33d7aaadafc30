using MathNet.Numerics.LinearAlgebra;
using Regularization.Data;
using Regularization.Logistic;
using Regularization.Teaching;

namespace Regularization.Exercises.AnswerKeys;

/// <summary>Checks for the exercises of notebook 04 (regularized logistic regression). Expected values are computed with the library.</summary>
public static class Notebook04
{
    /// <summary>The imbalanced breast-cancer sample of section 4.7: every benign row plus 60 malignant rows (seed 1), split in half (seed 0).</summary>
    public static (Matrix<double> XTrain, Vector<double> YTrain, Matrix<double> XTest, Vector<double> YTest) Imbalanced()
    {
        var (x, y, _) = LogisticStudy.BreastCancerStandardized();
        var rows = LogisticStudy.Subsample(y, 0, 60, seed: 1);
        var xs = MatrixOps.SelectRows(x, rows);
        var ys = MatrixOps.SelectRows(y, rows);
        var (train, test) = Splits.TrainTest(rows.Length, 0.5, seed: 0);
        return (MatrixOps.SelectRows(xs, train), MatrixOps.SelectRows(ys, train), MatrixOps.SelectRows(xs, test), MatrixOps.SelectRows(ys, test));
    }

    /// <summary>Standardized digits split 75/25 (seed 0), as in section 4.9.</summary>
    public static (Matrix<double> XTrain, Vector<double> YTrain, Matrix<double> XTest, Vector<double> YTest) Digits()
    {
        var ds = Datasets.Digits();
        var (_, z) = Standardizer.FitTransform(ds.X);
        var (train, test) = Splits.TrainTest(z.RowCount, 0.25, seed: 0);
        return (MatrixOps.SelectRows(z, train), MatrixOps.SelectRows(ds.Y, train), MatrixOps.SelectRows(z, test), MatrixOps.SelectRows(ds.Y, test));
    }

    /// <summary>4.1: glmnet's lambda equivalent to C = 0.25 on the full (569-row) standardized breast-cancer data.</summary>
    public static CheckResult Exercise1(Func<double> answer) =>
        Check.Close("4.1", answer, LogisticRegression.LambdaFromC(0.25, LogisticStudy.BreastCancerStandardized().X.RowCount), 0, 1e-9,
            hint: "divide C sum_i loss_i + R(w) by C n: lambda = 1 / (C n) with n the number of rows.");

    /// <summary>4.2: the number of non-zero coefficients of the L1 model with C = 0.1 on the full standardized breast-cancer data.</summary>
    public static CheckResult Exercise2(Func<int> answer)
    {
        var (x, y, _) = LogisticStudy.BreastCancerStandardized();
        int expected = new LogisticRegression(0.1, LogisticPenalty.L1).Fit(x, y).NonZeroCount;
        return Check.Equal("4.2", answer, expected,
            hint: "fit new LogisticRegression(c: 0.1, penalty: LogisticPenalty.L1) on all 569 standardized rows and read NonZeroCount (intercept excluded).");
    }

    /// <summary>4.3: the balanced class weight of the malignant class (label 0) in the training rows of <see cref="Imbalanced"/>.</summary>
    public static CheckResult Exercise3(Func<double> answer)
    {
        var (_, y, _, _) = Imbalanced();
        double expected = LogisticStudy.BalancedWeights(y)[0];
        return Check.Close("4.3", answer, expected, 0, 1e-9,
            hint: "n / (K n_k): n training rows, K = 2 classes, n_k the malignant rows among them (a rare class gets a weight above 1).");
    }

    /// <summary>4.4: C at the one-standard-error choice of 10-fold L1 cross-validation on misclassification (seed 0, 50 lambdas).</summary>
    public static CheckResult Exercise4(Func<double> answer)
    {
        var (x, y, _) = LogisticStudy.BreastCancerStandardized();
        var cv = new LogisticRegressionCV(LogisticPenalty.L1, measure: LogisticCvMeasure.Misclassification, folds: 10, seed: 0, nLambdas: 50).Fit(x, y);
        return Check.Close("4.4", answer, cv.C1Se, 0, 1e-6,
            hint: "new LogisticRegressionCV(LogisticPenalty.L1, measure: LogisticCvMeasure.Misclassification, folds: 10, seed: 0, nLambdas: 50).Fit(x, y).C1Se; C1Se is the C of Lambda1Se, so do not convert it again.");
    }

    /// <summary>4.5: pixels unused by every class of the L1 multinomial model with C = 0.05 on the training rows of <see cref="Digits"/>.</summary>
    public static CheckResult Exercise5(Func<int> answer)
    {
        var (x, y, _, _) = Digits();
        var m = new LogisticRegression(0.05, LogisticPenalty.L1).Fit(x, y);
        return Check.Equal("4.5", answer, LogisticStudy.UnusedFeatures(m).Length,
            hint: "a pixel is unused when its column of Coef (10 x 64) is zero for all ten classes: LogisticStudy.UnusedFeatures(model).Length.");
    }

    /// <summary>
    /// 4.6: the coefficient of an exact copy of <c>worst_radius</c> appended to the standardized breast-cancer data
    /// (<see cref="CorrelatedFeatures.WithNoisyCopy"/> with noise 0), elastic net in glmnet's form with lambda = 0.02, l1Ratio = 0.5.
    /// </summary>
    public static CheckResult Exercise6(Func<double> answer)
    {
        var (x, y, names) = LogisticStudy.BreastCancerStandardized();
        int j = names.ToList().IndexOf("worst_radius");
        var m = LogisticRegression.FromLambda(0.02, LogisticPenalty.ElasticNet, l1Ratio: 0.5, tol: 1e-10).Fit(CorrelatedFeatures.WithNoisyCopy(x, j, noise: 0, seed: 0), y);
        return Check.Close("4.6", answer, m.Coef[0, x.ColumnCount], 0, 1e-4,
            hint: "fit LogisticRegression.FromLambda(0.02, LogisticPenalty.ElasticNet, l1Ratio: 0.5, tol: 1e-10) on CorrelatedFeatures.WithNoisyCopy(x, j, noise: 0, seed: 0) "
                + "(j = the index of worst_radius) and read Coef[0, 30]. The two copies get equal coefficients, but not half of the fit without the copy: "
                + "splitting a coefficient in two halves its ridge penalty, so the pair is shrunk less.");
    }
}
