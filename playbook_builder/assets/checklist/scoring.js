/* Scores per section and overall: the same operations, in the same order, as
 * playbook_builder/checklists/scoring.py (score and _percent), so the page and Python agree to the
 * last decimal. Pure: no DOM, no strings shown to the reader.
 */

export function own(object, key) {
  return Object.prototype.hasOwnProperty.call(object, key);
}

export function percent(got, most) {
  if (most <= 0) return null;
  // Same operations, in the same order, as scoring._percent.
  return Math.floor((1000 * got) / most + 0.5) / 10;
}

/** value -> points (null for "not sure"), with no inherited keys. */
export function pointsTable(def) {
  const table = Object.create(null);
  def.scale.forEach((option) => {
    table[option.value] = option.points;
  });
  return table;
}

/** item id -> item, over every section. */
export function itemTable(def) {
  const table = Object.create(null);
  def.sections.forEach((section) => {
    section.items.forEach((item) => {
      table[item.id] = item;
    });
  });
  return table;
}

function scoreSection(section, answers, pointsOf, top) {
  let got = 0;
  let most = 0;
  let answered = 0;
  let unscored = 0;
  section.items.forEach((item) => {
    const value = own(answers, item.id) ? answers[item.id] : undefined;
    if (typeof value !== "string" || !(value in pointsOf)) return;
    answered += 1;
    const pts = pointsOf[value];
    if (pts === null || pts === undefined) {
      unscored += 1;
      return;
    }
    got += item.weight * pts;
    most += item.weight * top;
  });
  return { earned: got, possible: most, answered, unscored, items: section.items.length };
}

/**
 * Scores per section and overall, 0-100 with one decimal, or null when nothing scored
 * was answered; `details` holds the weighted points and counts behind each.
 */
export function score(def, answers) {
  const pointsOf = pointsTable(def);
  const top = Number(def.max_points);
  let totalGot = 0;
  let totalMax = 0;
  let answered = 0;
  let unscored = 0;
  const sections = {};
  const details = {};
  def.sections.forEach((section) => {
    const d = scoreSection(section, answers, pointsOf, top);
    sections[section.key] = percent(d.earned, d.possible);
    details[section.key] = d;
    answered += d.answered;
    unscored += d.unscored;
    totalGot += d.earned;
    totalMax += d.possible;
  });
  return { sections, overall: percent(totalGot, totalMax), answered, unscored, details };
}
