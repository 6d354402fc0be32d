#!/usr/bin/env python3
"""Scores a checkpoint on a labelled split (a simulation: no model runs).

Usage: python3 runners/test.py checkpoint_path=FILE [OVERRIDE]...

Composes configs/test.yaml with the overrides, prints progress and a table
of metrics, and writes outputs/<exp_name>/results/metrics.json.
"""

import json
import math
import sys

sys.dont_write_bytecode = True  # keep the project folder free of __pycache__

import _common as c  # noqa: E402


def evaluate_batch(batch_idx):
    raise RuntimeError("shape '[8, 7, 184, 184]' is invalid for input of size 1082880 "
                       "(batch %d) [simulated failure: trainer.simulate_failure=true]" % batch_idx)


def run(cfg, groups, overrides):
    exp_name = c.experiment_name(cfg)
    checkpoint = c.require_checkpoint(cfg)
    split = c.get_str(cfg, "data.eval_split", choices=["val", "test"])
    batch_size = c.get_int(cfg, "data.loader.test.batch_size", minimum=1)
    box_thresh = c.get_float(cfg, "model.head.postprocess.box_thresh", minimum=0, maximum=1)
    iou = c.get_float(cfg, "test.iou_threshold", minimum=0, maximum=1)
    save_visualizations = c.get_bool(cfg, "test.save_visualizations")
    simulate_failure = c.get_bool(cfg, "trainer.simulate_failure")
    c.check_components(cfg)
    n_images = c.dataset_size(cfg, split)

    c.print_header("test", cfg, groups, overrides)
    print("Loading checkpoint %s" % checkpoint, flush=True)
    info = c.read_checkpoint(checkpoint)
    mismatches = c.warn_mismatches(cfg, info, checkpoint)
    if info and info.get("preprocessing") != groups.get("preprocessing"):
        c.warn("the checkpoint was trained with preprocessing '%s' but this run uses '%s'"
               % (info.get("preprocessing") or "none", groups.get("preprocessing") or "none"))
    print("Evaluating on the %s split of %s: %d images, IoU threshold %s"
          % (split, c.lookup(cfg, "data.name"), n_images, repr(iou)), flush=True)

    steps = math.ceil(n_images / batch_size)

    def on_update(n):
        if simulate_failure and n * 2 >= steps:
            evaluate_batch(n)
    c.run_progress("Testing", steps, 0.01 * batch_size + 0.02, 0.3, on_update=on_update)

    rng = c.seeded_rng(checkpoint, split, box_thresh)
    base = info.get("val_hmean") if info else None
    base = base if isinstance(base, (int, float)) else 0.6
    if mismatches:
        base *= 0.15  # weights that do not fit the model give noise
    shift = box_thresh - 0.5
    precision = min(0.995, max(0.0, base + 0.15 * shift + rng.uniform(-0.01, 0.01)))
    recall = min(0.995, max(0.0, base - 0.2 * shift - (iou - 0.5) * 0.3 + rng.uniform(-0.01, 0.01)))
    hmean = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    metrics = {"test/precision": precision, "test/recall": recall, "test/hmean": hmean}

    rule = "-" * 40
    print(rule)
    print("%-24s%16s" % ("Test metric", "DataLoader 0"))
    print(rule)
    for name, value in metrics.items():
        print("%-24s%16.4f" % (name, value))
    print(rule)

    results = c.job_dir(cfg, exp_name) / "results"
    report = {
        "checkpoint": str(checkpoint), "split": split, "dataset": c.lookup(cfg, "data.name"),
        "num_images": n_images, "iou_threshold": iou, "box_thresh": box_thresh,
        **c.component_summary(cfg), "preprocessing": groups.get("preprocessing"),
        "precision": round(precision, 4), "recall": round(recall, 4), "hmean": round(hmean, 4),
    }
    c.write_text(results / "metrics.json", json.dumps(report, indent=2) + "\n")
    print("Wrote %s" % (results / "metrics.json"))
    if save_visualizations:
        lines = ["%s/%05d.jpg: %d boxes" % (split, i + 1, rng.randint(3, 40)) for i in range(n_images)]
        c.write_text(results / "visualizations" / "index.txt", "\n".join(lines) + "\n")
        print("Wrote the index of %d visualizations to %s (the demo draws no images)"
              % (n_images, results / "visualizations"))
    return 0


if __name__ == "__main__":
    sys.exit(c.main("test", run))
