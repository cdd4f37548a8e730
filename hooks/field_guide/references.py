"""Works that the site cites (`data/references.yml`)."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationInfo, field_validator

from field_guide.fields import ReferenceKey, Text, Url

WorkType = Literal["conference-paper", "journal-article", "preprint", "report", "model-card"]

ArxivId = Annotated[str, StringConstraints(strict=True, pattern=r"^\d{4}\.\d{4,5}$")]
Doi = Annotated[str, StringConstraints(strict=True, pattern=r"^10\.\d{4,9}/\S+$")]

_REQUIRED_FIELDS = {
    ("conference-paper", "venue"): "the proceedings or conference name",
    ("journal-article", "venue"): "the journal name",
    ("report", "institution"): "the organization that published it",
}


class Reference(BaseModel):
    """A paper, report or model card, with what a reader needs to find it."""

    # strict: a YAML 1 or "yes" is no bool, and "2026-06-03" in quotes is text, not a date.
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True, use_attribute_docstrings=True)

    key: ReferenceKey
    type: WorkType
    title: Text
    authors: list[Text] = Field(min_length=1)
    corporate_author: bool = False
    """True when the authors are organizations, such as Meta AI, whose names have no given and family parts."""
    year: int = Field(strict=True, ge=1900, le=2100)
    venue: Text | None = Field(default=None, validate_default=True)
    pages: Text | None = None
    institution: Text | None = Field(default=None, validate_default=True)
    arxiv: ArxivId | None = None
    doi: Doi | None = None
    url: Url | None = None
    note: Text | None = None

    @field_validator("venue", "institution")
    @classmethod
    def _required_by_type(cls, value: str | None, info: ValidationInfo) -> str | None:
        # BibTeX styles cannot format these entry types without the field.
        work_type = info.data.get("type")
        if value is None and (work_type, info.field_name) in _REQUIRED_FIELDS:
            raise ValueError(f"a {work_type} needs '{info.field_name}' ({_REQUIRED_FIELDS[work_type, info.field_name]}); add it")
        return value

    @property
    def arxiv_url(self) -> str | None:
        """Abstract page of the arXiv preprint, if there is one."""
        return f"https://arxiv.org/abs/{self.arxiv}" if self.arxiv else None

    @property
    def doi_url(self) -> str | None:
        """Resolver link of the DOI, if there is one."""
        return f"https://doi.org/{self.doi}" if self.doi else None
