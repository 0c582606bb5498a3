/* Loads the checklist script on pages that have a checklist form, a "Your state" box or
 * a state's floors (worded again for the reader's own date),
 * and only there. The script is checklist.bundle.js: the ES modules of checklist/
 * joined at build time into one classic script (playbook_builder/checklists/jsbundle.py),
 * so a phone fetches one file instead of one per module. It is a script element of the
 * site's own origin added to the page, so it works under a Content-Security-Policy of
 * script-src 'self' (no inline script), and, added before the page finishes loading, it
 * delays the load event like any other script. With Material's instant navigation,
 * document$ emits for each page; the script initialises each new form itself.
 */
const BUNDLE = new URL("checklist.bundle.js", import.meta.url).href;

function loadChecklist() {
  const wanted =
    document.getElementById("pb-checklist") ||
    document.querySelector(".pb-state-page[data-pb-states]") ||
    document.querySelector(".pb-floors[data-pb-states]");
  if (!wanted || document.querySelector("script[data-pb-checklist]")) return;
  const script = document.createElement("script");
  script.src = BUNDLE;
  script.setAttribute("data-pb-checklist", "");
  document.head.appendChild(script);
}

loadChecklist();
if (window.document$ && typeof window.document$.subscribe === "function") {
  window.document$.subscribe(loadChecklist);
}
