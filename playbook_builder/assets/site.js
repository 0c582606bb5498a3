/* Job Quality Playbook: small behaviours for every page. The page reads and prints
 * without them; they add:
 * - on a wide table's scroll region, a class saying whether it has more to the side, so
 *   the "Scroll sideways" hint shows only when it does;
 * - for printing, every tip disclosure (<details>) opened, and each link within the
 *   site given its full address, which the print styles write after the link;
 * - on a checklist page, "Skip to content" pointing at the checklist (as the build
 *   writes it; an exported project built without the plugin gets it from here).
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

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
