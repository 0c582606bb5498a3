// The page's saved-answers reader on the shared cases: the same verdicts, for the same
// reasons, as Python's read_answers_file (tests/test_answers_cases.py).
import assert from "node:assert/strict";
import { test } from "node:test";

import {
  cleanName,
  itemIdsOf,
  MAX_DEPTH,
  nestingDepth,
  readBytes,
  ReadError,
  readText,
  shown,
} from "../../playbook_builder/assets/checklist/answers.js";
import { caseBytes, cases, definitions } from "./cases.mjs";

for (const item of cases) {
  test(`shared case: ${item.name}`, () => {
    const def = definitions[item.checklist];
    const expect = item.expect;
    let result;
    try {
      result = readBytes(caseBytes(item), def, itemIdsOf(def));
    } catch (error) {
      assert.ok(error instanceof ReadError, `not a ReadError: ${error}`);
      assert.equal(expect.accept, false, `refused (${error.reason}), expected to be read`);
      assert.equal(error.reason, expect.reason);
      return;
    }
    assert.equal(expect.accept, true, `read, expected refusal: ${expect.reason}`);
    assert.deepEqual(
      result.sets.map((set) => set.answers),
      expect.answers
    );
    assert.equal(result.ignoredItems, expect.ignored_items);
    assert.equal(result.ignoredValues, expect.ignored_values);
    if ("version" in expect) assert.equal(result.version, expect.version);
    if ("names" in expect) {
      // An offer without a usable name is shown as "Offer N", as Python names it.
      assert.deepEqual(
        result.sets.map((set, index) => set.name || "Offer " + (index + 1)),
        expect.names
      );
    }
    if ("details" in expect) assert.deepEqual(result.sets.map((set) => set.details), expect.details);
    if ("state" in expect) assert.equal(result.state, expect.state);
    if ("ignored_details" in expect) assert.equal(result.ignoredDetails, expect.ignored_details);
  });
}

test("answers kept are plain data: no inherited keys, no prototype change", () => {
  const def = definitions["employer-check"];
  const text = '{"format":1,"checklist":"employer-check","version":2,"answers":{"__proto__":{"polluted":1},"voice-channel":"fully"}}';
  const result = readText(text, def, itemIdsOf(def));
  assert.deepEqual(Object.keys(result.sets[0].answers), ["voice-channel"]);
  assert.equal({}.polluted, undefined);
  assert.equal(Object.getPrototypeOf(result.sets[0].answers), Object.prototype);
});

test("storage records go through the same rules", () => {
  const def = definitions["employer-check"];
  assert.throws(() => readText("{\"answers\": [1]}", def, itemIdsOf(def)), { reason: "not-answers" });
  assert.throws(() => readText("[".repeat(MAX_DEPTH + 1), def, itemIdsOf(def)), { reason: "nesting" });
  const old = readText(
    JSON.stringify({ format: 1, checklist: "employer-check", version: 1, answers: { "voice-channel": "fully", gone: "x" } }),
    def,
    itemIdsOf(def)
  );
  assert.equal(old.version, 1);
  assert.deepEqual(old.dropped, ["gone"]);
});

test("values from a file are shown only as text", () => {
  assert.equal(shown({ toString: null, valueOf: null }), "{\u2026}");
  assert.equal(shown(["a"]), "[\u2026]");
  assert.equal(shown(null), "null");
  assert.equal(shown(2), "2");
  assert.equal(shown("x".repeat(100)), "x".repeat(60));
  assert.equal(cleanName({ toString: null }, 60), "");
  assert.equal(cleanName("  a \t b  ", 60), "a b");
  assert.equal(cleanName("\u{1F600}".repeat(70), 60), "\u{1F600}".repeat(60));
});

test("nesting is counted outside strings only", () => {
  assert.equal(nestingDepth('{"a":[1,{"b":"[[[[{{{"}]}'), 3);
  assert.equal(nestingDepth('"\\"[[["'), 0);
  assert.equal(nestingDepth("[[]][[[]]]"), 3);
});
