using System.Reflection;
using Regularization.Nn;
using Regularization.Optim;
using Regularization.Pruning;

namespace Regularization.Tests.Optim;

/// <summary>One test per trap of issue 13 in the optimizer, trainer and pruning API.</summary>
public class OptimizerTrapTests
{
    private static ParameterInfo[] Params(string method) =>
        typeof(Optimizers).GetMethods().Where(m => m.Name == method)
            .Single(m => m.GetParameters()[0].ParameterType.IsGenericType && m.GetParameters()[0].ParameterType.GetGenericTypeDefinition() == typeof(IEnumerable<>))
            .GetParameters();

    [Fact]
    public void AdamAndAdamWTakeTorchsOneArgumentOrder()
    {
        // torch: Adam(params, lr, betas, eps, weight_decay, amsgrad) and AdamW(params, lr, betas, eps, weight_decay, amsgrad).
        string[] torch = ["parameters", "learningRate", "betas", "eps", "weightDecay", "amsgrad", "maximize"];
        foreach (var name in new[] { "Adam", "AdamW" })
        {
            var ps = Params(name);
            Assert.Equal(torch, ps.Take(torch.Length).Select(p => p.Name!).ToArray());
            // betas is one pair, so AdamW(ps, 1e-3, 0.9, 0.999) does not compile (a double is not a (double, double)?)
            Assert.Equal(typeof((double, double)?), ps[2].ParameterType);
        }
        Assert.Equal(Params("Adam").Skip(1).Take(6).Select(p => p.ParameterType), Params("AdamW").Skip(1).Take(6).Select(p => p.ParameterType));
        Assert.Equal(["parameters", "learningRate", "momentum", "dampening", "weightDecay", "nesterov", "maximize"],
            Params("Sgd").Take(7).Select(p => p.Name!).ToArray());
        // and the positional torch call means what it means in torch
        var w = new Parameter<double>("w", [2, 2]);
        var opt = Optimizers.AdamW([w], 1e-3, (0.8, 0.99), 1e-6, 0.05);
        var adam = (ScaleByAdam<double>)((Chain<double>)opt.Groups[0].Transform).Transforms.Single(t => t is ScaleByAdam<double>);
        Assert.Equal((0.8, 0.99, 1e-6), (adam.Beta1, adam.Beta2, adam.Eps));
        Assert.Equal(0.05, opt.DecayAudit().Single().Coefficient);
    }

    [Fact]
    public void MaximizeAscends()
    {
        // maximize=True equals descending on the negated gradient, with the decay added after the negation (torch's order).
        var a = new Parameter<double>("w", [3], value: [1.0, -2.0, 0.5]);
        var b = new Parameter<double>("w", [3], value: [1.0, -2.0, 0.5]);
        var up = Optimizers.Adam([a], 1e-2, weightDecay: 0.1, maximize: true);
        var down = Optimizers.Adam([b], 1e-2, weightDecay: 0.1);
        double[] g = [0.5, -1.0, 2.0];
        for (int t = 0; t < 4; t++)
        {
            g.CopyTo(a.Grad, 0); g.Select(x => -x).ToArray().CopyTo(b.Grad, 0);
            up.Step(); down.Step();
        }
        Assert.Equal(b.Value, a.Value);
        Assert.Contains("negate", up.Describe());
    }

    [Fact]
    public void LoadStateJsonWrapsJsonErrorsAndNamesTheProblem()
    {
        var w = new Parameter<double>("w", [3]);
        var opt = Optimizers.Adam([w], 1e-2);
        w.Grad[0] = 1; opt.Step();
        string good = opt.SaveStateJson();

        var ex = Assert.Throws<FormatException>(() => opt.LoadStateJson("{\"format\": \"regularization.optimizer_state/1\", "));
        Assert.IsAssignableFrom<System.Text.Json.JsonException>(ex.InnerException);
        Assert.Contains("not valid JSON", ex.Message);

        ex = Assert.Throws<FormatException>(() => opt.LoadStateJson(good.Replace("\"step\":1", "\"step\":\"one\"")));
        Assert.Contains("malformed at \"step\"", ex.Message);

        ex = Assert.Throws<FormatException>(() => opt.LoadStateJson(good.Replace("\"children\"", "\"kids\"")));
        Assert.Contains("malformed at parameters[0]", ex.Message);

        ex = Assert.Throws<FormatException>(() => opt.LoadStateJson(good.Replace("float64", "float32")));
        Assert.Contains("dtype float32", ex.Message);

        ex = Assert.Throws<FormatException>(() => opt.LoadStateJson("[1, 2]"));
        Assert.Contains("not an optimizer state", ex.Message);

        ex = Assert.Throws<FormatException>(() => Optimizers.Adam([new Parameter<double>("v", [3])], 1e-2).LoadStateJson(good));
        Assert.Contains("holds parameter w", ex.Message);

        Assert.Equal(1, opt.StepCount); // failed loads leave the optimizer as it was
        opt.LoadStateJson(good);
        Assert.Equal(1, opt.StepCount);
    }

    [Fact]
    public void TrainerRejectsEmptyDataAndAnotherModelsOptimizer()
    {
        var model = new Mlp<double>(3, [4], 2, seed: 1);
        var data = new ClassificationData<double>([0.1, 0.2, 0.3, 0.4, 0.5, 0.6], [0, 1], 3, 2);
        var empty = new ClassificationData<double>([], [], 3, 2);
        var ex = Assert.Throws<ArgumentException>(() => Trainer.Fit(model, Optimizers.Sgd(model.Parameters, 0.1), empty));
        Assert.Equal("train", ex.ParamName);
        Assert.Contains("0 rows", ex.Message);
        ex = Assert.Throws<ArgumentException>(() => Trainer.Fit(model, Optimizers.Sgd(model.Parameters, 0.1), data, empty));
        Assert.Equal("validation", ex.ParamName);

        var other = model.Clone(); // same names and shapes, different tensors
        ex = Assert.Throws<ArgumentException>(() => Trainer.Fit(model, Optimizers.Sgd(other.Parameters, 0.1), data));
        Assert.Equal("optimizer", ex.ParamName);
        Assert.Contains("fc1.weight", ex.Message);
        Assert.Contains("another model", ex.Message);

        // an optimizer over a subset of the model's parameters (a frozen layer) is fine and trains only that subset
        var before = (double[])model.Layers[0].Weight.Value.Clone();
        var h = Trainer.Fit(model, Optimizers.Sgd([model.Layers[1].Weight, model.Layers[1].Bias!], 0.1), data, null, new TrainOptions(Epochs: 2, BatchSize: 2));
        Assert.Equal(2, h.Steps);
        Assert.Equal(before, model.Layers[0].Weight.Value);
    }

    [Fact]
    public void PruneCountReturnsTheSameReportAsAFraction()
    {
        Parameter<float>[] Ps()
        {
            var rng = new Random(3);
            return [new Parameter<float>("fc1.weight", [8, 5], value: Enumerable.Range(0, 40).Select(_ => (float)(rng.NextDouble() - 0.5)).ToArray()),
                    new Parameter<float>("fc2.weight", [3, 8], value: Enumerable.Range(0, 24).Select(_ => (float)(rng.NextDouble() - 0.5)).ToArray())];
        }
        var a = Ps(); var b = Ps();
        var byFraction = MagnitudePruner.Global(a, 0.75);
        var byCount = MagnitudePruner.PruneCount(b, MagnitudePruner.CountToPrune(0.75, 64));
        Assert.Equal(48, byCount.Pruned);
        Assert.Equal(byFraction.Layers, byCount.Layers);
        Assert.Equal(byFraction.ToString(), byCount.ToString());
        Assert.Equal(0, MagnitudePruner.PruneCount(b, 0).Layers.Sum(l => l.Pruned) - 48);
    }
}

/// <summary>The model types are independent of the optimizers: Parameter lives in Regularization.Tensors.</summary>
public class NamespaceDependencyTests
{
    [Fact]
    public void ModelTypesDoNotReferenceOptim()
    {
        Assert.Equal("Regularization.Tensors", typeof(Parameter<>).Namespace);
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        static IEnumerable<Type> Mentioned(Type t) =>
            t.GetFields(all).Select(f => f.FieldType)
                .Concat(t.GetProperties(all).Select(p => p.PropertyType))
                .Concat(t.GetMethods(all).SelectMany(m => m.GetParameters().Select(p => p.ParameterType).Append(m.ReturnType)))
                .Concat(t.GetConstructors(all).SelectMany(c => c.GetParameters().Select(p => p.ParameterType)));
        static IEnumerable<Type> Flatten(Type t) =>
            (t.HasElementType ? Flatten(t.GetElementType()!) : [t]).Concat(t.IsGenericType ? t.GetGenericArguments().SelectMany(Flatten) : []);
        foreach (var t in new[] { typeof(Mlp<>), typeof(Dense<>), typeof(LayerNorm<>), typeof(Parameter<>), typeof(ParameterRole) })
        {
            var optim = Mentioned(t).SelectMany(Flatten).Where(x => x.Namespace == "Regularization.Optim").Select(x => x.Name).Distinct().ToList();
            Assert.True(optim.Count == 0, $"{t.Name} references {string.Join(", ", optim)}");
        }
    }
}
