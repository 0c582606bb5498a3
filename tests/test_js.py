"""The checklist script's pure modules under Node's own test runner (tests/js/).

`node --test tests/js/*.test.mjs` runs them; this test runs it as part of pytest, so the README's
test command covers them. Without node the test is skipped on a workstation and fails
in CI (CI=true), as the browser tests do without chromium.

The expected numbers the Node tests compare with come from Python
(tests/js/fixtures/scores.json, rewritten with UPDATE_GOLDEN=1).
"""

from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
from typing import Any

import pytest

from playbook_builder.checklists.benchmarks import benchmark_findings
from playbook_builder.checklists.progress import progress
from playbook_builder.checklists.scoring import compare_with_companion, score

from .conftest import REPO, check_golden
from .helpers import definition_for, random_answers

NODE = shutil.which("node")
IN_CI = os.environ.get("CI") == "true"


def scoring_fixtures() -> dict[str, Any]:
    rng = random.Random(20261201)
    employer = definition_for("employers", "employer-check")
    pulse = employer["companions"][0]
    offer = definition_for("jobseekers", "offer-check")
    scored = []
    for definition in (employer, pulse, offer):
        for _ in range(20):
            answers = random_answers(rng, definition)
            scored.append(
                {
                    "definition": definition["checklist"],
                    "answers": answers,
                    "score": score(definition, answers),
                }
            )
    compared = []
    for _ in range(30):
        mine = random_answers(rng, employer)
        theirs = [random_answers(rng, pulse) for _ in range(rng.randrange(0, 9))]
        compared.append(
            {
                "employer": mine,
                "workers": theirs,
                "result": compare_with_companion(employer, mine, theirs),
            }
        )
    # Benchmarks and progress on the bundled self-assessment, which has benchmarks.
    bundled = definition_for("employers", "employer-self-assessment", REPO)
    industries = [None, *(c["key"] for c in bundled["benchmarks"]["industries"])]
    benchmarked = []
    for _ in range(40):
        answers = random_answers(rng, bundled)
        workers = rng.choice([None, 1, 9, 10, 30, 49, 50, 99, 100, 499, 500, 999, 1000, 25000])
        industry = rng.choice(industries)
        benchmarked.append(
            {
                "answers": answers,
                "workers": workers,
                "industry": industry,
                "findings": benchmark_findings(bundled, answers, workers, industry),
            }
        )
    progressed = []
    for _ in range(20):
        earlier, now = random_answers(rng, bundled), random_answers(rng, bundled)
        progressed.append(
            {"earlier": earlier, "now": now, "result": progress(bundled, earlier, now)}
        )
    return {
        "definitions": {
            "employer-check": employer,
            "pulse-check": pulse,
            "offer-check": offer,
            "employer-self-assessment": bundled,
        },
        "scored": scored,
        "compared": compared,
        "benchmarked": benchmarked,
        "progressed": progressed,
    }


def test_python_numbers_for_the_node_tests_are_current() -> None:
    text = json.dumps(scoring_fixtures(), indent=1, ensure_ascii=False) + "\n"
    check_golden("../js/fixtures/scores.json", text)


@pytest.mark.skipif(NODE is None and not IN_CI, reason="needs node (apt-get install nodejs)")
def test_node_unit_tests_pass() -> None:
    assert NODE is not None, "node is missing; CI installs Debian's nodejs (.ci/run)"
    # Files by name: Node 18 to 22 read a folder argument differently.
    files = sorted(str(p.relative_to(REPO)) for p in (REPO / "tests/js").glob("*.test.mjs"))
    assert len(files) >= 3
    run = subprocess.run(
        [NODE, "--test", *files],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert run.returncode == 0, f"node --test failed:\n{run.stdout}\n{run.stderr}"
    assert "# fail 0" in run.stdout


def test_every_checklist_module_is_reached_from_an_entry() -> None:
    """The bundle the loader adds is made from the entry modules and what they import:
    a module nothing imports would never run."""
    import re

    from playbook_builder.checklists.jsbundle import ENTRIES

    folder = REPO / "playbook_builder/assets/checklist"
    modules = sorted(
        p.name for p in folder.glob("*.js") if p.name not in ENTRIES and ".test." not in p.name
    )
    imported = {
        name
        for path in folder.glob("*.js")
        for name in re.findall(r'from "\./([\w-]+\.js)"', path.read_text("utf-8"))
    }
    assert imported == set(modules)
    loader = (REPO / "playbook_builder/assets/checklist-loader.js").read_text("utf-8")
    assert 'new URL("checklist.bundle.js", import.meta.url)' in loader
