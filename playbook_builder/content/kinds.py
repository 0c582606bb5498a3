"""Every kind of content file, in one list: the models of ``models.py`` and the place
kinds of ``place.py`` (which build on them)."""

from __future__ import annotations

from playbook_builder.content.benchmarks import Benchmark
from playbook_builder.content.models import (
    CaseStudy,
    Checklist,
    Cluster,
    ContentItem,
    Framework,
    Metric,
    Page,
    Practice,
)
from playbook_builder.content.place import Jurisdiction, Locality

KINDS: tuple[type[ContentItem], ...] = (
    Cluster,
    Framework,
    Practice,
    CaseStudy,
    Checklist,
    Metric,
    Benchmark,
    Page,
    Jurisdiction,
    Locality,
)


def kind_for_folder(rel_path: str) -> type[ContentItem] | None:
    for model in KINDS:
        if rel_path.startswith(model.FOLDER + "/"):
            return model
    return None
