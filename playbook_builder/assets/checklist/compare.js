/* The employer's answers next to worker files: the same numbers as
 * playbook_builder/scoring.compare_with_companion, and the rules for a set of chosen
 * worker files (each file counts once; unreadable ones are listed with their reason).
 * Pure: no DOM, no strings shown to the reader.
 */
import { readBytes, ReadError } from "./answers.js";
import { itemTable, score } from "./scoring.js";

// Same operations as scoring.one_decimal: half away from zero, no "-0".
export function oneDecimal(value) {
  const rounded = Math.floor(Math.abs(value) * 10 + 0.5) / 10;
  return value < 0 && rounded ? -rounded : rounded;
}

export function compareRow(employer, workerScores, minResponses) {
  const scored = workerScores.filter((value) => value !== null);
  let average = null;
  if (scored.length && scored.length >= minResponses) {
    let total = 0;
    scored.forEach((value) => {
      total += value; // in file order, as Python adds them
    });
    average = oneDecimal(total / scored.length);
  }
  return {
    employer,
    workers: average,
    responses: scored.length,
    suppressed: average === null,
    gap: average !== null && employer !== null ? oneDecimal(average - employer) : null,
  };
}

// The employer's sections and the shared items; the source's scale and weights.
function sharedOnly(def, source, items, theirItems) {
  const sections = [];
  def.sections.forEach((section) => {
    const kept = section.items
      .filter((item) => item.id in theirItems)
      .map((item) => ({ id: item.id, weight: items[item.id].weight }));
    if (kept.length) sections.push({ key: section.key, title: section.title, items: kept });
  });
  return { scale: source.scale, max_points: source.max_points, sections };
}

/**
 * Mirrors scoring.compare_with_companion: the employer's sections, only the items the
 * companion also asks, each side scored with its own scale and weights.
 */
export function compareWithCompanion(def, employerAnswers, workerSets, companionId, minResponses) {
  const theirs = (def.companions || []).filter(
    (companion) => !companionId || companion.checklist === companionId
  )[0];
  if (!theirs) throw new Error(def.checklist + " has no companion checklist " + (companionId || ""));
  const min = minResponses === undefined ? def.limits.min_responses : minResponses;
  const theirItems = itemTable(theirs);
  const oursShared = sharedOnly(def, def, itemTable(def), theirItems);
  const theirsShared = sharedOnly(def, theirs, theirItems, theirItems);
  const employer = score(oursShared, employerAnswers);
  const workers = workerSets.map((answers) => score(theirsShared, answers));
  const rows = oursShared.sections.map((section) => {
    const scores = workers.map((result) => result.sections[section.key]);
    const row = compareRow(employer.sections[section.key], scores, min);
    return Object.assign(row, { key: section.key, title: section.title, items: section.items.length });
  });
  const overall = compareRow(
    employer.overall,
    workers.map((result) => result.overall),
    min
  );
  overall.items = rows.reduce((sum, row) => sum + row.items, 0);
  return { companion: theirs.checklist, min_responses: min, files: workerSets.length, sections: rows, overall };
}

/** A key equal for two files exactly when their bytes are equal. */
export function contentKey(bytes) {
  let key = "";
  for (let start = 0; start < bytes.length; start += 8192) {
    key += String.fromCharCode.apply(null, bytes.subarray(start, start + 8192));
  }
  return key;
}

/**
 * Read chosen worker files, given as {name, bytes} (bytes: a Uint8Array, or null with
 * `error` when the browser could not read the file). A file with the same bytes as one
 * before it is a duplicate and counts once: the same file twice is one worker, and
 * counting it twice would defeat the minimum number of responses. Never throws.
 */
export function readWorkerFiles(files, def, itemIds) {
  const outcome = { files: files.length, accepted: [], rejected: [], duplicates: [], leftOut: { items: 0, values: 0 } };
  const seen = new Map();
  files.forEach((file) => {
    if (!file.bytes) {
      outcome.rejected.push({ name: file.name, reason: file.error || "unreadable", params: file.params || {} });
      return;
    }
    const key = contentKey(file.bytes);
    if (seen.has(key)) {
      outcome.duplicates.push({ name: file.name, sameAs: seen.get(key) });
      return;
    }
    seen.set(key, file.name);
    try {
      const result = readBytes(file.bytes, def, itemIds);
      outcome.accepted.push(result.sets[0].answers);
      outcome.leftOut.items += result.ignoredItems;
      outcome.leftOut.values += result.ignoredValues;
    } catch (error) {
      const known = error instanceof ReadError;
      outcome.rejected.push({ name: file.name, reason: known ? error.reason : "unreadable", params: known ? error.params : {} });
    }
  });
  return outcome;
}
