/* "How you compare with employers like you": the employer's size and industry, kept
 * with their answers, and for each benchmarked question the published figures for
 * workplaces like theirs and what their answer shows against them (benchmarks.js).
 */
import { benchmarkFindings } from "./benchmarks.js";
import { el, nextId } from "./dom.js";
import { persist } from "./storage.js";

// What each status says about the answer (benchmarks.js).
const VERDICTS = {
  behind: "bench.behind",
  ahead: "bench.ahead",
  level: "bench.level",
  unanswered: "bench.unanswered",
};

export class Peers {
  /** The part for the checklist `cl`, when its page has the section; else null. */
  static build(cl) {
    const root = document.getElementById("pb-peers");
    if (!root || !cl.def.benchmarks) return null;
    const peers = new Peers(cl, root);
    peers.build();
    return peers;
  }

  constructor(checklist, root) {
    this.checklist = checklist;
    this.t = checklist.t;
    this.root = root;
    this.data = checklist.def.benchmarks;
    this.workersInput = null;
    this.industrySelect = null;
    this.summary = null;
    this.list = null;
  }

  build() {
    const t = this.t;
    const body = this.root.querySelector(".pb-peers-body");
    body.textContent = "";
    const workersId = nextId("peers-workers");
    const industryId = nextId("peers-industry");
    this.workersInput = el("input", {
      id: workersId,
      type: "number",
      min: "1",
      max: String(this.data.max_workers),
      step: "1",
      inputmode: "numeric",
      className: "pb-peers-workers",
      "aria-describedby": workersId + "-hint",
    });
    this.industrySelect = el("select", { id: industryId, className: "pb-peers-industry" }, [
      el("option", { value: "", text: t("bench.anyIndustry") }),
    ].concat(this.data.industries.map((choice) => el("option", { value: choice.key, text: choice.label }))));
    this.workersInput.addEventListener("input", () => this.choose());
    this.industrySelect.addEventListener("change", () => this.choose());
    body.appendChild(
      el("div", { className: "pb-peers-choice pb-screen-only" }, [
        el("p", { className: "pb-peers-field" }, [
          el("label", { for: workersId, text: t("bench.size") }),
          this.workersInput,
          el("span", { className: "pb-hint", id: workersId + "-hint", text: t("bench.sizeHint") }),
        ]),
        el("p", { className: "pb-peers-field" }, [el("label", { for: industryId, text: t("bench.industry") }), this.industrySelect]),
      ])
    );
    this.summary = el("p", { className: "pb-peers-summary", role: "status" });
    this.list = el("div", { className: "pb-peers-list" });
    body.appendChild(this.summary);
    body.appendChild(this.list);
    this.checklist.revealLater(this.root);
  }

  /** The form shows the checklist's kept choice (after a restore or a clear). */
  fill() {
    const peer = this.checklist.peer;
    this.workersInput.value = peer.workers === null ? "" : String(peer.workers);
    this.industrySelect.value = peer.industry || "";
  }

  choose() {
    const text = this.workersInput.value.trim();
    const workers = Number(text);
    const valid = /^\d+$/.test(text) && workers >= 1 && workers <= this.data.max_workers;
    this.checklist.peer = { workers: valid ? workers : null, industry: this.industrySelect.value || null };
    persist(this.checklist);
    this.render();
  }

  render() {
    const t = this.t;
    const cl = this.checklist;
    const findings = benchmarkFindings(cl.def, cl.answers(), cl.peer.workers, cl.peer.industry);
    let behind = 0;
    let judged = 0;
    this.list.textContent = "";
    findings.forEach((section) => {
      this.list.appendChild(el("h3", { text: section.title }));
      const items = section.rows.map((row) => {
        if (row.status === "behind") behind += 1;
        if (row.status !== "context" && row.status !== "unanswered") judged += 1;
        return this.rowItem(row);
      });
      this.list.appendChild(el("ul", { className: "pb-peers-rows" }, items));
    });
    if (!judged) this.summary.textContent = t("bench.noneJudged");
    else if (behind) this.summary.textContent = t("bench.summaryBehind", { count: behind });
    else this.summary.textContent = t("bench.summaryNone");
  }

  rowItem(row) {
    const t = this.t;
    const bench = this.data.benchmarks[row.benchmark];
    const figures = row.figures.map((figure) => this.sentence(bench, figure));
    const parts = [el("strong", { text: bench.title + ": " }), figures[0]];
    const option = row.answer === null ? null : this.checklist.option[row.answer];
    const verdict = VERDICTS[row.status]; // none for a figure given for context
    if (verdict) {
      const text = t(verdict, { answer: option ? option.label : "" });
      parts.push(" ", el("span", { className: "pb-peers-verdict pb-peers-" + row.status, text }));
    }
    if (figures.length > 1) parts.push(" " + figures.slice(1).join(" "));
    const source = el("a", { href: bench.source.url, text: t("bench.source", { publisher: bench.source.publisher, period: bench.period }) });
    parts.push(" (", source, ")");
    return el("li", { className: "pb-peers-row", "data-pb-status": row.status }, parts);
  }

  sentence(bench, figure) {
    const t = this.t;
    const all = figure.group === "all";
    const group = all ? "" : this.phrase(figure.group);
    const values = { share: figure.value, population: bench.population, group, benefit: bench.benefit };
    let key = bench.measure === "average-share" ? "bench.average" : bench.counts === "employers" ? "bench.employers" : "bench.workers";
    if (all) key += "All";
    return t(key, values);
  }

  phrase(group) {
    const sizes = this.data.sizes;
    return Object.prototype.hasOwnProperty.call(sizes, group) ? sizes[group].phrase : this.data.industry_groups[group] || "";
  }
}
