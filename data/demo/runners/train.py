#!/usr/bin/env python3
"""Trains a text detector (a simulation: no model is trained).

Usage: python3 runners/train.py [OVERRIDE]...   (run from the project root)

Composes configs/train.yaml with the overrides, prints the resolved config,
then tqdm-style progress lines with the batch loss and one line per epoch
with its loss, val_hmean and learning rate, and writes
checkpoints to outputs/<exp_name>/checkpoints/epoch=NN-step=MMMM.ckpt (the
epoch is counted from 0, the step is the global step at the end of that
epoch); with --multirun, job N of the sweep writes them to
outputs/<exp_name>/N/checkpoints/. Set CMDBUILDER_DEMO_FAST=1 to skip the
pauses between epochs.
"""

import json
import math
import sys
import time

sys.dont_write_bytecode = True  # keep the project folder free of __pycache__

import _common as c  # noqa: E402

SCHEDULERS = ["cosine", "poly", "multistep", "constant"]
PRECISIONS = ["32", "16-mixed", "bf16-mixed", "32-true", "16-true", "bf16-true", "64"]

# How well each architecture and backbone does on receipts, for the fake metrics.
BASE_HMEAN = {"dbnet": 0.84, "psenet": 0.86, "east": 0.80}
BACKBONE_GAIN = {
    "resnet18": 0.0, "resnet34": 0.01, "resnet50": 0.025, "mobilenetv3_large_100": -0.02,
    "efficientnet_b3": 0.02, "convnext_tiny": 0.03, "vgg16_bn": 0.005,
}
BEST_LR = {"adam": 1e-3, "adamw": 5e-4, "sgd": 1e-2}


def learning_rate(base, epoch, max_epochs, name, warmup, milestones, min_lr):
    if name in ("cosine", "poly") and epoch < warmup:
        return base * (epoch + 1) / (warmup + 1)
    if name == "cosine":
        span = max(1, max_epochs - warmup)
        return min_lr + (base - min_lr) * 0.5 * (1 + math.cos(math.pi * (epoch - warmup) / span))
    if name == "poly":
        return max(min_lr, base * (1 - epoch / max_epochs) ** 0.9)
    if name == "multistep":
        return base * 0.1 ** sum(1 for m in milestones if epoch >= m)
    return base


def training_step(batch_idx, batch_size, image_size):
    raise RuntimeError(
        "CUDA out of memory. Tried to allocate %.2f GiB (GPU 0; 7.79 GiB total capacity; "
        "6.12 GiB already allocated) while processing batch %d of size %d at %dx%d "
        "[simulated failure: trainer.simulate_failure=true]"
        % (batch_size * image_size * image_size * 4 * 96 / 2 ** 30, batch_idx, batch_size,
           image_size, image_size))


def run(cfg, groups, overrides):
    exp_name = c.experiment_name(cfg)
    seed = c.get_int(cfg, "seed", minimum=0)
    max_epochs = c.get_int(cfg, "trainer.max_epochs", minimum=1)
    batch_size = c.get_int(cfg, "data.loader.train.batch_size", minimum=1)
    val_batch_size = c.get_int(cfg, "data.loader.val.batch_size", minimum=1)
    image_size = c.get_int(cfg, "data.image_size", minimum=32)
    limit = c.get_int(cfg, "data.train_num_samples", minimum=1, allow_null=True)
    every = c.get_int(cfg, "checkpoint.every_n_epochs", minimum=1)
    val_every = c.get_int(cfg, "trainer.check_val_every_n_epoch", minimum=1)
    lr = c.get_float(cfg, "model.optimizer.lr", minimum=1e-12)
    weight_decay = c.get_float(cfg, "model.optimizer.weight_decay", minimum=0)
    clip = c.get_float(cfg, "trainer.gradient_clip_val", minimum=0)
    precision = c.get_str(cfg, "trainer.precision", choices=PRECISIONS)
    scheduler = c.get_str(cfg, "scheduler.name", choices=SCHEDULERS)
    warmup = c.get_int(cfg, "scheduler.warmup_epochs", minimum=0)
    min_lr = c.get_float(cfg, "scheduler.min_lr", minimum=0)
    milestones = c.lookup(cfg, "scheduler.milestones") or []
    if not isinstance(milestones, list) or not all(
            isinstance(m, int) and not isinstance(m, bool) and m > 0 for m in milestones):
        raise c.UsageError("scheduler.milestones must be a list of positive epochs, got %s"
                           % c._format_scalar(milestones))
    augmentations = c.lookup(cfg, "transforms.train.augmentations") or []
    if not isinstance(augmentations, list):
        raise c.UsageError("transforms.train.augmentations must be a list, got %s"
                           % c._format_scalar(augmentations))
    pretrained = c.get_bool(cfg, "model.encoder.pretrained")
    freeze_epochs = c.get_int(cfg, "model.encoder.freeze_epochs", minimum=0)
    simulate_failure = c.get_bool(cfg, "trainer.simulate_failure")
    # ~logger removes the logger section: nothing is logged
    use_wandb = c.lookup(cfg, "logger") is not None and c.get_bool(cfg, "logger.wandb.enabled")
    project = c.get_str(cfg, "logger.wandb.project") if use_wandb else None
    entity = c.get_str(cfg, "logger.wandb.entity", required=False) if use_wandb else None
    tags = c.lookup(cfg, "tags") or []
    if not isinstance(tags, list):
        raise c.UsageError("tags must be a list, got %s" % c._format_scalar(tags))
    # Not in train.yaml: ++trainer.deterministic=true adds it
    deterministic = c.lookup(cfg, "trainer.deterministic", False) is True
    c.check_components(cfg)

    start_epoch, global_step, resumed = 0, 0, None
    if c.lookup(cfg, "resume") is not None:
        path = c.existing_file(cfg, "resume", "resume checkpoint")
        resumed = c.read_checkpoint(path)
        if resumed is None or not all(isinstance(resumed.get(k), int) for k in ("epoch", "step")):
            raise c.RunnerError("'%s' is not a checkpoint written by runners/train.py" % path)
        start_epoch, global_step = resumed["epoch"] + 1, resumed["step"]
        # The model comes from the checkpoint, whatever the config says.
        for part in ("encoder", "decoder", "head", "loss"):
            cfg["model"][part]["name"] = resumed.get(part, cfg["model"][part]["name"])
        cfg["model"]["name"] = resumed.get("architecture", cfg["model"]["name"])
    if c.lookup(cfg, "model.init_weights") is not None:
        c.existing_file(cfg, "model.init_weights", "initial weights")

    n_train = c.dataset_size(cfg, "train")
    if limit is not None:
        n_train = min(n_train, limit)
    n_val = c.dataset_size(cfg, "val")
    steps = math.ceil(n_train / batch_size)
    val_steps = math.ceil(n_val / val_batch_size) if n_val else 0

    c.print_header("train", cfg, groups, overrides)
    parts = c.component_summary(cfg)
    optimizer = groups.get("model/optimizer", "custom")
    print("Accelerator: %s, precision %s (demo: the numbers below are simulated)"
          % (c.lookup(cfg, "trainer.accelerator"), precision))
    print("Model: %s (backbone %s%s, decoder %s, head %s, loss %s)" % (
        parts["architecture"], parts["encoder"], ", ImageNet weights" if pretrained else "",
        parts["decoder"], parts["head"], parts["loss"]))
    print("Data: %s, %d training and %d validation images at %d px; augmentations: %s" % (
        c.lookup(cfg, "data.name"), n_train, n_val, image_size, ", ".join(augmentations) or "none"))
    if "preprocessing" in groups:
        print("Preprocessing: %s" % groups["preprocessing"])
    print("Optimizer: %s, lr=%s, weight_decay=%s; scheduler %s; gradient clip %s" % (
        optimizer, repr(lr), repr(weight_decay), scheduler, repr(clip)))
    if use_wandb:
        print("wandb: logging run '%s' to project '%s' of %s (offline: nothing is uploaded)"
              % (exp_name, project, "team '%s'" % entity if entity else "your own account"))
    if tags:
        print("Tags: %s" % ", ".join(c._format_scalar(t) for t in tags))
    if deterministic:
        print("Deterministic algorithms: on")
    if resumed:
        print("Restored model and optimizer state from %s (epoch %d, step %d)"
              % (c.lookup(cfg, "resume"), resumed["epoch"], resumed["step"]))
    print("Steps per epoch: %d (batch size %d)" % (steps, batch_size), flush=True)

    if start_epoch >= max_epochs:
        print("The checkpoint is already at epoch %d: trainer.max_epochs=%d leaves nothing to train."
              % (start_epoch, max_epochs))
        return 0

    rng = c.seeded_rng(seed, parts["architecture"], parts["encoder"], optimizer)
    penalty = min(0.5, abs(math.log10(lr / BEST_LR.get(optimizer, 1e-3))) * 0.12)
    final = (BASE_HMEAN.get(parts["architecture"], 0.8) + BACKBONE_GAIN.get(parts["encoder"], 0)
             - penalty - (0 if pretrained else 0.06) - (0.03 if n_train < 500 else 0)
             + (0.01 if "preprocessing" in groups else 0) + rng.uniform(-0.01, 0.01))
    final = min(0.97, max(0.05, final))
    tau = 3.0 if pretrained else 5.0
    sec_per_it = 0.004 * batch_size * (image_size / 736.0) ** 2 + 0.02

    def loss_at(epochs_done):
        return 0.18 + (1.5 + 2 * penalty) * math.exp(-epochs_done / tau)

    # The bars' batch losses are noisier than the epoch's; their own
    # generator leaves the epoch figures as they were.
    batch_rng = c.seeded_rng(seed, "batches", parts["architecture"], optimizer)
    checkpoint_dir = c.job_dir(cfg, exp_name) / "checkpoints"
    best = None
    started = time.monotonic()
    for epoch in range(start_epoch, max_epochs):
        lr_now = learning_rate(lr, epoch, max_epochs, scheduler, warmup, milestones, min_lr)
        if epoch < freeze_epochs:
            print("Backbone frozen for epoch %d/%d" % (epoch + 1, max_epochs))

        def on_update(n):
            if simulate_failure and n * 2 >= steps:
                training_step(global_step + n, batch_size, image_size)

        def batch_loss(n):
            return "loss=%.4f" % (loss_at(epoch + n / steps) + batch_rng.uniform(-0.03, 0.03))
        c.run_progress("Epoch %d/%d" % (epoch + 1, max_epochs), steps, sec_per_it, 0.32,
                       on_update=on_update, postfix=batch_loss)
        global_step += steps

        progress = 1 - math.exp(-(epoch + 1) / tau)
        loss = loss_at(epoch + 1) + rng.uniform(-0.01, 0.01)
        line = "Epoch %d/%d ... loss=%.4f" % (epoch + 1, max_epochs, loss)
        hmean = None
        if val_steps and (epoch + 1) % val_every == 0:
            c.run_progress("Validating", val_steps, sec_per_it / 3, 0.08, updates=1)
            hmean = min(0.99, max(0.0, final * (0.35 + 0.65 * progress) + rng.uniform(-0.008, 0.008)))
            line += " val_hmean=%.4f" % hmean
        print(line + " lr=%.2e" % lr_now, flush=True)

        if (epoch + 1) % every == 0 or epoch == max_epochs - 1:
            path = checkpoint_dir / ("epoch=%02d-step=%04d.ckpt" % (epoch, global_step))
            state = {
                "format": c.CHECKPOINT_FORMAT, "exp_name": exp_name, "epoch": epoch,
                "step": global_step, **parts, "optimizer": optimizer, "lr": lr_now,
                "image_size": image_size, "preprocessing": groups.get("preprocessing"),
                "train_loss": round(loss, 4),
                "val_hmean": round(hmean, 4) if hmean is not None else None,
                "note": "Written by the Command Builder demo; holds no weights.",
            }
            c.write_text(path, json.dumps(state, indent=2) + "\n")
            print("Saved checkpoint %s" % path, flush=True)
            if hmean is not None and (best is None or hmean > best[0]):
                best = (hmean, path.name)

    epochs = max_epochs - start_epoch
    print("Training finished: %d epoch%s, %d steps in %.1f s." % (
        epochs, "" if epochs == 1 else "s", global_step, time.monotonic() - started))
    if best:
        print("Best val_hmean=%.4f (%s)" % best)
    print("Checkpoints: %s" % checkpoint_dir)
    return 0


if __name__ == "__main__":
    sys.exit(c.main("train", run))
