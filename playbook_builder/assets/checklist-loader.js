/* Loads the checklist script (checklist/main.js, an ES module) on pages that have a
 * checklist form, and only there. It is a script element of the site's own origin
 * added to the page, so it works under a Content-Security-Policy of script-src 'self'
 * (no inline script), and, added before the page finishes loading, it delays the load
 * event like any other script. With Material's instant navigation, document$ emits for
 * each page; the entry module initialises each new form itself.
 */
const ENTRY = new URL("checklist/main.js", import.meta.url).href;

function loadChecklist() {
  if (!document.getElementById("pb-checklist")) return;
  if (document.querySelector("script[data-pb-checklist]")) return;
  const script = document.createElement("script");
  script.type = "module";
  script.src = ENTRY;
  script.setAttribute("data-pb-checklist", "");
  document.head.appendChild(script);
}

loadChecklist();
if (window.document$ && typeof window.document$.subscribe === "function") {
  window.document$.subscribe(loadChecklist);
}
