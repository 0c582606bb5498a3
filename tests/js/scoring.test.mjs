// Scoring and the worker comparison in Node: the same numbers as Python
// (fixtures/scores.json is written by tests/test_js.py from playbook_builder.scoring).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";

import { compareRow, compareWithCompanion, oneDecimal, readWorkerFiles } from "../../playbook_builder/assets/checklist/compare.js";
import { itemIdsOf } from "../../playbook_builder/assets/checklist/answers.js";
import { percent, score } from "../../playbook_builder/assets/checklist/scoring.js";

const fixtures = JSON.parse(readFileSync(new URL("fixtures/scores.json", import.meta.url), "utf8"));
const employer = fixtures.definitions["employer-check"];
const pulse = fixtures.definitions["pulse-check"];

test("scores equal Python's on generated answers", () => {
  assert.ok(fixtures.scored.length >= 60);
  for (const entry of fixtures.scored) {
    assert.deepEqual(score(fixtures.definitions[entry.definition], entry.answers), entry.score);
  }
});

test("the comparison equals Python's on generated answers", () => {
  for (const entry of fixtures.compared) {
    assert.deepEqual(compareWithCompanion(employer, entry.employer, entry.workers), entry.result);
  }
  const rows = fixtures.compared.flatMap((entry) => [...entry.result.sections, entry.result.overall]);
  assert.deepEqual(new Set(rows.map((row) => row.suppressed)), new Set([true, false]));
});

test("rounding is half away from zero, as in Python", () => {
  assert.equal(percent(1, 3), 33.3);
  assert.equal(percent(2, 3), 66.7);
  assert.equal(percent(0, 0), null);
  assert.equal(oneDecimal(-0.04), 0);
  assert.ok(!Object.is(oneDecimal(-0.04), -0));
  assert.equal(oneDecimal(-2.25), -2.3);
  assert.equal(oneDecimal(2.25), 2.3);
});

test("an average is shown only from five responses up", () => {
  assert.deepEqual(compareRow(50, [10, 20, 30, 40], 5), {
    employer: 50,
    workers: null,
    responses: 4,
    suppressed: true,
    gap: null,
  });
  assert.deepEqual(compareRow(50, [10, 20, 30, 40, 50, null], 5), {
    employer: 50,
    workers: 30,
    responses: 5,
    suppressed: false,
    gap: -20,
  });
});

const encode = (doc) => new TextEncoder().encode(JSON.stringify(doc));

function workerFile(name, answers) {
  return { name, bytes: encode({ format: 1, checklist: "pulse-check", version: 1, answers }) };
}

test("a file chosen five times counts once, so the suppression holds", () => {
  const one = workerFile("a.json", { "voice-channel": "agree", "voice-followup": "agree" });
  const copies = [1, 2, 3, 4].map((n) => ({ name: `copy-${n}.json`, bytes: one.bytes.slice() }));
  const outcome = readWorkerFiles([one, ...copies], pulse, itemIdsOf(pulse));
  assert.equal(outcome.files, 5);
  assert.equal(outcome.accepted.length, 1);
  assert.deepEqual(
    outcome.duplicates.map((d) => [d.name, d.sameAs]),
    [1, 2, 3, 4].map((n) => [`copy-${n}.json`, "a.json"])
  );
  const result = compareWithCompanion(employer, {}, outcome.accepted);
  assert.ok(result.sections.every((row) => row.suppressed));
  // Five different files: the average shows.
  const five = ["agree", "somewhat", "strongly", "disagree", "agree"].map((value, n) =>
    workerFile(`w${n}.json`, { "voice-channel": value, note: n })
  );
  const shown = readWorkerFiles(five, pulse, itemIdsOf(pulse));
  assert.equal(shown.duplicates.length, 0);
  const voice = compareWithCompanion(employer, {}, shown.accepted).sections[0];
  assert.equal(voice.responses, 5);
  assert.equal(voice.suppressed, false);
});

test("files that cannot be used are listed with their reason; the rest are read", () => {
  const files = [
    workerFile("good.json", { "voice-channel": "agree" }),
    { name: "deep.json", bytes: new TextEncoder().encode("[".repeat(100000)) },
    { name: "crafted.json", bytes: encode({ format: { toString: null }, checklist: "pulse-check", version: 1, answers: {} }) },
    { name: "utf16.json", bytes: Uint8Array.from([0xff, 0xfe, 0x7b, 0x00, 0x7d, 0x00]) },
    { name: "mine.json", bytes: encode({ format: 1, checklist: "employer-check", version: 2, answers: {} }) },
    { name: "huge.json", bytes: null, error: "too-big", params: { limit: 256 } },
    { name: "gone.json", bytes: null, error: "unreadable" },
  ];
  const outcome = readWorkerFiles(files, pulse, itemIdsOf(pulse));
  assert.equal(outcome.accepted.length, 1);
  assert.deepEqual(
    outcome.rejected.map((file) => [file.name, file.reason]),
    [
      ["deep.json", "nesting"],
      ["crafted.json", "format"],
      ["utf16.json", "encoding"],
      ["mine.json", "checklist"],
      ["huge.json", "too-big"],
      ["gone.json", "unreadable"],
    ]
  );
  assert.equal(outcome.rejected[1].params.found, "{\u2026}");
});
