/* The checklist's state and its form: answers per set (one set, or one per offer), the
 * radio buttons, the progress line, messages, and the order in which the page's parts
 * are built and redrawn. Each part lives in its own module; this one ties them.
 */
import { OFFER_KIND } from "./answers.js";
import { el } from "./dom.js";
import { buildActions } from "./files.js";
import { number } from "./format.js";
import { maybeShowKeepNotice } from "./keep-notice.js";
import { fillOfferDetails } from "./offer-details.js";
import { buildOffers, renderOfferList } from "./offers.js";
import { flagged, renderOffer } from "./offer-summary.js";
import { buildPairs } from "./pair.js";
import { Earlier } from "./earlier.js";
import { Peers } from "./peers.js";
import { renderPrintAnswers } from "./print.js";
import { buildQuickView, watchPrinting } from "./quick.js";
import { buildResults, renderScores } from "./results.js";
import { own, score } from "./scoring.js";
import { buildStateChoice, fillState } from "./states.js";
import { buildStorage, persist, Store } from "./storage.js";

export class Checklist {
  constructor(form, def, i18n) {
    this.form = form;
    this.def = def;
    this.t = i18n.t.bind(i18n);
    this.isOffer = def.kind === OFFER_KIND;
    this.scored = !this.isOffer;
    this.items = [];
    this.itemIds = new Set();
    this.option = Object.create(null);
    def.sections.forEach((section) => {
      section.items.forEach((item) => {
        this.items.push(item);
        this.itemIds.add(item.id);
      });
    });
    def.scale.forEach((option) => {
      this.option[option.value] = option;
    });
    this.store = new Store(def);
    this.sets = [this.emptySet(0)];
    this.current = 0;
    this.small = false;
    this.state = null; // offer checklists: the reader's state, a postal code
    this.locality = null; // and their city or area in it, a locality id (state-facts.js)
    this.pairs = [];
    // While the page starts (buildSteps, then start and finish): not ready, not finished;
    // the answers given meanwhile, item id -> value; the changes that wait for each.
    this.ready = false;
    this.finished = false;
    this.early = Object.create(null);
    this.onReady = [];
    this.below = [];
    // Self-assessment: the employer's size and industry for the benchmarks (peers.js),
    // kept with the answers; the parts that show benchmarks and an earlier assessment.
    this.peer = { workers: null, industry: null };
    this.peers = null; // peers.js (a Peers part)
    this.earlier = null; // earlier.js (an Earlier part)

    // Every other field of the page, declared here so the whole shape reads in one
    // place; each is set when its part is built, by the module named.
    this.radios = null; // item id -> its radio buttons (watchRadios, below)
    this.message = null; // the status line (build, below)
    this.error = null; // the error line (build, below)
    this.progress = null; // the progress bar (buildProgress, below)
    this.results = null; // the results section (build, below)
    this.view = null; // results.js: the results area's parts (overall, chart, plan...)
    this.quick = null; // quick.js: the quick-check view (offer checklists)
    this.smallBox = null; // plan.js: "A small employer"
    this.fileInput = null; // files.js: the restore file input
    this.confirmBox = null; // files.js: where "Clear my answers" asks to confirm
    this.rememberBox = null; // storage.js: "Remember my answers on this device"
    this.rememberHint = null; // storage.js: where the answers are kept, in words
    this.keepNoticeShown = false; // keep-notice.js: the once-only notice was shown
    this.offerList = null; // offers.js: the offers to pick from
    this.addOffer = null; // offers.js
    this.removeOffer = null; // offers.js
    this.offerLimit = null; // offers.js: "up to 3 offers"
    this.nameInput = null; // offers.js: the offer's name
    this.detailsBox = null; // offer-details.js: the offer's numbers, folded
    this.detailsSummary = null; // offer-details.js
    this.detailGrid = null; // offer-details.js: built when first opened
    this.detailInputs = null; // offer-details.js: detail key -> its input
    this.everyOpen = false; // offer-summary.js: "every question" left open
    this.moneyFormat = null; // offer-weigh.js: dollars in the page's locale
    this.stateSelect = null; // states.js: "Your state"
    this.stateStatus = null; // states.js: loading or failed, in words
    this.placeBox = null; // states.js: the city or area choice
    this.placeSelect = null; // states.js
    this.stateSource = null; // states.js: the states' data files (StateData)
    this.stateData = null; // states.js: the list of states, once loaded
    this.stateFormat = null; // states.js: money and dates for the floors
  }

  emptySet(index) {
    return { name: this.isOffer ? this.t("offer.default", { number: index + 1 }) : null, answers: {}, details: {} };
  }

  answers() {
    return this.sets[this.current].answers;
  }

  /** The chosen option for an item in a set of answers, or null. */
  chosen(answers, item) {
    return own(answers, item.id) ? this.option[answers[item.id]] || null : null;
  }

  offerName(index) {
    const set = this.sets[index];
    const name = set && set.name ? set.name.trim() : "";
    return name || this.t("offer.default", { number: index + 1 });
  }

  /* Storage records have the saved-file shape, so one reader serves both. */
  record() {
    const def = this.def;
    const doc = {
      format: def.format,
      checklist: def.checklist,
      version: def.version,
      edition: def.edition,
      kind: def.kind,
      title: def.title,
    };
    if (this.isOffer) {
      doc.offers = this.sets.map((set, index) => ({
        name: this.offerName(index),
        answers: set.answers,
        details: set.details,
      }));
      doc.current = this.current;
      if (this.state) doc.state = this.state;
      if (this.state && this.locality) doc.locality = this.locality;
    } else {
      doc.answers = this.sets[0].answers;
      if (this.small) doc.small_employer = true;
      if (this.peer.workers !== null || this.peer.industry !== null) {
        doc.peers = { workers: this.peer.workers, industry: this.peer.industry };
      }
    }
    return doc;
  }

  apply(result) {
    this.sets = result.sets.map((set, index) => ({
      name: this.isOffer ? set.name || this.t("offer.default", { number: index + 1 }) : null,
      answers: set.answers,
      details: set.details || {},
    }));
    this.current = result.current;
    this.small = result.small;
    this.state = result.state || null;
    this.locality = (this.state && result.locality) || null;
    this.peer = result.peers || { workers: null, industry: null };
  }

  /**
   * The page's parts, as steps to run in order (main.js runs them in short slices, so
   * a slow phone stays responsive while the page starts). Each step builds one part.
   * The parts a reader could use before the answers are in stay out of sight until
   * `start` (above the questions, `whenReady`) and `finish` (below them, `revealLater`);
   * only the questions work from the start, and an answer given that early is kept
   * (`watchRadios`, `start`).
   */
  buildSteps() {
    const form = this.form;
    const controls = form.querySelector(".pb-controls");
    // The controls above the questions are built aside and go in at once in `start`, so
    // the page moves at most once (the stylesheet keeps their room meanwhile).
    const top = document.createDocumentFragment();
    const steps = [
      () => {
        form.classList.add("pb-js");
        const article = form.closest(".md-content__inner") || form.parentElement;
        if (article) article.classList.add("pb-has-checklist");
        form.addEventListener("submit", (event) => event.preventDefault());
        this.watchRadios();
        this.message = el("p", { className: "pb-message", role: "status" });
        this.error = el("p", { className: "pb-error", role: "alert" });
      },
    ];
    if (this.isOffer) {
      // The first question comes first on a phone: only the offer and state choices sit
      // above the questions; keeping, saving and printing come after them.
      steps.push(
        () => top.appendChild(buildOffers(this)),
        () => {
          const state = buildStateChoice(this);
          if (state) top.appendChild(state);
          top.appendChild(this.message);
          top.appendChild(this.error);
        },
        () => {
          const end = el("div", { className: "pb-controls pb-controls-end", hidden: true }, [
            buildStorage(this),
            buildActions(this),
          ]);
          form.appendChild(end);
          this.revealLater(end);
        }
      );
    } else {
      steps.push(() => {
        top.appendChild(buildStorage(this));
        top.appendChild(buildActions(this));
        top.appendChild(this.message);
        top.appendChild(this.error);
      });
    }
    steps.push(
      () => {
        this.whenReady(() => {
          controls.textContent = "";
          controls.appendChild(top);
          controls.hidden = false;
        });
        watchPrinting(form);
        this.progress = this.buildProgress();
        this.progress.root.hidden = true;
        form.appendChild(this.progress.root);
        this.whenReady(() => {
          this.progress.root.hidden = false;
        });
      },
      () => {
        this.results = document.getElementById("pb-results");
        buildResults(this);
        this.revealLater(this.results);
      },
      () => {
        this.pairs = buildPairs(this);
        if (!this.isOffer) {
          this.peers = Peers.build(this);
          this.earlier = Earlier.build(this);
        }
      },
      () => {
        this.quick = buildQuickView(this);
      }
    );
    return steps;
  }

  /** Runs `change` once the page has started (at once if it has). */
  whenReady(change) {
    if (this.ready) change();
    else this.onReady.push(change);
  }

  /** Shows `node`, a part below the questions, once the page has started and painted
   * what sits above them (`finish`): two smaller pieces of work for a slow phone. */
  revealLater(node) {
    if (this.finished) node.hidden = false;
    else this.below.push(node);
  }

  /**
   * The last step but one: answers kept on the device, with those given before the
   * script listened and while the page started (they are newer), into the form and the
   * summary; then the controls above the questions show.
   */
  start() {
    const answers = this.answers();
    // A question answered before the script listened (the form works without it) keeps
    // that answer where none was kept for it.
    const before = Object.keys(this.radios).filter((id) => {
      const on = own(answers, id) ? null : this.radios[id].find((radio) => radio.checked && radio.value in this.option);
      if (on) answers[id] = on.value;
      return Boolean(on);
    });
    const early = Object.keys(this.early);
    early.forEach((id) => {
      answers[id] = this.early[id];
    });
    this.early = Object.create(null);
    if (before.length || early.length) persist(this);
    this.fillForm();
    this.render(false);
    this.ready = true;
    this.onReady.forEach((change) => change());
    this.onReady = [];
  }

  /** The last step, after a paint: the parts below the questions show, and the form is
   * no longer busy. `notices` are the messages about the kept answers. */
  finish(notices) {
    this.finished = true;
    this.below.forEach((node) => {
      node.hidden = false;
    });
    this.below = [];
    this.form.removeAttribute("aria-busy");
    if (notices.length) this.say(notices.join(" "));
  }

  watchRadios() {
    this.radios = Object.create(null);
    this.form.querySelectorAll("fieldset.pb-item").forEach((fieldset) => {
      const id = fieldset.getAttribute("data-pb-item");
      this.radios[id] = Array.prototype.slice.call(fieldset.querySelectorAll('input[type="radio"]'));
    });
    this.form.addEventListener("change", (event) => {
      const target = event.target;
      if (!target || target.type !== "radio" || !target.closest(".pb-item")) return;
      const id = target.closest(".pb-item").getAttribute("data-pb-item");
      if (!this.itemIds.has(id) || !(target.value in this.option)) return;
      if (!this.ready) {
        this.early[id] = target.value;
        return;
      }
      this.answers()[id] = target.value;
      this.changed(true);
      maybeShowKeepNotice(this, target.closest(".pb-item"));
    });
  }

  buildProgress() {
    const text = el("span", { className: "pb-progress-text" });
    const fill = el("span", { className: "pb-progress-fill" });
    const bar = el("span", { className: "pb-progress-bar", "aria-hidden": "true" }, [fill]);
    const link = el("a", {
      href: "#pb-results",
      className: "pb-progress-link",
      text: this.t(this.isOffer ? "progress.summary" : "progress.results"),
    });
    const live = el("span", { className: "pb-progress-live", role: "status" }, [text]);
    return { root: el("div", { className: "pb-progress" }, [live, bar, link]), text, fill };
  }

  say(text, isError) {
    this.message.textContent = isError ? "" : text;
    this.error.textContent = isError ? text : "";
  }

  fillForm() {
    const answers = this.answers();
    Object.keys(this.radios).forEach((id) => {
      const value = own(answers, id) ? answers[id] : null;
      this.radios[id].forEach((radio) => {
        radio.checked = radio.value === value;
      });
    });
    if (this.smallBox) this.smallBox.checked = this.small;
    if (this.peers) this.peers.fill();
    if (this.isOffer) {
      renderOfferList(this);
      fillOfferDetails(this);
      fillState(this);
    }
  }

  changed(announce) {
    persist(this);
    this.render(announce);
  }

  render(announce) {
    const answers = this.answers();
    const result = score(this.def, answers);
    this.renderProgress(answers, result, announce);
    if (this.isOffer) renderOffer(this, answers);
    else {
      if (this.earlier) this.earlier.render(); // before the plan, which marks what improved
      renderScores(this, answers, result);
      if (this.peers) this.peers.render();
      renderPrintAnswers(this, answers);
    }
    this.pairs.forEach((pair) => pair.render());
  }

  renderProgress(answers, result, announce) {
    const t = this.t;
    const total = this.items.length;
    this.progress.fill.style.width = total ? (100 * result.answered) / total + "%" : "0";
    const parts = [];
    if (this.isOffer) parts.push(t("progress.offer", { name: this.offerName(this.current) }));
    parts.push(t("progress.answered", { answered: result.answered, total }));
    if (this.isOffer) parts.push(t("progress.flags", { count: flagged(this, answers).length }));
    else if (result.overall !== null) parts.push(t("progress.score", { score: number(result.overall) }));
    // Text that changes is announced politely by the status role; only on answers.
    this.progress.text.parentNode.setAttribute("aria-live", announce ? "polite" : "off");
    this.progress.text.textContent = parts.join(" ");
  }
}
