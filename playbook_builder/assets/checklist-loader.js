/* Loads the checklist script (checklist/main.js, an ES module) on pages that have a
 * checklist form, and only there. It is a script element of the site's own origin
 * added to the page, so it works under a Content-Security-Policy of script-src 'self'
 * (no inline script), and, added before the page finishes loading, it delays the load
 * event like any other script. With Material's instant navigation, document$ emits for
 * each page; the entry module initialises each new form itself.
 */
const ENTRY = new URL("checklist/main.js", import.meta.url).href;
// A page with a "Your state" box but no checklist (the rights page) gets only that.
const STATE_ENTRY = new URL("checklist/state-page.js", import.meta.url).href;
// Every module main.js imports, directly or not: preloaded together, they arrive in one
// round of requests instead of one round per level of imports (tests/test_js.py checks
// the list against the folder).
const MODULES = [
  "answers-csv.js",
  "answers.js",
  "compare.js",
  "dom.js",
  "files.js",
  "form.js",
  "format.js",
  "i18n.js",
  "keep-notice.js",
  "offer-details.js",
  "offer-figures.js",
  "offer-summary.js",
  "offer-weigh.js",
  "offers.js",
  "pair-table.js",
  "pair.js",
  "plan.js",
  "print.js",
  "quick.js",
  "results.js",
  "scoring.js",
  "state-facts.js",
  "states.js",
  "storage.js",
  "strings-en.js",
];

function preload() {
  MODULES.forEach((name) => {
    const link = document.createElement("link");
    link.rel = "modulepreload";
    link.href = new URL("checklist/" + name, import.meta.url).href;
    document.head.appendChild(link);
  });
}

function addModule(src, marker) {
  if (document.querySelector("script[" + marker + "]")) return;
  const script = document.createElement("script");
  script.type = "module";
  script.src = src;
  script.setAttribute(marker, "");
  document.head.appendChild(script);
}

function loadChecklist() {
  if (document.querySelector(".pb-state-page[data-pb-states]")) addModule(STATE_ENTRY, "data-pb-state-page");
  if (!document.getElementById("pb-checklist")) return;
  if (!document.querySelector("script[data-pb-checklist]")) preload();
  addModule(ENTRY, "data-pb-checklist");
}

loadChecklist();
if (window.document$ && typeof window.document$.subscribe === "function") {
  window.document$.subscribe(loadChecklist);
}
