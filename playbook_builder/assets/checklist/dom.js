/* Building page elements. Text always goes in as text (textContent or text nodes),
 * never as HTML, so a name or value from a file stays text.
 */

import { isPlainObject } from "./answers.js";

let uid = 0;

/** The string table a page carries in <template class="pb-strings"> inside `root` (a
 * translated edition), or an empty table. */
export function pageStrings(root) {
  const holder = root.querySelector("template.pb-strings");
  if (!holder) return {};
  try {
    const table = JSON.parse(holder.content ? holder.content.textContent : holder.textContent);
    return isPlainObject(table) ? table : {};
  } catch (error) {
    return {};
  }
}

/** Run `init` on this page and on each page Material's instant navigation swaps in.
 * document$ does not emit for a page opened from disk, so `init` also runs now (or when
 * the page has loaded); it must do nothing the second time on the same page. */
export function onEachPage(init) {
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
}

// A slice of start-up work runs for about this long before the browser gets a turn.
const SLICE_MS = 5;

/**
 * Runs `steps` (functions) in order, in slices of about SLICE_MS: after a slice the
 * browser handles taps, keys and painting before the next one, so on a slow phone no
 * part of the page's start holds it for long. The first slice, too, waits for the
 * browser's turn: the script that asks has just been read and run, which took a while
 * of its own. A step marked `afterPaint` waits for a paint first. Stops before a step
 * when `wanted()` is false. A step that throws stops the rest, and the error is
 * reported as any uncaught error is.
 */
export function inSlices(steps, wanted) {
  let next = 0;
  function slice(painted) {
    const began = performance.now();
    let fresh = painted === true; // called just after a paint, nothing run since
    while (next < steps.length) {
      if (wanted && !wanted()) return;
      if (steps[next].afterPaint && !fresh) {
        nextPaint(() => slice(true));
        return;
      }
      fresh = false;
      steps[next]();
      next += 1;
      if (next < steps.length && performance.now() - began >= SLICE_MS) {
        setTimeout(slice, 0);
        return;
      }
    }
  }
  setTimeout(slice, 0);
}

/** Marks a step of inSlices to run only after the browser has painted what the steps
 * before it changed, so that two changes are laid out and painted as two pieces. */
export function afterPaint(step) {
  step.afterPaint = true;
  return step;
}

// After the next frame; a page not on show paints no frames, so there, at once.
function nextPaint(run) {
  if (document.visibilityState === "visible" && typeof requestAnimationFrame === "function") {
    requestAnimationFrame(() => setTimeout(run, 0));
  } else setTimeout(run, 0);
}

export function el(tag, attrs, children) {
  const node = document.createElement(tag);
  if (attrs) {
    Object.keys(attrs).forEach((name) => {
      const value = attrs[name];
      if (value === null || value === undefined || value === false) return;
      if (name === "text") node.textContent = value;
      else if (name === "className") node.className = value;
      else if (value === true) node.setAttribute(name, "");
      else node.setAttribute(name, String(value));
    });
  }
  (children || []).forEach((child) => {
    if (child === null || child === undefined || child === false) return;
    node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
  });
  return node;
}

/**
 * A chosen file's bytes, as { name, bytes } (a Uint8Array), or { name, bytes: null,
 * error, params } when it is over `limit` bytes or the browser could not read it.
 * Never rejects.
 */
export function fileBytes(file, limit) {
  if (file.size > limit) {
    return Promise.resolve({ name: file.name, bytes: null, error: "too-big", params: { limit: Math.round(limit / 1024) } });
  }
  return file.arrayBuffer().then(
    (buffer) => ({ name: file.name, bytes: new Uint8Array(buffer) }),
    () => ({ name: file.name, bytes: null, error: "unreadable" })
  );
}

export function nextId(base) {
  uid += 1;
  return "pb-" + base + "-" + uid;
}

export function button(label, className) {
  return el("button", { type: "button", className: "pb-button " + (className || ""), text: label });
}

export function download(filename, mime, text) {
  const url = URL.createObjectURL(new Blob([text], { type: mime }));
  const link = document.createElement("a");
  link.href = url;
  link.download = filename;
  // Not attached to the page, so Material's instant navigation never sees the click.
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

/** An inline "are you sure?" in `box`, with focus moved to it and back to `returnTo`. */
export function confirmInline(box, strings, returnTo, onYes) {
  const questionId = nextId("confirm");
  const yes = button(strings.yes, "pb-danger");
  const no = button(strings.cancel);
  box.textContent = "";
  box.setAttribute("aria-labelledby", questionId);
  box.appendChild(el("p", { id: questionId, text: strings.question }));
  box.appendChild(yes);
  box.appendChild(no);
  box.hidden = false;
  function close() {
    box.hidden = true;
    box.textContent = "";
    if (returnTo && !returnTo.disabled) returnTo.focus();
  }
  yes.addEventListener("click", () => {
    onYes();
    close();
  });
  no.addEventListener("click", close);
  box.addEventListener("keydown", (event) => {
    if (event.key === "Escape") close();
  });
  yes.focus();
}

/** A focusable, labelled scroll region around a wide table, in a box that carries the
 * "there is more to the side" cue (see .pb-wide in playbook.css): the hint text
 * (label.hint, optional) shows only while the table is wider than its region. */
export function tableRegion(table, label) {
  const attrs = { className: "pb-table-scroll", role: "region", tabindex: "0" };
  if (label.id) attrs["aria-labelledby"] = label.id;
  else attrs["aria-label"] = label.text;
  const region = el("div", attrs, [table]);
  const hint = label.hint ? el("p", { className: "pb-scroll-hint", text: label.hint }) : null;
  const box = el("div", { className: "pb-wide" }, [hint, region]);
  if (typeof ResizeObserver === "function") {
    new ResizeObserver(() => {
      const more = region.scrollWidth > region.clientWidth + 1;
      box.classList.toggle("pb-overflowing", more);
      box.classList.toggle("pb-fits", !more);
    }).observe(region);
  }
  return box;
}

// JSON from the site itself. A page opened from disk cannot fetch files (browsers
// refuse file:// requests), so there it runs the same data as a classic script, which a
// site built to be read from disk has beside the JSON file (name.js for name.json:
// jurisdictions.SCRIPT_PATH); the script leaves the data in window.playbookData under
// its own address. Without that file, the promise fails as a fetch would.
export function fetchJson(href) {
  if (window.location.protocol === "file:") return dataScript(href);
  return fetch(new URL(href, window.location.href).href, { credentials: "same-origin" }).then((response) => {
    if (!response.ok) throw new Error(String(response.status));
    return response.json();
  });
}

function dataScript(href) {
  const src = new URL(String(href).replace(/\.json$/, ".js"), window.location.href).href;
  const kept = () => {
    const data = window.playbookData;
    return data && Object.prototype.hasOwnProperty.call(data, src) ? data[src] : undefined;
  };
  if (kept() !== undefined) return Promise.resolve(kept());
  return new Promise((resolve, reject) => {
    const script = document.createElement("script");
    script.src = src;
    script.addEventListener("load", () => (kept() !== undefined ? resolve(kept()) : reject(new Error("data"))));
    script.addEventListener("error", () => reject(new Error("file")));
    document.head.appendChild(script);
  });
}

/**
 * One part of a line of state facts (state-facts.js): plain text, a link or bold text.
 * `part.en`, when given, is the words of the text that are a name in English (an office,
 * a publisher); they are marked lang="en" so a Spanish page does not read them as Spanish.
 */
export function partNode(part) {
  let content = [part.text];
  const at = part.en ? part.text.indexOf(part.en) : -1;
  if (at >= 0) {
    const english = el("span", { lang: "en", text: part.en });
    content = [part.text.slice(0, at), english, part.text.slice(at + part.en.length)].filter((bit) => bit !== "");
  }
  if (part.href) return el("a", { href: part.href }, content);
  if (part.strong) return el("strong", null, content);
  return at >= 0 ? el("span", null, content) : document.createTextNode(part.text);
}
