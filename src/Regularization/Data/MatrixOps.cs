using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Storage;

namespace Regularization.Data;

/// <summary>Small helpers on MathNet matrices: row selection and access to the column-major storage.</summary>
public static class MatrixOps
{
    /// <summary>The rows with the given indices, in that order, as a new dense matrix.</summary>
    public static Matrix<double> SelectRows(Matrix<double> x, IReadOnlyList<int> rows)
    {
        var r = Matrix<double>.Build.Dense(rows.Count, x.ColumnCount);
        for (int j = 0; j < x.ColumnCount; j++)
            for (int i = 0; i < rows.Count; i++)
                r[i, j] = x[rows[i], j];
        return r;
    }

    /// <summary>The entries with the given indices, in that order.</summary>
    public static Vector<double> SelectRows(Vector<double> y, IReadOnlyList<int> rows) =>
        Vector<double>.Build.Dense(rows.Count, i => y[rows[i]]);

    /// <summary>
    /// The column-major backing array of a dense matrix (column j occupies [j*rows, (j+1)*rows)).
    /// Other storages are copied into a new dense matrix first.
    /// </summary>
    public static double[] ColumnMajor(Matrix<double> x) =>
        x.Storage is DenseColumnMajorMatrixStorage<double> d ? d.Data : x.ToColumnMajorArray();

    /// <summary>Column <paramref name="j"/> of a dense matrix as a span over its storage (no copy).</summary>
    public static Span<double> Column(double[] columnMajor, int rows, int j) => columnMajor.AsSpan(j * rows, rows);

    /// <summary>The backing array of a dense vector (copied for other storages).</summary>
    public static double[] Array(Vector<double> v) =>
        v.Storage is DenseVectorStorage<double> d ? d.Data : v.ToArray();
}
