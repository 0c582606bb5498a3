/* The quick check: on a checklist whose content marks its most important items
 * (`core: true`), only those show at first, with the full list one tap away. Hidden
 * items keep their answers (the answers live in the checklist's state, not in the
 * form). Without the script every item shows. Also: tips (details.pb-tips) open for
 * printing and close again afterwards.
 */
import { button, el } from "./dom.js";

export function buildQuickView(cl) {
  const items = Array.prototype.slice.call(cl.form.querySelectorAll("fieldset.pb-item"));
  const core = items.filter((fieldset) => fieldset.hasAttribute("data-pb-core"));
  if (!core.length || core.length === items.length) return null;
  const t = cl.t;
  const counts = { core: core.length, total: items.length, count: items.length - core.length };
  const text = el("p", { className: "pb-view-text" });
  const top = button("", "pb-view-toggle");
  const bottom = button("", "pb-view-toggle");
  const sections = Array.prototype.slice.call(cl.form.querySelectorAll("fieldset.pb-section"));
  const view = { full: false };

  function show(full, announce) {
    view.full = full;
    items.forEach((fieldset) => {
      fieldset.hidden = !full && !fieldset.hasAttribute("data-pb-core");
    });
    sections.forEach((section) => {
      section.hidden = !full && !section.querySelector("fieldset.pb-item[data-pb-core]");
    });
    cl.form.classList.toggle("pb-quick", !full);
    text.textContent = full ? t("view.full", counts) : t("view.quick", counts);
    top.textContent = full ? t("view.showQuick") : t("view.showAll", counts);
    // The short label on screen; the whole sentence for screen readers.
    if (full) top.removeAttribute("aria-label");
    else top.setAttribute("aria-label", t("view.quickLabel", counts));
    bottom.textContent = full ? t("view.showQuick") : t("view.showRest", counts);
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
  const first = sections[0];
  const bar = el("div", { className: "pb-view" }, [text, top]);
  first.parentNode.insertBefore(bar, first);
  const end = el("div", { className: "pb-view pb-view-end" }, [bottom]);
  const last = sections[sections.length - 1];
  last.parentNode.insertBefore(end, last.nextSibling);
  show(false, false);
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
