/* "Compare with an earlier assessment": a file saved from this checklist before, read on
 * the device with the saved-file rules (answers.js), scored with today's questions, and
 * set beside today's answers per section (progress.js). Kept in memory only.
 */
import { readBytes } from "./answers.js";
import { button, el, fileBytes, nextId, tableRegion } from "./dom.js";
import { refusal } from "./files.js";
import { number, signed, today } from "./format.js";
import { progress } from "./progress.js";

export class Earlier {
  /** The part for the checklist `cl`, when its page has the section; else null. */
  static build(cl) {
    const root = document.getElementById("pb-earlier");
    if (!root) return null;
    const earlier = new Earlier(cl, root);
    earlier.build();
    return earlier;
  }

  constructor(checklist, root) {
    this.checklist = checklist;
    this.t = checklist.t;
    this.root = root;
    this.answers = null; // the earlier answers, once a file is read
    this.saved = null; // the day that file was saved, when it says
    this.result = null; // progress(...) against today's answers
    this.reading = 0;
    this.input = null;
    this.forgetButton = null;
    this.status = null;
    this.view = null;
  }

  build() {
    const t = this.t;
    const body = this.root.querySelector(".pb-earlier-body");
    body.textContent = "";
    const inputId = nextId("earlier-file");
    this.input = el("input", { id: inputId, type: "file", accept: "application/json,.json", className: "pb-earlier-file" });
    this.input.addEventListener("change", () => {
      const file = this.input.files && this.input.files[0];
      if (file) this.read(file);
    });
    this.forgetButton = button(t("earlier.forget"));
    this.forgetButton.hidden = true;
    this.forgetButton.addEventListener("click", () => this.forget());
    body.appendChild(
      el("div", { className: "pb-earlier-controls pb-screen-only" }, [
        el("label", { for: inputId, className: "pb-pair-label", text: t("earlier.file") }),
        this.input,
        this.forgetButton,
      ])
    );
    this.status = el("p", { className: "pb-message pb-screen-only", role: "status" });
    this.view = el("div", { className: "pb-earlier-view" });
    body.appendChild(this.status);
    body.appendChild(this.view);
    this.checklist.revealLater(this.root);
  }

  read(file) {
    const t = this.t;
    const cl = this.checklist;
    this.reading += 1;
    const reading = this.reading;
    fileBytes(file, cl.def.limits.file_bytes).then(({ bytes }) => {
      if (reading !== this.reading) return;
      try {
        if (bytes === null) throw new Error("unreadable");
        const result = readBytes(bytes, cl.def, cl.itemIds);
        this.answers = result.sets[0].answers;
        this.saved = result.saved;
        cl.render(false); // this part's table, and the plan's marks of what improved
        this.status.textContent = this.saved ? t("earlier.read", { date: this.saved }) : t("earlier.readUndated");
      } catch (error) {
        this.status.textContent = t("earlier.refused", { reason: refusal(t, error) });
      }
    });
  }

  forget() {
    this.reading += 1;
    this.answers = null;
    this.saved = null;
    this.result = null;
    this.input.value = "";
    this.checklist.render(false);
    this.status.textContent = this.t("earlier.forgotten");
    this.input.focus();
  }

  /** The change for a section since the earlier file, or null. */
  changeFor(key) {
    if (!this.result) return null;
    return this.result.sections.filter((section) => section.key === key)[0] || null;
  }

  when() {
    return this.saved || this.t("earlier.undated");
  }

  render() {
    const t = this.t;
    const cl = this.checklist;
    this.view.textContent = "";
    this.forgetButton.hidden = this.answers === null;
    if (this.answers === null) {
      this.result = null;
      this.view.appendChild(el("p", { className: "pb-hint", text: t("earlier.none") }));
      return;
    }
    this.result = progress(cl.def, this.answers, cl.answers());
    const when = this.when();
    const heads = [t("earlier.section"), t("earlier.then", { date: when }), t("earlier.now", { date: today() }), t("earlier.change")];
    const cell = (value) => (value === null ? t("earlier.notScored") : number(value));
    const changeText = (row) => (row.change === null ? t("earlier.noChange") : row.change === 0 ? t("earlier.same") : signed(row.change));
    const row = (title, entry, isFoot) =>
      el("tr", null, [
        el("th", { scope: "row", text: title }),
        el("td", { "data-label": heads[1], text: cell(entry.earlier) }),
        el("td", { "data-label": heads[2], text: cell(entry.now) }),
        el("td", { "data-label": heads[3], className: isFoot ? "" : "pb-earlier-change", text: changeText(entry) }),
      ]);
    const table = el("table", { className: "pb-cards pb-earlier-table" }, [
      el("caption", { text: t("earlier.caption", { date: when }) }),
      el("thead", null, [el("tr", null, heads.map((text) => el("th", { scope: "col", text })))]),
      el("tbody", null, this.result.sections.map((section) => row(section.title, section, false))),
      el("tfoot", null, [row(t("earlier.overall"), this.result.overall, true)]),
    ]);
    this.view.appendChild(tableRegion(table, { text: t("earlier.caption", { date: when }) }));
    const questions = Object.create(null);
    cl.items.forEach((item) => {
      questions[item.id] = item.question;
    });
    const improved = [];
    this.result.sections.forEach((section) => section.improved.forEach((id) => improved.push(questions[id])));
    if (improved.length) {
      this.view.appendChild(el("h3", { text: t("earlier.improvedTitle", { count: improved.length, date: when }) }));
      this.view.appendChild(el("ul", null, improved.map((text) => el("li", { text }))));
    }
  }
}
