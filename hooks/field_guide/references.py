"""Works that the site cites (`data/references.yml`)."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from field_guide.fields import ReferenceKey, Text, Url

WorkType = Literal["conference-paper", "journal-article", "preprint", "report", "model-card"]

ArxivId = Annotated[str, StringConstraints(strict=True, pattern=r"^\d{4}\.\d{4,5}$")]
Doi = Annotated[str, StringConstraints(strict=True, pattern=r"^10\.\d{4,9}/\S+$")]


class Reference(BaseModel):
    """A paper, report or model card, with what a reader needs to find it."""

    # strict: a YAML 1 or "yes" is no bool, and "2026-06-03" in quotes is text, not a date.
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True, use_attribute_docstrings=True)

    key: ReferenceKey
    type: WorkType
    title: Text
    authors: list[Text] = Field(min_length=1)
    year: int = Field(strict=True, ge=1900, le=2100)
    venue: Text | None = None
    pages: Text | None = None
    institution: Text | None = None
    arxiv: ArxivId | None = None
    doi: Doi | None = None
    url: Url | None = None
    note: Text | None = None

    @property
    def arxiv_url(self) -> str | None:
        """Abstract page of the arXiv preprint, if there is one."""
        return f"https://arxiv.org/abs/{self.arxiv}" if self.arxiv else None

    @property
    def doi_url(self) -> str | None:
        """Resolver link of the DOI, if there is one."""
        return f"https://doi.org/{self.doi}" if self.doi else None
