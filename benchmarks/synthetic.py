"""Synthetic content for benchmarks: N case studies with proportional practices and
metrics, on top of the real clusters and frameworks."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CLUSTERS = [
    "worker-voice",
    "job-security",
    "pay-equity",
    "scheduling-and-leave",
    "benefits",
    "working-conditions",
    "advancement",
]
SECTORS = ["Health care", "Retail", "Food service", "Manufacturing", "Logistics", "Public sector"]
WORDS = [
    "worker",
    "schedule",
    "pay",
    "team",
    "shift",
    "training",
    "manager",
    "safety",
    "leave",
    "benefit",
    "wage",
    "review",
    "plan",
    "survey",
    "hours",
    "notice",
    "coach",
    "crew",
    "store",
    "clinic",
    "route",
    "line",
    "county",
    "board",
]


def _sentence(rng: random.Random, n: int = 14) -> str:
    words = [rng.choice(WORDS) for _ in range(n)]
    return " ".join(words).capitalize() + "."


def _para(rng: random.Random, sentences: int) -> str:
    return " ".join(_sentence(rng) for _ in range(sentences))


def make_project(target: Path, n_cases: int, seed: int = 7) -> Path:
    """Write a project with ``n_cases`` case studies, n/4 practices and n/10 metrics."""
    rng = random.Random(seed)
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    for name in (
        "mkdocs.yml",
        "mkdocs.employers.yml",
        "mkdocs.jobseekers.yml",
        "mkdocs.agencies.yml",
    ):
        shutil.copy(REPO / name, target / name)
    shutil.copytree(REPO / "docs", target / "docs")
    shutil.copytree(REPO / "content/clusters", target / "content/clusters")
    shutil.copytree(REPO / "content/frameworks", target / "content/frameworks")
    for folder in ("practices", "metrics", "checklists", "pages"):
        (target / "content" / folder).mkdir(parents=True)
    (target / "case_studies").mkdir()
    n_practices = max(8, n_cases // 4)
    n_metrics = max(7, n_cases // 10)
    metrics = [f"metric-{i:05d}" for i in range(n_metrics)]
    practices = [f"practice-{i:05d}" for i in range(n_practices)]
    cases = [f"case-{i:05d}" for i in range(n_cases)]
    for i, mid in enumerate(metrics):
        (target / "content/metrics" / f"{mid}.yml").write_text(
            f"id: {mid}\ntitle: Metric {i}\naudiences: [agencies]\nstatus: published\n"
            f"cluster: {CLUSTERS[i % 7]}\ndefinition: {_sentence(rng)}\nunit: percent\n"
            f"reported_by: [worker]\ndata_sources: [A worker survey]\nfrequency: Yearly\n"
            f"limitations: {_sentence(rng)}\nwioa: {_sentence(rng)}\n"
        )
    for i, pid in enumerate(practices):
        steps = "".join(f"  - {_sentence(rng)}\n" for _ in range(4))
        linked = [cases[(i * 4 + k) % n_cases] for k in range(3)]
        (target / "content/practices" / f"{pid}.yml").write_text(
            f"id: {pid}\ntitle: Practice {i}\naudiences: [employers, agencies]\nstatus: published\n"
            f"clusters: [{CLUSTERS[i % 7]}]\nsummary: {_sentence(rng)}\nsteps:\n{steps}"
            f"effort: low\ncost: low\nemployer_size: [small, medium]\nfirst_step: {str(i % 5 == 0).lower()}\n"
            f"evidence: {_para(rng, 3)}\nmetrics: [{metrics[i % n_metrics]}]\n"
            f"case_studies: [{', '.join(linked)}]\n"
        )
    for i, cid in enumerate(cases):
        audiences = "[agencies]" if i % 3 == 0 else "[employers, agencies]"
        actions = "".join(f"  - {_sentence(rng)}\n" for _ in range(3))
        (target / "case_studies" / f"{cid}.yml").write_text(
            f"id: {cid}\ntitle: Case study {i}\naudiences: {audiences}\nstatus: published\n"
            f"organization: Organisation {i} (illustrative)\nsector: {rng.choice(SECTORS)}\n"
            f"size: {rng.choice(['small', 'medium', 'large'])}\nregion: Region {i % 50}\n"
            f"clusters: [{CLUSTERS[i % 7]}, {CLUSTERS[(i + 3) % 7]}]\nsummary: {_sentence(rng)}\n"
            f"challenge: {_para(rng, 4)}\nactions:\n{actions}"
            f"results:\n  - description: {_sentence(rng)}\n    metric: {metrics[i % n_metrics]}\n"
            f"    before: {rng.randint(10, 40)}\n    after: {rng.randint(5, 30)}\n    unit: percent\n"
            f"practices: [{practices[(i // 4) % n_practices]}]\nillustrative: true\n"
        )
    # The real checklists and pages (they link real practices), when present, would not
    # resolve here; keep one small checklist per audience so the checklist pages exist.
    (target / "content/checklists/offer.yml").write_text(
        "id: offer\ntitle: Is this a good job?\naudiences: [jobseekers]\nstatus: published\n"
        "kind: offer-evaluation\nversion: 1\nintro: Answer for one offer.\nscale:\n"
        "  - {value: 'yes', label: 'Yes', points: 1}\n  - {value: 'no', label: 'No', points: 0, concern: true}\n"
        "  - {value: not-sure, label: Not sure}\nsections:\n"
        + "".join(
            f"  - cluster: {c}\n    items:\n"
            + "".join(
                f"      - id: {c}-{k}\n        question: {_sentence(rng, 8)}\n        help: {_sentence(rng, 8)}\n"
                for k in range(4)
            )
            for c in CLUSTERS
        )
    )
    return target
