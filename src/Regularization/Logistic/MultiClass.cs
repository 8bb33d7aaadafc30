namespace Regularization.Logistic;

/// <summary>How a <see cref="LogisticRegression"/> treats the classes.</summary>
public enum MultiClass
{
    /// <summary>Binary logistic regression for two classes, multinomial (softmax) for three or more.</summary>
    Auto,

    /// <summary>Binary logistic regression; the labels must have exactly two distinct values.</summary>
    Binary,

    /// <summary>Multinomial (softmax) regression with one coefficient vector per class, as glmnet's <c>family = "multinomial"</c>, also for K = 2.</summary>
    Multinomial,
}
