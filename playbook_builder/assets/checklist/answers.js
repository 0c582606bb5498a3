/* Reading saved answers (a file, or the record kept in browser storage): the rules of
 * ANSWERS_FORMAT.md, the same as playbook_builder/checklists/answers_file.py. A refusal is a
 * ReadError with a `reason` key (the same keys as Python's AnswersFileError.reason) and
 * `params`; the page turns it into words with its string table. Pure: no DOM.
 */
import { validDate, validDetail } from "./offer-figures.js";
import { own, pointsTable } from "./scoring.js";

export const OFFER_KIND = "offer-evaluation";
// Same as answers_file.MAX_DEPTH: a saved file is four levels deep.
export const MAX_DEPTH = 32;
// Formats this reader reads: format 1 files are format 2 files without offer details
// and without a state (as answers_file.READABLE_FORMATS).
export const READABLE_FORMATS = [1, 2];

export class ReadError extends Error {
  constructor(reason, params) {
    super(reason);
    this.name = "ReadError";
    this.reason = reason;
    this.params = params || {};
  }
}

export function isPlainObject(value) {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** A value from a file, safe to show: text and numbers only (some values have no string form). */
export function shown(value) {
  if (typeof value === "string") return Array.from(value).slice(0, 60).join("");
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return value === null ? "null" : Array.isArray(value) ? "[\u2026]" : "{\u2026}";
}

/** Trimmed, single-spaced, cut to `limit` characters; "" when there is no usable name. */
export function cleanName(name, limit) {
  const text = typeof name === "string" ? name.split(/\s+/).filter(Boolean).join(" ") : "";
  return Array.from(text).slice(0, limit).join("");
}

/** The deepest nesting of [ and { outside JSON strings (as answers_file.nesting_depth). */
export function nestingDepth(text) {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  let escaped = false;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i];
    if (inString) {
      if (escaped) escaped = false;
      else if (char === "\\") escaped = true;
      else if (char === '"') inString = false;
    } else if (char === '"') inString = true;
    else if (char === "[" || char === "{") {
      depth += 1;
      if (depth > deepest) deepest = depth;
    } else if (char === "]" || char === "}") depth -= 1;
  }
  return deepest;
}

export function byteLength(text) {
  return new TextEncoder().encode(text).length;
}

/** Bytes to text: UTF-8, with or without a byte-order mark; anything else is refused. */
export function decodeBytes(bytes, limit) {
  if (bytes.length > limit) throw new ReadError("too-big", { limit: Math.round(limit / 1024) });
  let start = 0;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) start = 3;
  else if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    throw new ReadError("encoding");
  }
  let text;
  try {
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes.subarray(start));
  } catch (error) {
    throw new ReadError("encoding");
  }
  if (text.indexOf("\u0000") !== -1) throw new ReadError("encoding");
  return text;
}

function parse(text) {
  if (nestingDepth(text) > MAX_DEPTH) throw new ReadError("nesting", { limit: MAX_DEPTH });
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ReadError("not-json");
  }
}

function checkHeader(doc, def) {
  if (!isPlainObject(doc) || !own(doc, "format")) throw new ReadError("not-answers");
  if (READABLE_FORMATS.indexOf(doc.format) === -1) throw new ReadError("format", { found: shown(doc.format) });
  if (doc.checklist !== def.checklist) {
    throw new ReadError("checklist", { found: shown(doc.checklist), title: def.title });
  }
  const version = doc.version;
  // A whole number: 2 and 2.0 are the same number once read.
  if (typeof version !== "number" || !Number.isInteger(version) || version < 1) {
    throw new ReadError("version");
  }
  if (version > def.version) throw new ReadError("newer", { version, current: def.version });
  return version;
}

// Keep the answers the checklist can use; count the rest.
function cleaner(def, itemIds, counts) {
  const values = pointsTable(def);
  return function clean(answers) {
    if (!isPlainObject(answers)) throw new ReadError("answers-shape");
    const kept = {};
    Object.keys(answers).forEach((key) => {
      const value = answers[key];
      if (!itemIds.has(key)) {
        counts.items += 1;
        if (counts.dropped.length < 20) counts.dropped.push(key);
      } else if (typeof value !== "string" || !(value in values)) {
        counts.values += 1;
      } else {
        kept[key] = value;
      }
    });
    return kept;
  };
}

// An offer's details: the valid ones are kept, the rest left out and counted.
function readDetails(raw, def, counts) {
  if (raw === undefined || raw === null) return {};
  if (!isPlainObject(raw)) {
    counts.details += 1;
    return {};
  }
  const kept = {};
  Object.keys(raw).forEach((key) => {
    const value = raw[key];
    if (value === null) return;
    if (validDetail(key, value, def.limits)) kept[key] = value;
    else counts.details += 1;
  });
  return kept;
}

function readState(raw, counts) {
  if (raw === undefined || raw === null) return null;
  if (typeof raw === "string" && /^[A-Z]{2}$/.test(raw)) return raw;
  counts.details += 1;
  return null;
}

// A locality id (state-facts.js): the state's code in lower case, a hyphen, a slug.
function readLocality(raw, counts) {
  if (raw === undefined || raw === null) return null;
  if (typeof raw === "string" && raw.length <= 80 && /^[a-z]{2}-[a-z0-9]+(?:-[a-z0-9]+)*$/.test(raw)) return raw;
  counts.details += 1;
  return null;
}

// The employer's size and industry for the benchmarks (self-assessment): each kept when
// valid for this checklist, else left out and counted, as an offer's details are.
export function readPeers(raw, def, counts) {
  const peers = { workers: null, industry: null };
  const data = def.benchmarks;
  if (raw === undefined || raw === null || !data) return peers;
  if (!isPlainObject(raw)) {
    counts.details += 1;
    return peers;
  }
  const workers = raw.workers;
  if (Number.isInteger(workers) && workers >= 1 && workers <= data.max_workers) peers.workers = workers;
  else if (workers !== undefined && workers !== null) counts.details += 1;
  const industry = raw.industry;
  if (typeof industry === "string" && data.industries.some((choice) => choice.key === industry)) peers.industry = industry;
  else if (industry !== undefined && industry !== null) counts.details += 1;
  return peers;
}

// When a file was saved: the day of its ISO 8601 timestamp, or null.
export function readSaved(raw) {
  if (typeof raw !== "string" || (raw.length > 10 && raw[10] !== "T")) return null;
  const day = raw.slice(0, 10);
  return validDate(day) ? day : null;
}

function readOffers(doc, def, clean, counts) {
  const offers = doc.offers;
  if (!Array.isArray(offers) || offers.length === 0) throw new ReadError("offers-shape");
  if (offers.length > def.limits.offers) {
    throw new ReadError("too-many-offers", { count: offers.length, limit: def.limits.offers });
  }
  return offers.map((offer) => {
    if (!isPlainObject(offer)) throw new ReadError("offers-shape");
    const name = cleanName(offer.name, def.limits.name_length);
    const answers = clean(offer.answers);
    return { name, answers, details: readDetails(offer.details, def, counts) };
  });
}

/** A saved document (file or storage record) -> answer sets, or a ReadError. */
export function readDocument(doc, def, itemIds) {
  const version = checkHeader(doc, def);
  const counts = { items: 0, values: 0, details: 0, dropped: [] };
  const clean = cleaner(def, itemIds, counts);
  const isOffer = def.kind === OFFER_KIND;
  const sets = isOffer ? readOffers(doc, def, clean, counts) : [{ name: null, answers: clean(doc.answers) }];
  const state = isOffer ? readState(doc.state, counts) : null;
  const locality = state ? readLocality(doc.locality, counts) : null;
  const current = doc.current;
  const peers = def.kind === "self-assessment" ? readPeers(doc.peers, def, counts) : { workers: null, industry: null };
  return {
    sets,
    peers,
    saved: readSaved(doc.saved),
    current: Number.isInteger(current) && current >= 0 && current < sets.length ? current : 0,
    small: doc.small_employer === true,
    state,
    locality,
    version,
    ignoredItems: counts.items,
    ignoredValues: counts.values,
    ignoredDetails: counts.details,
    dropped: counts.dropped,
  };
}

/** Text (a storage record) -> as readDocument. */
export function readText(text, def, itemIds) {
  if (byteLength(text) > def.limits.file_bytes) {
    throw new ReadError("too-big", { limit: Math.round(def.limits.file_bytes / 1024) });
  }
  return readDocument(parse(text), def, itemIds);
}

/** A file's bytes (Uint8Array) -> as readDocument. */
export function readBytes(bytes, def, itemIds) {
  return readDocument(parse(decodeBytes(bytes, def.limits.file_bytes)), def, itemIds);
}

/** The item ids of a definition, as a Set. */
export function itemIdsOf(def) {
  const ids = new Set();
  def.sections.forEach((section) => section.items.forEach((item) => ids.add(item.id)));
  return ids;
}
