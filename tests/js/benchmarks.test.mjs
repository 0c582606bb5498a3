// Benchmarks and progress in Node: the same results as Python (fixtures/scores.json is
// written by tests/test_js.py from playbook_builder.checklists.benchmarks and .progress).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";

import { readDocument, readPeers, readSaved } from "../../playbook_builder/assets/checklist/answers.js";
import { benchmarkFindings, industryGroup, sizeGroup } from "../../playbook_builder/assets/checklist/benchmarks.js";
import { itemIdsOf } from "../../playbook_builder/assets/checklist/answers.js";
import { progress } from "../../playbook_builder/assets/checklist/progress.js";

const fixtures = JSON.parse(readFileSync(new URL("fixtures/scores.json", import.meta.url), "utf8"));
const def = fixtures.definitions["employer-self-assessment"];

test("findings equal Python's for generated answers, sizes and industries", () => {
  assert.ok(fixtures.benchmarked.length >= 40);
  for (const entry of fixtures.benchmarked) {
    assert.deepEqual(benchmarkFindings(def, entry.answers, entry.workers, entry.industry), entry.findings);
  }
  const statuses = new Set(fixtures.benchmarked.flatMap((e) => e.findings.flatMap((s) => s.rows.map((r) => r.status))));
  for (const status of ["behind", "ahead", "level", "unanswered", "context"]) assert.ok(statuses.has(status), status);
});

test("progress equals Python's for generated pairs of assessments", () => {
  for (const entry of fixtures.progressed) {
    assert.deepEqual(progress(def, entry.earlier, entry.now), entry.result);
  }
});

test("a size picks the narrowest group with a figure; an industry its first group with one", () => {
  const sizes = def.benchmarks.sizes;
  const meps = def.benchmarks.benchmarks["meps-workplaces-offering-health"].values;
  assert.equal(sizeGroup(sizes, meps, 5), "firm-1-9");
  assert.equal(sizeGroup(sizes, meps, 30), "firm-1-49"); // 1-49 is narrower than 25-99
  assert.equal(sizeGroup(sizes, meps, 60), "firm-25-99");
  assert.equal(sizeGroup(sizes, meps, 5000), "firm-1000-plus");
  assert.equal(sizeGroup(sizes, meps, null), null);
  const ncs = def.benchmarks.benchmarks["ncs-retirement-access"].values;
  assert.equal(sizeGroup(sizes, ncs, 30), "size-1-99");
  assert.equal(sizeGroup(sizes, ncs, 750), "size-500-plus");
  const industries = def.benchmarks.industries;
  assert.equal(industryGroup(industries, meps, "retail"), "meps-retail");
  assert.equal(industryGroup(industries, ncs, "retail"), null); // NCS release text: no industries here
  assert.equal(industryGroup(industries, meps, "leisure-hospitality"), null);
  assert.equal(industryGroup(industries, meps, "no-such-industry"), null);
});

test("the employer's size and industry are read back, and bad values left out and counted", () => {
  const counts = { details: 0 };
  assert.deepEqual(readPeers({ workers: 30, industry: "retail" }, def, counts), { workers: 30, industry: "retail" });
  assert.deepEqual(readPeers({ workers: 0, industry: "mining" }, def, counts), { workers: null, industry: null });
  assert.deepEqual(readPeers({ workers: 2.5 }, def, counts), { workers: null, industry: null });
  assert.deepEqual(readPeers("thirty", def, counts), { workers: null, industry: null });
  assert.equal(counts.details, 4);
  const doc = { format: 2, checklist: def.checklist, version: def.version, answers: {}, peers: { workers: 12, industry: "construction" }, saved: "2026-03-01T10:00:00.000Z" };
  const result = readDocument(doc, def, itemIdsOf(def));
  assert.deepEqual(result.peers, { workers: 12, industry: "construction" });
  assert.equal(result.saved, "2026-03-01");
});

test("only a real day is read as the day a file was saved", () => {
  assert.equal(readSaved("2026-11-25T14:03:11.512Z"), "2026-11-25");
  assert.equal(readSaved("2026-11-25"), "2026-11-25");
  assert.equal(readSaved("2026-02-30T00:00:00Z"), null);
  assert.equal(readSaved("yesterday"), null);
  assert.equal(readSaved(20261125), null);
});
