namespace Regularization.Linear;

/// <summary>The efficient cross-validation criterion of <see cref="RidgeCV"/>.</summary>
public enum RidgeCVMode
{
    /// <summary>
    /// Exact leave-one-out squared error (scikit-learn's default <c>RidgeCV(cv=None)</c>):
    /// <c>e_i = (y_i - yhat_i) / (1 - h_ii)</c>, h the hat matrix including the unpenalized intercept.
    /// </summary>
    LeaveOneOut,

    /// <summary>Generalized cross-validation <c>mean((y - yhat)^2) / (1 - tr(H)/n)^2</c> (Golub, Heath and Wahba).</summary>
    Gcv,
}
