#!/usr/bin/env python3
"""Detects text boxes on images (a simulation: no model runs).

Usage: python3 runners/predict.py checkpoint_path=FILE [OVERRIDE]...

Composes configs/predict.yaml with the overrides and writes
outputs/<exp_name>/predictions/predictions.json, or predictions.csv with
predict.output_format=csv. Images come from predict.input_dir when it is
set, else from the test split of the dataset.
"""

import csv
import io
import json
import math
import sys
from pathlib import Path

sys.dont_write_bytecode = True  # keep the project folder free of __pycache__

import _common as c  # noqa: E402


def predict_batch(batch_idx):
    raise RuntimeError("Expected 4-dimensional input for 4-dimensional weight [64, 3, 7, 7], "
                       "but got 3-dimensional input (batch %d) "
                       "[simulated failure: trainer.simulate_failure=true]" % batch_idx)


def fake_boxes(rng, box_type, count):
    boxes = []
    y = rng.uniform(20, 60)
    for _ in range(count):
        x0, w, h = rng.uniform(10, 120), rng.uniform(60, 420), rng.uniform(14, 34)
        if box_type == "rbox":
            angle = rng.uniform(-12, 12)
            points = [[x0, y], [x0 + w, y + w * angle / 90], [x0 + w, y + h + w * angle / 90], [x0, y + h]]
        elif box_type == "polygon":
            bend = rng.uniform(-3, 3)
            points = [[x0, y], [x0 + w / 2, y + bend], [x0 + w, y], [x0 + w, y + h],
                      [x0 + w / 2, y + h + bend], [x0, y + h]]
        else:
            points = [[x0, y], [x0 + w, y], [x0 + w, y + h], [x0, y + h]]
        boxes.append({"points": [[round(px, 1), round(py, 1)] for px, py in points],
                      "confidence": round(rng.uniform(0.05, 0.99), 3)})
        y += h + rng.uniform(6, 30)
    return boxes


def run(cfg, groups, overrides):
    exp_name = c.experiment_name(cfg)
    checkpoint = c.require_checkpoint(cfg)
    output_format = c.get_str(cfg, "predict.output_format", choices=["json", "csv"])
    include_confidence = c.get_bool(cfg, "predict.include_confidence")
    min_confidence = c.get_float(cfg, "predict.min_confidence", minimum=0, maximum=1)
    minified = c.get_bool(cfg, "predict.minified_json")
    max_images = c.get_int(cfg, "predict.max_images", minimum=1, allow_null=True)
    batch_size = c.get_int(cfg, "data.loader.predict.batch_size", minimum=1)
    box_type = c.get_str(cfg, "model.head.postprocess.box_type", choices=["polygon", "quad", "rbox"])
    simulate_failure = c.get_bool(cfg, "trainer.simulate_failure")
    c.check_components(cfg)

    input_dir = c.lookup(cfg, "predict.input_dir")
    if input_dir not in (None, ""):
        input_dir = c.get_str(cfg, "predict.input_dir")
        if not Path(input_dir).is_dir():
            raise c.RunnerError("input folder not found: '%s' (predict.input_dir)" % input_dir)
        images = [str(p) for p in c.list_images(input_dir)]
        if not images:
            raise c.RunnerError("no images (%s) in '%s'" % (", ".join(sorted(c.IMAGE_SUFFIXES)), input_dir))
        source = input_dir
    else:
        count = c.dataset_size(cfg, "test")
        images = ["%s/test/%05d.jpg" % (c.lookup(cfg, "data.name"), i + 1) for i in range(count)]
        source = "the test split of %s" % c.lookup(cfg, "data.name")
    if max_images is not None:
        images = images[:max_images]

    c.print_header("predict", cfg, groups, overrides)
    print("Loading checkpoint %s" % checkpoint, flush=True)
    c.warn_mismatches(cfg, c.read_checkpoint(checkpoint), checkpoint)
    print("Predicting %d images from %s" % (len(images), source), flush=True)

    steps = math.ceil(len(images) / batch_size)

    def on_update(n):
        if simulate_failure and n * 2 >= steps:
            predict_batch(n)
    c.run_progress("Predicting", steps, 0.008 * batch_size + 0.02, 0.3, on_update=on_update)

    rng = c.seeded_rng(checkpoint, box_type)
    results = []
    n_boxes = 0
    for image in images:
        boxes = [b for b in fake_boxes(rng, box_type, rng.randint(3, 18)) if b["confidence"] >= min_confidence]
        if not include_confidence:
            for box in boxes:
                del box["confidence"]
        n_boxes += len(boxes)
        results.append({"image": image, "boxes": boxes})

    out_dir = c.job_dir(cfg, exp_name) / "predictions"
    if output_format == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(["filename", "polygons"] + (["confidences"] if include_confidence else []))
        for item in results:
            polygons = "|".join(" ".join("%g %g" % tuple(p) for p in b["points"]) for b in item["boxes"])
            row = [item["image"], polygons]
            if include_confidence:
                row.append(" ".join("%g" % b["confidence"] for b in item["boxes"]))
            writer.writerow(row)
        path = out_dir / "predictions.csv"
        c.write_text(path, buffer.getvalue())
    else:
        document = {"checkpoint": str(checkpoint), **c.component_summary(cfg),
                    "box_type": box_type, "images": results}
        text = json.dumps(document, separators=(",", ":")) if minified else json.dumps(document, indent=2)
        path = out_dir / "predictions.json"
        c.write_text(path, text + "\n")
    print("Found %d text boxes in %d images (confidence >= %s)" % (n_boxes, len(images), repr(min_confidence)))
    print("Wrote %s" % path)
    return 0


if __name__ == "__main__":
    sys.exit(c.main("predict", run))
