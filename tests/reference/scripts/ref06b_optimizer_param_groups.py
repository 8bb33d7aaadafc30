#!/usr/bin/python3
"""Reference 6b: PyTorch optimizers over THREE parameter groups whose overrides cover every
hyperparameter a torch group can set (lr, momentum, dampening, weight_decay, nesterov, maximize
for SGD; lr, betas, eps, weight_decay, amsgrad, maximize for Adam and AdamW), float64, 20 steps.
Same gradient feed as reference 6 for w and b, plus a third tensor c."""
import os

import numpy as np

from common import REF_DIR, maxabs, versions, write_json
from optimtools import np_adam, np_sgd, torch_run
from ref06_optimizer_trajectories import B0, T, W0, gradient_sequence

C0 = np.array([1.5, -0.25, 0.75, -2.0])


def third_gradients():
    rng = np.random.default_rng(20261204)
    return np.round(rng.standard_normal((T, 4)) * 0.7, 4)


# (name, kind, optimizer defaults, [overrides of group w, group b, group c])
CONFIGS = [
    ("sgd", "sgd", {"lr": 0.1, "momentum": 0.9, "weight_decay": 0.01},
     [{"nesterov": True},
      {"lr": 0.05, "momentum": 0.5, "dampening": 0.1, "weight_decay": 0.0},
      {"momentum": 0.0, "dampening": 0.1, "maximize": True}]),
    ("adam", "adam", {"lr": 1e-2, "weight_decay": 0.1},
     [{},
      {"lr": 3e-3, "betas": (0.8, 0.99), "eps": 1e-6, "weight_decay": 0.0},
      {"amsgrad": True, "maximize": True, "weight_decay": 0.05}]),
    ("adamw", "adamw", {"lr": 1e-2, "weight_decay": 0.1},
     [{"amsgrad": True},
      {"lr": 3e-3, "betas": (0.8, 0.99), "eps": 1e-6, "weight_decay": 0.0},
      {"maximize": True, "weight_decay": 0.3, "betas": (0.5, 0.9)}]),
]


def numpy_route(kind, hp, p0, G):
    h = dict(hp)
    maximize = h.pop("maximize", False)
    if kind == "sgd":
        return np_sgd(p0, G, maximize=maximize, **h)
    # Adam/AdamW negate the gradient first when maximizing
    return np_adam(p0, -G if maximize else G, decoupled=kind == "adamw", **h)


def main():
    G, Gb = gradient_sequence()
    Gc = third_gradients()
    inits, grads, labels = [W0, B0, C0], [G, Gb, Gc], ["w", "b", "c"]
    runs, worst = [], 0.0
    for name, kind, hp, overrides in CONFIGS:
        trajs, states = torch_run(kind, hp, inits, grads, overrides)
        cls = {"sgd": "SGD", "adam": "Adam", "adamw": "AdamW"}[kind]
        groups = ", ".join("{'params': [%s]%s}" % (lab, "".join(f", '{k}': {v!r}" for k, v in o.items())) for lab, o in zip(labels, overrides))
        args = ", ".join(f"{k}={v!r}" for k, v in hp.items())
        entry = {"name": name, "torch_call": f"torch.optim.{cls}([{groups}], {args})", "hyperparameters": hp,
                 "group_overrides": [{k: list(v) if isinstance(v, tuple) else v for k, v in o.items()} for o in overrides]}
        diffs = []
        for lab, tr, st, p0, GG, o in zip(labels, trajs, states, inits, grads, overrides):
            h = dict(hp)
            h.update(o)
            diffs.append(maxabs(tr, numpy_route(kind, h, p0, GG)))
            entry[f"{lab}_after_step"] = tr
            entry[f"{lab}_state_after_step"] = st
        entry["cross_check_numpy_max_abs_diff"] = max(diffs)
        worst = max(worst, max(diffs))
        runs.append(entry)
    out = {
        "case": "optimizer_param_groups",
        "description": "Trajectories of PyTorch optimizers (float64) over three parameter groups, each overriding different hyperparameters, for fixed initial vectors and a fixed sequence of 20 gradients per tensor.",
        "inputs": {
            "dtype": "float64", "steps": T,
            "w0": W0, "grads_w": G, "b0": B0, "grads_b": Gb, "c0": C0, "grads_c": Gc,
            "gradient_design": "w and b: the gradients of reference 6 (06_optimizer_trajectories.json); c: seeded normal values times 0.7, rounded to 4 decimals",
            "group_setup": "three groups, in order [w], [b], [c]; hyperparameters = optimizer defaults updated by the group's overrides (group_overrides[k] for group k), as torch does",
        },
        "semantics": {
            "gradient_feed": "at step t (1-based) every parameter's .grad is set to its grads[t-1], then optimizer.step(); X_after_step[t-1] is the parameter after that step",
            "maximize": "the gradient is negated first (before weight decay is added)",
            "momentum_0": "with momentum 0 torch keeps no momentum_buffer (dampening is then unused)",
            "rest": "as in 06_optimizer_trajectories.json 'semantics'",
        },
        "outputs": {"runs": runs, "layout": "X_after_step[t][i] = element i of parameter X after step t+1 (t = 0..19)"},
        "cross_check": {"method": "independent NumPy implementation (optimtools.py) run per group with that group's hyperparameters", "max_abs_diff": worst},
        "tolerance": {"abs": 1e-12, "rule": "|got - ref| <= 1e-12 for every step and element"},
        "generated_by": {"script": "shared/reference/scripts/ref06b_optimizer_param_groups.py", **versions(torch=True)},
    }
    size = write_json(os.path.join(REF_DIR, "06_optimizer_param_groups.json"), out)
    print("06_optimizer_param_groups.json", size, out["cross_check"])


if __name__ == "__main__":
    main()
