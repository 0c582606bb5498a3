/* Benchmarks beside the self-assessment: which figures apply to an employer of a given
 * size and industry, and what each answer shows against them. The same rules, in the same
 * order, as playbook_builder/checklists/benchmarks.py (read its docstring for them in
 * words). Pure: no DOM, no strings shown to the reader.
 */
import { own } from "./scoring.js";

export const MOST = 50;

/** The narrowest size group with a figure that holds `workers`, as
 * benchmarks.size_group: a closed range before an open one, the smaller width first, of
 * open ones the higher start first; the first in order on ties. */
export function sizeGroup(sizes, values, workers) {
  if (workers === null || workers === undefined) return null;
  let best = null;
  let bestRank = null;
  Object.keys(sizes).forEach((key) => {
    const group = sizes[key];
    if (!own(values, key) || workers < group.min || (group.max !== null && workers > group.max)) return;
    const rank = group.max === null ? [1, -group.min] : [0, group.max - group.min];
    if (bestRank === null || rank[0] < bestRank[0] || (rank[0] === bestRank[0] && rank[1] < bestRank[1])) {
      best = key;
      bestRank = rank;
    }
  });
  return best;
}

/** The first of the chosen industry's groups that has a figure. */
export function industryGroup(industries, values, industry) {
  const choice = industries.filter((entry) => entry.key === industry)[0];
  if (!choice) return null;
  return choice.groups.filter((group) => own(values, group))[0] || null;
}

function status(bench, option, share, top) {
  if (bench.measure !== "access") return "context";
  if (!option || option.points === null) return "unanswered";
  const hasIt = option.points * 2 >= top;
  if (!hasIt && share >= MOST) return "behind";
  if (hasIt && share < MOST) return "ahead";
  return "level";
}

/** Mirrors benchmarks.benchmark_findings: per section with benchmarked items, the rows. */
export function benchmarkFindings(def, answers, workers, industry) {
  const data = def.benchmarks;
  if (!data) return [];
  const options = Object.create(null);
  def.scale.forEach((option) => {
    options[option.value] = option;
  });
  const top = Number(def.max_points);
  const sections = [];
  def.sections.forEach((section) => {
    const rows = [];
    section.items.forEach((item) => {
      (own(data.items, item.id) ? data.items[item.id] : []).forEach((id) => {
        const bench = data.benchmarks[id];
        const values = bench.values;
        const bySize = sizeGroup(data.sizes, values, workers);
        const byIndustry = industryGroup(data.industries, values, industry);
        const reference = bySize || byIndustry || "all";
        const groups = [];
        [reference, bySize, byIndustry, "all"].forEach((group) => {
          if (group && groups.indexOf(group) === -1) groups.push(group);
        });
        const answer = own(answers, item.id) && own(options, answers[item.id]) ? answers[item.id] : null;
        const option = answer === null ? null : options[answer];
        rows.push({
          item: item.id,
          benchmark: id,
          figures: groups.map((group) => ({ group, value: values[group] })),
          answer,
          status: status(bench, option, values[reference], top),
        });
      });
    });
    if (rows.length) sections.push({ key: section.key, title: section.title, rows });
  });
  return sections;
}
