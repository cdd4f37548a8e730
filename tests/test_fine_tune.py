"""The fine-tuning notebook in snippets/fine_tune.py: its data, batching, training loop and layout."""

import csv
import importlib.util
import io
import os
import platform
import re
import subprocess
import sys
from collections import Counter
from datetime import datetime, timezone
from pathlib import Path

import jupytext
import pytest
import torch
import transformers
from tokenizers import Tokenizer, decoders, models, normalizers, pre_tokenizers, processors, trainers
from transformers import BertConfig, BertModel, PreTrainedTokenizerFast

import fine_tune

SNIPPET = Path(fine_tune.__file__)
SECTIONS = ["imports", "dataset", "collate", "load-model", "train", "evaluate", "run"]
SPECIAL_TOKENS = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]
HEADER = "text,label,split\n"


@pytest.fixture(scope="module")
def tiny_checkpoint(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Save a randomly initialised two-layer BERT and a WordPiece tokenizer trained on the reviews."""
    folder = tmp_path_factory.mktemp("tiny-bert")
    train, test = fine_tune.load_examples()

    wordpiece = Tokenizer(models.WordPiece(unk_token="[UNK]"))
    wordpiece.normalizer = normalizers.BertNormalizer(lowercase=True)
    wordpiece.pre_tokenizer = pre_tokenizers.BertPreTokenizer()
    wordpiece.decoder = decoders.WordPiece()
    trainer = trainers.WordPieceTrainer(vocab_size=1000, special_tokens=SPECIAL_TOKENS)
    wordpiece.train_from_iterator([example.text for example in train + test], trainer)
    cls_id, sep_id = wordpiece.token_to_id("[CLS]"), wordpiece.token_to_id("[SEP]")
    wordpiece.post_processor = processors.TemplateProcessing(
        single="[CLS] $A [SEP]",
        pair="[CLS] $A [SEP] $B:1 [SEP]:1",
        special_tokens=[("[CLS]", cls_id), ("[SEP]", sep_id)],
    )
    PreTrainedTokenizerFast(
        tokenizer_object=wordpiece,
        pad_token="[PAD]",
        unk_token="[UNK]",
        cls_token="[CLS]",
        sep_token="[SEP]",
        mask_token="[MASK]",
        model_max_length=128,
    ).save_pretrained(folder)

    # A bare encoder without a classification head, like the real checkpoints.
    config = BertConfig(
        vocab_size=wordpiece.get_vocab_size(),
        hidden_size=32,
        num_hidden_layers=2,
        num_attention_heads=2,
        intermediate_size=64,
        max_position_embeddings=128,
        pad_token_id=wordpiece.token_to_id("[PAD]"),
    )
    torch.manual_seed(0)
    BertModel(config).save_pretrained(folder)
    return folder


@pytest.fixture(scope="module")
def minilm_tokenizer() -> transformers.PreTrainedTokenizerBase:
    """Load the tokenizer of the bundled all-MiniLM-L6-v2 checkpoint."""
    return transformers.AutoTokenizer.from_pretrained(fine_tune.bundled_checkpoint())


# --- The data file ---


def test_reviews_balanced_80_20_split() -> None:
    train, test = fine_tune.load_examples()

    assert len(train) + len(test) >= 160
    assert 0.15 <= len(test) / (len(train) + len(test)) <= 0.25
    for split in (train, test):
        counts = Counter(example.label for example in split)
        assert set(counts) == {0, 1}
        assert counts[0] == counts[1], f"unbalanced split: {counts}"


def test_reviews_unique_with_valid_labels() -> None:
    with fine_tune.default_data_path().open(newline="", encoding="utf-8") as file:
        rows = list(csv.DictReader(file))

    assert list(rows[0]) == ["text", "label", "split"]
    assert {row["label"] for row in rows} == {"positive", "negative"}
    assert {row["split"] for row in rows} == {"train", "test"}
    assert all(row["text"] for row in rows), "empty sentence"
    assert all(row["text"] == row["text"].strip() for row in rows), "sentence with surrounding whitespace"
    normalised = Counter(" ".join(row["text"].lower().split()) for row in rows)
    assert [text for text, count in normalised.items() if count > 1] == []


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (HEADER + "Fine.,positive,train\nMeh.,neutral,test\n", r"reviews\.csv:3: invalid label 'neutral'"),
        (HEADER + "Fine.,positive,train\nMeh.,negative,dev\n", r"reviews\.csv:3: invalid label .* or split 'dev'"),
        ("text,label\nFine.,positive\n", r"missing columns \['split'\]"),
        (HEADER + "Fine.,positive,train\n", "needs at least one row"),
    ],
)
def test_load_examples_rejects_malformed_files(content: str, message: str, tmp_path: Path) -> None:
    path = tmp_path / "reviews.csv"
    path.write_text(content, encoding="utf-8")

    with pytest.raises(ValueError, match=message):
        fine_tune.load_examples(path)


@pytest.mark.parametrize("working_directory", [".", "docs"])
def test_notebook_data_path_searches_upwards(
    working_directory: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # A notebook kernel has no __file__ and runs from the project root or the notebook's folder.
    project = tmp_path / "project"
    data_file = project / "snippets" / "data" / "reviews.csv"
    data_file.parent.mkdir(parents=True)
    data_file.write_text(HEADER, encoding="utf-8")
    (project / working_directory).mkdir(exist_ok=True)
    monkeypatch.delattr(fine_tune, "__file__")
    monkeypatch.chdir(project / working_directory)

    assert fine_tune.default_data_path() == data_file


def test_notebook_data_path_when_missing(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delattr(fine_tune, "__file__")
    monkeypatch.chdir(tmp_path)

    assert fine_tune.default_data_path() == tmp_path / "snippets" / "data" / "reviews.csv"


# --- Batching ---


def test_collate_pads_and_masks() -> None:
    batch = [
        {"input_ids": [101, 7, 8, 102], "label": 1},
        {"input_ids": [101, 102], "label": 0},
        {"input_ids": [101, 9, 102], "label": 1},
    ]

    tensors = fine_tune.collate(batch, pad_token_id=0)

    assert tensors["input_ids"].tolist() == [[101, 7, 8, 102], [101, 102, 0, 0], [101, 9, 102, 0]]
    assert tensors["attention_mask"].tolist() == [[1, 1, 1, 1], [1, 1, 0, 0], [1, 1, 1, 0]]
    assert tensors["labels"].tolist() == [1, 0, 1]
    assert {tensor.dtype for tensor in tensors.values()} == {torch.long}


def test_loader_pads_per_batch(minilm_tokenizer: transformers.PreTrainedTokenizerBase) -> None:
    examples = [
        fine_tune.Example("Great.", 1),
        fine_tune.Example("Awful service and cold food.", 0),
        fine_tune.Example("Fine.", 1),
        fine_tune.Example("Bad.", 0),
    ]
    lengths = [len(minilm_tokenizer(example.text)["input_ids"]) for example in examples]

    first, second = fine_tune.make_loader(examples, minilm_tokenizer, batch_size=2, max_length=64)

    assert first["input_ids"].shape == (2, max(lengths[:2]))
    assert second["input_ids"].shape == (2, max(lengths[2:]))
    assert first["attention_mask"].sum(dim=1).tolist() == lengths[:2]
    short_row = first["input_ids"][0]
    assert short_row[lengths[0]:].eq(minilm_tokenizer.pad_token_id).all()
    assert first["attention_mask"][0, lengths[0]:].eq(0).all()


def test_loader_truncates_to_max_length(minilm_tokenizer: transformers.PreTrainedTokenizerBase) -> None:
    long_review = fine_tune.Example("The plot drags on and on " * 20, 0)

    (batch,) = fine_tune.make_loader([long_review], minilm_tokenizer, batch_size=1, max_length=16)

    assert batch["input_ids"].shape == (1, 16)
    assert batch["input_ids"][0, -1].item() == minilm_tokenizer.sep_token_id


# --- Training on a tiny random BERT ---


def test_tiny_bert_loss_falls(tiny_checkpoint: Path) -> None:
    fine_tune.set_seed(0)
    with fine_tune.quiet_transformers():
        tokenizer, model = fine_tune.load_model(str(tiny_checkpoint), num_labels=2)
    train, test = fine_tune.load_examples()
    loader = fine_tune.make_loader(train, tokenizer, batch_size=16, max_length=64, shuffle=True)
    # At 1e-3 a randomly initialised encoder barely moves within a few epochs, so use a higher rate.
    optimizer = torch.optim.AdamW(model.parameters(), lr=3e-3)
    device = torch.device("cpu")

    losses = fine_tune.train(model, loader, optimizer, epochs=6, device=device)
    accuracy = fine_tune.evaluate(model, fine_tune.make_loader(test, tokenizer, 16, 64), device)

    assert model.config.num_labels == 2
    assert len(losses) == 6
    assert losses[-1] < 0.8 * losses[0], f"loss per epoch did not fall: {losses}"
    assert 0.0 <= accuracy <= 1.0
    assert not model.training, "evaluate() should leave the model in eval mode"


def test_main_repeats_with_same_seed(tiny_checkpoint: Path, capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["--model", str(tiny_checkpoint), "--epochs", "2", "--batch-size", "32", "--seed", "3"]

    first = fine_tune.main(argv)
    second = fine_tune.main(argv)

    assert first.model_name == str(tiny_checkpoint)
    assert len(first.epoch_losses) == 2
    assert first.epoch_losses == second.epoch_losses
    assert (first.accuracy_before, first.accuracy_after) == (second.accuracy_before, second.accuracy_after)
    output = capsys.readouterr().out
    assert "Epoch 2: mean loss" in output
    assert "Held-out accuracy after training:" in output


class TerminalStream(io.StringIO):
    """A text stream that claims to be a terminal, as stderr is when the script runs in a shell."""

    def isatty(self) -> bool:
        return True


def test_main_draws_progress_on_terminal(tiny_checkpoint: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    terminal = TerminalStream()
    monkeypatch.setattr(sys, "stderr", terminal)

    fine_tune.main(["--model", str(tiny_checkpoint), "--epochs", "2", "--batch-size", "32"])

    bars = terminal.getvalue()
    assert "Epoch 1/2" in bars
    assert "Epoch 2/2" in bars
    assert "Evaluating" in bars
    assert "mean_loss=" in bars


def test_main_no_progress_when_piped(tiny_checkpoint: Path, capsys: pytest.CaptureFixture[str]) -> None:
    fine_tune.main(["--model", str(tiny_checkpoint), "--epochs", "1", "--batch-size", "32"])

    assert capsys.readouterr().err == ""


def test_summary_ends_with_versions() -> None:
    result = fine_tune.RunResult(
        model_name="bert-base-uncased",
        device="cuda:0",
        epoch_losses=[0.69314, 0.5],
        accuracy_before=0.5,
        accuracy_after=0.925,
        seconds=24.26,
        started_at=datetime(2026, 3, 7, 23, 59, tzinfo=timezone.utc),
        python_version="3.11.9",
        torch_version="2.13.0+cpu",
        transformers_version="5.25.0",
        hardware="GPU (NVIDIA L4)",
    )

    assert fine_tune.format_summary(result).splitlines() == [
        "Epoch 1: mean loss 0.6931",
        "Epoch 2: mean loss 0.5000",
        "Held-out accuracy before training: 50.0%",
        "Held-out accuracy after training: 92.5%",
        "Time taken: 24.3 s",
        "Ran on 7 March 2026 with Python 3.11.9, torch 2.13.0+cpu, transformers 5.25.0, on GPU (NVIDIA L4), "
        "model bert-base-uncased",
    ]


def test_run_records_environment(tiny_checkpoint: Path) -> None:
    before = datetime.now(timezone.utc)

    result = fine_tune.run(str(tiny_checkpoint), epochs=1, batch_size=32)

    assert before <= result.started_at <= datetime.now(timezone.utc)
    assert result.python_version == platform.python_version()
    assert result.torch_version == torch.__version__
    assert result.transformers_version == transformers.__version__
    assert result.hardware == "CPU"


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("example-org/no-such-model", r"^model 'example-org/no-such-model' not found: .* HF_HUB_OFFLINE=1 forbids"),
        ("./no-such-folder", r"^model folder './no-such-folder' not found;"),
    ],
)
def test_missing_model_explained(name: str, message: str) -> None:
    with pytest.raises(fine_tune.ModelNotFoundError, match=message) as raised:
        fine_tune.load_model(name)

    assert "point --model (or FIELD_GUIDE_MODEL) at a local checkpoint folder" in str(raised.value)
    assert "\n" not in str(raised.value)


def test_folder_without_config_rejected(tmp_path: Path) -> None:
    with pytest.raises(fine_tune.ModelNotFoundError, match=r"has no config\.json, so it is not a checkpoint"):
        fine_tune.load_model(str(tmp_path))


def test_script_missing_model_one_line() -> None:
    result = subprocess.run(
        [sys.executable, str(SNIPPET), "--model", "example-org/no-such-model", "--epochs", "1"],
        env={**os.environ, "HF_HUB_OFFLINE": "1"},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )

    assert result.returncode == 1
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("fine_tune.py: error: model 'example-org/no-such-model' not found:")
    assert "--model" in lines[0]


def test_model_override_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FIELD_GUIDE_MODEL", "bert-base-uncased")
    assert fine_tune.default_checkpoint() == "bert-base-uncased"

    monkeypatch.delenv("FIELD_GUIDE_MODEL")
    assert Path(fine_tune.default_checkpoint()) == fine_tune.bundled_checkpoint()
    assert (fine_tune.bundled_checkpoint() / "config.json").is_file()


# --- The pretrained checkpoint ---


@pytest.mark.slow
def test_minilm_held_out_accuracy(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("FIELD_GUIDE_MODEL", raising=False)

    result = fine_tune.run()

    scores = (
        f"accuracy before {result.accuracy_before:.3f}, after {result.accuracy_after:.3f}, "
        f"losses {[round(loss, 4) for loss in result.epoch_losses]}, {result.seconds:.1f} s"
    )
    print(scores)
    assert 0.0 <= result.accuracy_before <= 1.0, scores
    assert result.accuracy_after >= 0.80, scores


# --- The file as a module and as a notebook ---


def test_import_has_no_side_effects(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def reject_load(*args: object, **kwargs: object) -> None:
        raise AssertionError("importing the snippet must not load a model or tokenizer")

    monkeypatch.setattr(transformers.AutoModelForSequenceClassification, "from_pretrained", reject_load)
    monkeypatch.setattr(transformers.AutoTokenizer, "from_pretrained", reject_load)
    spec = importlib.util.spec_from_file_location("fine_tune_fresh_import", SNIPPET)
    module = importlib.util.module_from_spec(spec)
    # Dataclasses look their module up in sys.modules while the class is being created.
    monkeypatch.setitem(sys.modules, spec.name, module)

    spec.loader.exec_module(module)

    assert callable(module.run)
    assert capsys.readouterr() == ("", "")


def test_sections_ordered_and_cover_code() -> None:
    marker = re.compile(r"# --8<-- \[(start|end):([\w-]+)\]")
    markers: list[tuple[str, str]] = []
    open_section = None
    uncovered: list[str] = []
    for line in SNIPPET.read_text(encoding="utf-8").splitlines():
        found = marker.fullmatch(line)
        if found:
            markers.append((found[1], found[2]))
            open_section = found[2] if found[1] == "start" else None
        elif open_section is None and line.strip() and not line.startswith("#"):
            uncovered.append(line)

    assert markers == [(kind, name) for name in SECTIONS for kind in ("start", "end")]
    assert uncovered == [], "code outside every named section"


def test_notebook_title_and_cells() -> None:
    notebook = jupytext.read(SNIPPET)
    code_cells = [cell.source for cell in notebook.cells if cell.cell_type == "code"]
    first = notebook.cells[0]

    assert first.cell_type == "markdown"
    assert first.source.startswith("# Fine-tuning walkthrough\n")
    assert any("[Download this notebook](fine-tuning.ipynb)" in cell.source for cell in notebook.cells)
    for name in SECTIONS:
        holders = [source for source in code_cells if f"[start:{name}]" in source]
        assert len(holders) == 1, f"section {name} starts in {len(holders)} code cells"
        assert f"[end:{name}]" in holders[0], f"section {name} does not end in the cell where it starts"
    assert "[start:run]" in code_cells[-1], "the last code cell should run the example"
