/* Progress between an earlier saved assessment and today's answers: the same numbers as
 * playbook_builder/checklists/progress.py. Both are scored with today's checklist.
 * Pure: no DOM, no strings shown to the reader.
 */
import { oneDecimal } from "./compare.js";
import { own, pointsTable, score } from "./scoring.js";

function change(earlier, now) {
  return { earlier, now, change: earlier !== null && now !== null ? oneDecimal(now - earlier) : null };
}

export function progress(def, earlier, now) {
  const before = score(def, earlier);
  const after = score(def, now);
  const points = pointsTable(def);
  const pts = (answers, id) => (own(answers, id) && answers[id] in points ? points[answers[id]] : null);
  const sections = def.sections.map((section) => {
    const improved = [];
    const fell = [];
    section.items.forEach((item) => {
      const a = pts(earlier, item.id);
      const b = pts(now, item.id);
      if (a !== null && b !== null && a !== b) (b > a ? improved : fell).push(item.id);
    });
    return Object.assign(
      { key: section.key, title: section.title },
      change(before.sections[section.key], after.sections[section.key]),
      { improved, fell }
    );
  });
  return { sections, overall: change(before.overall, after.overall) };
}
