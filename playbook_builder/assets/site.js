/* Job Quality Playbook: small behaviours for every page. The page reads and prints
 * without them; they add:
 * - on a wide table's scroll region, a class saying whether it has more to the side, so
 *   the "Scroll sideways" hint shows only when it does;
 * - for printing, every tip disclosure (<details>) opened, and each link within the
 *   site given its full address, which the print styles write after the link;
 * - on a checklist page, "Skip to content" pointing at the checklist (as the build
 *   writes it; an exported project built without the plugin gets it from here);
 * - in a guide that works offline (its pages link a web app manifest), the service worker
 *   that saves it (sw.js beside the manifest), and, with no network, the page's note
 *   that this is a copy saved on the device, with the day it was saved.
 */
(function () {
  "use strict";

  function watchRegion(region) {
    if (region.getAttribute("data-pb-watched")) { return; }
    region.setAttribute("data-pb-watched", "1");
    var box = region.closest(".pb-wide") || region;
    function update() {
      var more = region.scrollWidth > region.clientWidth + 1;
      box.classList.toggle("pb-overflowing", more);
      box.classList.toggle("pb-fits", !more);
    }
    // The observer's first call comes after the next layout; reading the sizes now would
    // force a layout of the whole page in the middle of the theme's start-up.
    if (window.ResizeObserver) { new ResizeObserver(update).observe(region); } else { update(); }
  }

  // On a checklist page "Skip to content" goes to the checklist itself. The build writes
  // this into the page; a plain build of an exported project (no plugin) gets it here.
  function skipToChecklist() {
    var skip = document.querySelector("a.md-skip");
    if (skip && document.getElementById("pb-checklist")) { skip.setAttribute("href", "#pb-checklist"); }
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll(".pb-table-scroll"), watchRegion);
    skipToChecklist();
    showSavedCopy();
  }

  // Links within the site print as full addresses (external ones already are).
  function addressLinks() {
    var links = document.querySelectorAll(".md-content a[href]");
    Array.prototype.forEach.call(links, function (link) {
      var href = link.getAttribute("href");
      if (!href || href.charAt(0) === "#" || /^[a-z][a-z0-9+.-]*:/i.test(href)) { return; }
      link.setAttribute("data-pb-address", link.href);
    });
  }

  var opened = [];
  window.addEventListener("beforeprint", function () {
    addressLinks();
    Array.prototype.forEach.call(document.querySelectorAll(".md-content details:not([open])"), function (d) {
      d.open = true;
      opened.push(d);
    });
  });
  window.addEventListener("afterprint", function () {
    opened.forEach(function (d) { d.open = false; });
    opened = [];
  });

  function guideRoot() {
    var manifest = document.querySelector('link[rel="manifest"]');
    return manifest ? new URL(".", manifest.href) : null;
  }

  function registerWorker() {
    var root = guideRoot();
    if (!root || !("serviceWorker" in navigator) || !/^https?:$/.test(location.protocol)) { return; }
    navigator.serviceWorker.register(new URL("sw.js", root).href, { scope: root.pathname })
      .catch(function () { /* the guide still works online */ });
  }

  function showSavedCopy(fromWorker) {
    // Online (the usual case) there is nothing to say: return before touching the page.
    if (!window.caches || (navigator.onLine && fromWorker !== true)) { return; }
    var note = document.querySelector("[data-pb-offline]");
    var root = guideRoot();
    if (!note || !root) { return; }
    caches.match(new URL("__saved__.json", root).href).then(function (response) {
      return response ? response.json() : null;
    }).then(function (about) {
      if (!about) { return; }
      var day = new Intl.DateTimeFormat(document.documentElement.lang || "en", { dateStyle: "long" })
        .format(new Date(about.saved));
      note.textContent = note.getAttribute("data-pb-offline").replace("%(date)s", day);
      note.hidden = false;
    }).catch(function () { /* no saved copy to describe */ });
  }

  registerWorker();
  if ("serviceWorker" in navigator) {
    navigator.serviceWorker.addEventListener("message", function (event) {
      if (event.data && event.data.type === "playbook-saved-copy") { showSavedCopy(true); }
    });
  }
  window.addEventListener("offline", showSavedCopy);
  window.addEventListener("online", function () {
    var note = document.querySelector("[data-pb-offline]");
    if (note) { note.hidden = true; }
  });

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
