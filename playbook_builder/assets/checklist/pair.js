/* "Compare with your workers": one section per companion checklist (a worker pulse).
 * Worker files are read on the device with the saved-file rules, each file once
 * (compare.js), kept in memory only, and shown as text.
 */
import { itemIdsOf } from "./answers.js";
import { compareWithCompanion, readWorkerFiles } from "./compare.js";
import { button, download, el, fileBytes, nextId } from "./dom.js";
import { csvText, quoted, today } from "./format.js";
import { renderTable, renderTalk, workersText } from "./pair-table.js";

/** A Pair for each companion whose section is on the page. */
export function buildPairs(cl) {
  const pairs = [];
  (cl.def.companions || []).forEach((companion) => {
    document.querySelectorAll("section.pb-pair").forEach((root) => {
      if (root.getAttribute("data-pb-companion") !== companion.checklist) return;
      const pair = new Pair(cl, root, companion);
      pair.build();
      pairs.push(pair);
    });
  });
  return pairs;
}

export class Pair {
  constructor(checklist, root, companion) {
    this.checklist = checklist;
    this.t = checklist.t;
    this.root = root;
    this.def = companion;
    this.itemIds = itemIdsOf(companion);
    this.minimum = checklist.def.limits.min_responses;
    this.reading = 0;
    this.forget();
  }

  forget() {
    this.outcome = { files: 0, accepted: [], rejected: [], duplicates: [], leftOut: { items: 0, values: 0 } };
  }

  build() {
    const t = this.t;
    const body = this.root.querySelector(".pb-pair-body");
    body.textContent = "";
    const inputId = nextId("pair-files");
    const hintId = nextId("pair-hint");
    this.input = el("input", {
      id: inputId,
      type: "file",
      multiple: true,
      accept: "application/json,.json",
      className: "pb-pair-files",
      "aria-describedby": hintId,
    });
    this.input.addEventListener("change", () => this.readFiles(Array.prototype.slice.call(this.input.files || [])));
    this.csvButton = button(t("pair.csv"));
    this.csvButton.addEventListener("click", () => this.saveCsv());
    this.forgetButton = button(t("pair.forget"));
    this.forgetButton.addEventListener("click", () => this.removeFiles());
    body.appendChild(
      el("div", { className: "pb-pair-controls pb-screen-only" }, [
        el("label", { for: inputId, className: "pb-pair-label", text: t("pair.files") }),
        el("p", { className: "pb-hint", id: hintId, text: t("pair.hint", { title: this.def.title }) }),
        this.input,
        el("div", { className: "pb-pair-actions", role: "group", "aria-label": t("pair.group") }, [
          this.csvButton,
          this.forgetButton,
        ]),
      ])
    );
    this.status = el("p", { className: "pb-message pb-screen-only", role: "status" });
    this.rejectedView = el("div", { className: "pb-pair-rejected pb-screen-only" });
    this.tableView = el("div", { className: "pb-pair-table" });
    this.talkView = el("div", { className: "pb-pair-talk" });
    [this.status, this.rejectedView, this.tableView, this.talkView].forEach((node) => body.appendChild(node));
    this.checklist.revealLater(this.root);
    this.render();
  }

  removeFiles() {
    this.reading += 1; // drop files still being read
    this.forget();
    this.input.value = "";
    this.render();
    this.status.textContent = this.t("pair.forgotten");
    this.input.focus();
  }

  readFiles(files) {
    this.reading += 1;
    const reading = this.reading;
    this.status.textContent = files.length ? this.t("pair.reading", { count: files.length }) : "";
    Promise.all(files.map((file) => fileBytes(file, this.def.limits.file_bytes)))
      .then((loaded) => readWorkerFiles(loaded, this.def, this.itemIds))
      .catch(() => this.unreadable(files))
      .then((outcome) => {
        if (reading !== this.reading) return; // a later choice of files replaced these
        this.outcome = outcome;
        this.render();
        this.status.textContent = this.summary();
      });
  }

  // Only if something unforeseen failed: every file listed, none used.
  unreadable(files) {
    const rejected = files.map((file) => ({ name: file.name, reason: "unreadable", params: {} }));
    return { files: files.length, accepted: [], rejected, duplicates: [], leftOut: { items: 0, values: 0 } };
  }

  summary() {
    const t = this.t;
    const o = this.outcome;
    // Whole sentences, each from the string table, one after another.
    const sentences = [t("pair.read", { count: o.files }), t("pair.used", { count: o.accepted.length })];
    if (o.rejected.length) sentences.push(t("pair.notUsed", { count: o.rejected.length }));
    if (o.duplicates.length) sentences.push(t("pair.duplicates", { count: o.duplicates.length }));
    const leftOut = o.leftOut.items + o.leftOut.values;
    if (leftOut) sentences.push(t("pair.leftOut", { count: leftOut }));
    return sentences.join(" ");
  }

  result() {
    const cl = this.checklist;
    return compareWithCompanion(cl.def, cl.answers(), this.outcome.accepted, this.def.checklist, this.minimum);
  }

  render() {
    const t = this.t;
    const o = this.outcome;
    this.rejectedView.textContent = "";
    this.tableView.textContent = "";
    this.talkView.textContent = "";
    const shown = o.accepted.length > 0;
    this.root.classList.toggle("pb-pair-shown", shown);
    this.csvButton.hidden = !shown;
    this.forgetButton.hidden = !o.files;
    this.renderNotUsed();
    if (!shown) {
      const text = t(o.files ? "pair.noneUsable" : "pair.noneChosen");
      this.tableView.appendChild(el("p", { className: "pb-hint", text }));
      return;
    }
    const result = this.result();
    renderTable(this, result);
    renderTalk(this, result);
  }

  renderNotUsed() {
    const t = this.t;
    const view = this.rejectedView;
    const o = this.outcome;
    if (o.rejected.length) {
      view.appendChild(el("h3", { text: t("pair.rejectedTitle", { count: o.rejected.length }) }));
      const reason = (file) => ": " + t("read." + file.reason, file.params);
      const items = o.rejected.map((file) => el("li", null, [el("strong", { text: quoted(file.name) }), reason(file)]));
      view.appendChild(el("ul", null, items));
    }
    if (o.duplicates.length) {
      view.appendChild(el("h3", { text: t("pair.duplicatesTitle", { count: o.duplicates.length }) }));
      const same = (file) => t("pair.sameAs", { file: quoted(file.sameAs) });
      const items = o.duplicates.map((file) => el("li", null, [el("strong", { text: quoted(file.name) }), same(file)]));
      view.appendChild(el("ul", { className: "pb-pair-duplicates" }, items));
    }
  }

  saveCsv() {
    const t = this.t;
    if (!this.outcome.accepted.length) return;
    const result = this.result();
    const head = ["pair.section", "pair.questions", "pair.yours", "pair.csvHeader.workers", "pair.responses", "pair.gap"];
    const rows = [head.map((key) => t(key))];
    result.sections.concat([result.overall]).forEach((row, index) => {
      rows.push([
        index < result.sections.length ? row.title : t("pair.overall"),
        row.items,
        row.employer,
        row.suppressed ? workersText(this, row) : row.workers,
        row.responses,
        row.gap,
      ]);
    });
    const cl = this.checklist;
    const name = cl.def.checklist + "-compared-with-" + this.def.checklist + "-" + today() + ".csv";
    download(name, "text/csv", csvText(rows));
    this.status.textContent = t("pair.csvDone");
  }
}

