// The shared saved-answers cases (tests/answers_cases/), built into bytes exactly as
// tests/test_answers_cases.py builds them for Python's reader.
import { readFileSync } from "node:fs";

const CASES_DIR = new URL("../answers_cases/", import.meta.url);

export const definitions = JSON.parse(readFileSync(new URL("definitions.json", CASES_DIR), "utf8"));
export const cases = JSON.parse(readFileSync(new URL("cases.json", CASES_DIR), "utf8")).cases;

// UTF-8 that keeps lone surrogates as their (invalid) three-byte form, as Python's
// "surrogatepass" does, so both readers see the same bytes.
function utf8(text) {
  const bytes = [];
  for (const char of text) {
    const code = char.codePointAt(0);
    if (code < 0x80) bytes.push(code);
    else if (code < 0x800) bytes.push(0xc0 | (code >> 6), 0x80 | (code & 63));
    else if (code < 0x10000) bytes.push(0xe0 | (code >> 12), 0x80 | ((code >> 6) & 63), 0x80 | (code & 63));
    else bytes.push(0xf0 | (code >> 18), 0x80 | ((code >> 12) & 63), 0x80 | ((code >> 6) & 63), 0x80 | (code & 63));
  }
  return Uint8Array.from(bytes);
}

export function caseBytes(item) {
  if ("json" in item) return utf8(JSON.stringify(item.json));
  if ("text" in item) return utf8(item.text);
  if ("file" in item) return new Uint8Array(readFileSync(new URL("files/" + item.file, CASES_DIR)));
  const make = item.make;
  return utf8(make.prefix + make.repeat.repeat(make.times) + make.middle + make.close.repeat(make.times) + make.suffix);
}
