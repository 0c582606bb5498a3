/* "Your state" on a page that is not a checklist (the rights page): a choice of state
 * and that state's legal floors, from the edition's data/jurisdictions.json. The choice
 * is kept with the job-offer checklist's answers (its storage record, ANSWERS_FORMAT.md),
 * so both pages show the same state and "Clear my answers" there clears it here too.
 * Nothing leaves the device. Loaded by ../checklist-loader.js only on such pages.
 */
import { el, nextId, onEachPage, pageStrings, partNode } from "./dom.js";
import { StateData } from "./state-data.js";
import { I18n } from "./i18n.js";
import { dateFormat, moneyFormat, usLocale } from "./format.js";
import { LABELS, stateLines, stateList } from "./state-facts.js";
import { Store } from "./storage.js";
import strings from "./strings-en.js";

const ALL_FACTS = Object.keys(LABELS).filter((name) => name !== "labor_office");
const MAX_BYTES = 256 * 1024; // the answers file limit (answers_file.MAX_FILE_BYTES)

function isObject(value) {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

class StateBox {
  constructor(root) {
    this.root = root;
    const i18n = new I18n(pageStrings(root), document.documentElement.lang || "en", strings);
    this.t = i18n.t.bind(i18n);
    const version = Number(root.getAttribute("data-pb-version"));
    this.def = {
      edition: root.getAttribute("data-pb-edition"),
      checklist: root.getAttribute("data-pb-checklist"),
      version: Number.isInteger(version) && version > 0 ? version : 1,
      limits: { file_bytes: MAX_BYTES },
    };
    this.store = new Store(this.def);
    const locale = usLocale(document.documentElement.lang);
    this.fmt = { t: this.t, money: moneyFormat(locale), date: dateFormat(locale) };
  }

  /** The offer checklist's stored record, or null. */
  record() {
    const text = this.store.stored();
    if (text === null) return null;
    try {
      const doc = JSON.parse(text);
      return isObject(doc) && Array.isArray(doc.offers) ? doc : null;
    } catch (error) {
      return null;
    }
  }

  storedState() {
    const doc = this.record();
    return doc && typeof doc.state === "string" && /^[A-Z]{2}$/.test(doc.state) ? doc.state : null;
  }

  keep(code) {
    let doc = this.record();
    if (!doc && !code) return;
    if (!doc) {
      // A record the checklist reads as one unnamed offer with no answers yet.
      doc = { format: 2, checklist: this.def.checklist, version: this.def.version, edition: this.def.edition };
      doc.kind = "offer-evaluation";
      doc.offers = [{ name: "", answers: {}, details: {} }];
      doc.current = 0;
    }
    if (code) doc.state = code;
    else delete doc.state;
    this.store.save(doc);
  }

  build() {
    const t = this.t;
    const id = nextId("state");
    const hintId = nextId("state-hint");
    this.select = el("select", { id, "aria-describedby": hintId, disabled: true }, [
      el("option", { value: "", text: t("state.loading") }),
    ]);
    this.figures = el("div", { className: "pb-state-floor", "aria-live": "polite" });
    this.hint = el("p", { className: "pb-hint", id: hintId, text: t("statePage.hint") });
    this.root.textContent = "";
    this.root.appendChild(
      el("div", { className: "pb-state-choice" }, [el("label", { for: id, text: t("state.choose") }), this.select])
    );
    this.root.appendChild(this.hint);
    this.root.appendChild(this.figures);
    this.select.addEventListener("change", () => {
      this.keep(this.select.value || null);
      this.render();
    });
    this.source = new StateData(this.root.getAttribute("data-pb-states"));
    this.source
      .list()
      .then((data) => {
        this.data = data;
        this.select.textContent = "";
        this.select.appendChild(el("option", { value: "", text: t("state.none") }));
        stateList(data).forEach((state) => this.select.appendChild(el("option", { value: state.code, text: state.name })));
        this.select.disabled = false;
        const stored = this.storedState();
        if (stored && stateList(data).some((state) => state.code === stored)) this.select.value = stored;
        this.render();
      })
      .catch(() => {
        this.select.textContent = "";
        this.select.appendChild(el("option", { value: "", text: t("state.failed") }));
        this.hint.textContent = t("state.failed");
        this.render();
      });
  }

  render() {
    const t = this.t;
    const code = this.select.value;
    this.figures.textContent = "";
    const page = this.root.getAttribute("data-pb-state-page");
    const link = page ? el("a", { href: page, text: t("state.page") }) : null;
    if (!code) {
      this.figures.appendChild(el("p", { className: "pb-hint" }, [link]));
      return;
    }
    if (!this.source.isLoaded(code)) {
      this.figures.appendChild(el("p", { className: "pb-hint pb-loading", text: t("state.loadingOne") }));
      this.source
        .load(code)
        .then(() => {
          if (this.select.value === code) this.render();
        })
        .catch(() => {
          this.figures.textContent = t("state.failed");
        });
      return;
    }
    const name = (stateList(this.data).find((state) => state.code === code) || { name: code }).name;
    const lines = stateLines(this.data, code, ALL_FACTS, this.fmt);
    this.figures.appendChild(el("p", { className: "pb-state-title" }, [el("strong", { text: t("state.title", { name }) })]));
    this.figures.appendChild(
      el(
        "ul",
        null,
        lines.map((line) =>
          el(
            "li",
            null,
            line.map(partNode)
          )
        )
      )
    );
    this.figures.appendChild(el("p", { className: "pb-state-rule" }, [t("state.rule") + " ", link]));
  }
}

export function init() {
  const root = document.querySelector(".pb-state-page[data-pb-states]");
  if (!root || root.getAttribute("data-pb-ready")) return;
  root.setAttribute("data-pb-ready", "1");
  new StateBox(root).build();
}

onEachPage(init);
