/* The quick check: on a checklist whose content marks its most important items
 * (`core: true`), only those show at first, with the full list one tap away. The page
 * comes with the quick view already laid out (the stylesheet hides the other items when
 * scripting is on, so nothing jumps when this script arrives); this module swaps the
 * page's "Show all" link for a button and toggles `pb-full` on the form. Hidden items
 * keep their answers (the answers live in the checklist's state, not in the form).
 * Without scripting every item shows. Also: tips (details.pb-tips) open for printing
 * and close again afterwards.
 */
import { button, el } from "./dom.js";

export function buildQuickView(cl) {
  const bar = cl.form.querySelector(".pb-view-static");
  if (!bar) return null;
  const t = cl.t;
  const items = Array.prototype.slice.call(cl.form.querySelectorAll("fieldset.pb-item"));
  const core = items.filter((fieldset) => fieldset.hasAttribute("data-pb-core"));
  const counts = { core: core.length, total: items.length, count: items.length - core.length };
  const text = bar.querySelector(".pb-view-text");
  const top = button("", "pb-view-toggle");
  const bottom = button("", "pb-view-toggle");
  const view = { full: false };

  function show(full, announce) {
    view.full = full;
    cl.form.classList.toggle("pb-full", full);
    text.textContent = full ? t("view.full", counts) : t("view.quick", counts);
    top.textContent = full ? t("view.showQuick") : t("view.showAll", counts);
    bottom.textContent = full ? t("view.showQuick") : t("view.showRest", counts);
    // The short label on screen; the whole sentence for screen readers.
    if (full) top.removeAttribute("aria-label");
    else top.setAttribute("aria-label", t("view.quickLabel", counts));
    [top, bottom].forEach((toggle) => toggle.setAttribute("aria-pressed", String(full)));
    if (announce) cl.say(full ? t("view.nowAll", counts) : t("view.nowQuick", counts));
  }

  top.addEventListener("click", () => show(!view.full, true));
  bottom.addEventListener("click", () => {
    const wasFull = view.full;
    show(!wasFull, true);
    // Opening the rest: carry on with the first question that was hidden.
    if (!wasFull) {
      const next = items.find((fieldset) => !fieldset.hasAttribute("data-pb-core"));
      const radio = next && next.querySelector("input");
      if (radio) radio.focus();
    }
  });
  const link = bar.querySelector(".pb-view-all");
  if (link) link.replaceWith(top);
  else bar.appendChild(top);
  bar.classList.remove("pb-view-static");
  const sections = cl.form.querySelectorAll("fieldset.pb-section");
  const last = sections[sections.length - 1];
  last.parentNode.insertBefore(el("div", { className: "pb-view pb-view-end" }, [bottom]), last.nextSibling);
  // "Show all" followed before the script came (#pb-all): start with the full list.
  show(window.location.hash === "#pb-all", false);
  return { show, view };
}

/** Tips open while printing, as they were afterwards. */
export function watchPrinting(form) {
  let opened = [];
  window.addEventListener("beforeprint", () => {
    if (!form.isConnected) return;
    opened = Array.prototype.slice.call(form.querySelectorAll("details.pb-tips:not([open])"));
    opened.forEach((details) => {
      details.open = true;
    });
  });
  window.addEventListener("afterprint", () => {
    opened.forEach((details) => {
      details.open = false;
    });
    opened = [];
  });
}
