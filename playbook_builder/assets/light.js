/* Job Quality Playbook: the theme's behaviours a light page still needs, without the
 * theme's own script. An edition with `light: true` (the jobseekers' guides, read on
 * prepaid data and older phones) publishes its pages with this file in place of the
 * theme's bundle (render/page_chrome.py), which saves about 70 KB and most of the start-up
 * work of every first visit. The page reads, prints and navigates without any script (the
 * menu is the theme's own checkbox); this file adds:
 * - search: the theme's search box and dialog, with the index (search/search_index.json)
 *   fetched only when the reader opens the search, never on page load. Results are built
 *   as text, never as HTML from the index;
 * - the light and dark colour switch, kept as the theme keeps it (__md_get/__md_set, which
 *   the theme's inline head script reads on the next page).
 * It does nothing on a page where the theme's script runs (window.document$ is set).
 */
(function () {
  "use strict";
  if (window.document$) { return; }
  // The theme's script starts by taking the "no-js" class off the root, which restyles
  // the whole page; a light page is published without it (render/page_chrome.py) and
  // hides the script-only controls with @media (scripting: none) (playbook.css).

  var MAX_RESULTS = 10;
  var config = {};
  try {
    var node = document.getElementById("__config");
    config = node ? JSON.parse(node.textContent) : {};
  } catch (e) {
    config = {};
  }
  var words = config.translations || {};
  var baseUrl = new URL((config.base || ".").replace(/\/?$/, "/"), location.href);

  function say(key, count) {
    var text = words[key] || "";
    return typeof count === "number" ? text.replace("#", String(count)) : text;
  }

  // Letters without accents, in lower case: "Pagó" finds "pago" and "pago" finds "Pagó".
  function fold(text) {
    return String(text).normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  var ENTITIES = { "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": "\"", "&#39;": "'", "&nbsp;": " " };
  // The index holds the pages' text as HTML: its text only, for matching and for the
  // teaser (which reaches the page through textContent, never as markup).
  function plain(html) {
    return String(html || "")
      .replace(/<[^>]*>/g, " ")
      .replace(/&(amp|lt|gt|quot|#39|nbsp);/g, function (m) { return ENTITIES[m]; })
      .replace(/\s+/g, " ")
      .trim();
  }

  // ---------------------------------------------------------------------- search

  var docs = null;
  var loading = null;

  function loadIndex() {
    if (!loading) {
      loading = fetch(new URL("search/search_index.json", baseUrl).href, { credentials: "same-origin" })
        .then(function (response) {
          if (!response.ok) { throw new Error(String(response.status)); }
          return response.json();
        })
        .then(function (index) {
          docs = (Array.isArray(index && index.docs) ? index.docs : []).map(function (doc) {
            var title = plain(doc.title);
            var text = plain(doc.text);
            return { location: String(doc.location || ""), title: title, text: text, key: fold(title), body: fold(text) };
          });
          return docs;
        });
      loading.catch(function () { loading = null; });
    }
    return loading;
  }

  /** Pages whose title or text has every word of the query, best first. */
  function find(query) {
    var terms = fold(query).split(/[\s\-]+/).filter(function (t) { return t.length > 1; });
    if (!terms.length || !docs) { return []; }
    var found = [];
    docs.forEach(function (doc) {
      var score = 0;
      for (var i = 0; i < terms.length; i++) {
        var inTitle = doc.key.indexOf(terms[i]) !== -1;
        var at = doc.body.indexOf(terms[i]);
        if (!inTitle && at === -1) { return; }
        score += (inTitle ? 10 : 0) + (at === -1 ? 0 : 1);
      }
      // A whole page before one of its sections when both match as well.
      if (doc.location.indexOf("#") === -1) { score += 0.5; }
      found.push({ doc: doc, score: score, at: doc.body.indexOf(terms[0]) });
    });
    found.sort(function (a, b) { return b.score - a.score; });
    return found;
  }

  function teaser(hit) {
    var text = hit.doc.text;
    var start = Math.max(0, (hit.at === -1 ? 0 : hit.at) - 40);
    var cut = text.slice(start, start + 160);
    return (start > 0 ? "… " : "") + cut + (start + 160 < text.length ? " …" : "");
  }

  function resultItem(hit) {
    var item = document.createElement("li");
    item.className = "md-search-result__item";
    var link = document.createElement("a");
    link.className = "md-search-result__link";
    link.href = new URL(hit.doc.location, baseUrl).href;
    var article = document.createElement("article");
    article.className = "md-search-result__article md-typeset";
    var title = document.createElement("h1");
    title.textContent = hit.doc.title;
    var text = document.createElement("p");
    text.className = "md-search-result__teaser";
    text.textContent = teaser(hit);
    article.appendChild(title);
    article.appendChild(text);
    link.appendChild(article);
    item.appendChild(link);
    return item;
  }

  function setUpSearch() {
    var toggle = document.getElementById("__search");
    var input = document.querySelector("[data-md-component=search-query]");
    var result = document.querySelector("[data-md-component=search-result]");
    if (!toggle || !input || !result) { return; }
    var meta = result.querySelector(".md-search-result__meta");
    var list = result.querySelector(".md-search-result__list");
    if (meta) { meta.setAttribute("aria-live", "polite"); }

    function show() {
      var query = input.value.trim();
      if (!list || !meta) { return; }
      list.textContent = "";
      if (!query) { meta.textContent = say("search.result.placeholder"); return; }
      if (!docs) { return; }
      var hits = find(query);
      meta.textContent = hits.length === 0 ? say("search.result.none")
        : hits.length === 1 ? say("search.result.one") : say("search.result.other", hits.length);
      hits.slice(0, MAX_RESULTS).forEach(function (hit) { list.appendChild(resultItem(hit)); });
    }

    function open() {
      if (meta && !docs) { meta.textContent = say("search.result.placeholder"); }
      // Without a connection (and no saved copy of the index) the box stays ready; the
      // next key press tries again.
      loadIndex().then(show, function () {});
    }

    // Opening the dialog (the header's search button is a label for the checkbox) puts
    // the cursor in the box; typing in the box on a wide screen opens the results.
    toggle.addEventListener("change", function () {
      if (toggle.checked) { input.focus(); open(); }
    });
    input.addEventListener("focus", function () {
      if (!toggle.checked) { toggle.checked = true; }
      open();
    });
    var timer = null;
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(show, 120);
    });
    var form = input.form;
    if (form) {
      // Enter opens the first result; the form itself goes nowhere.
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        var first = list && list.querySelector("a");
        if (first) { location.href = first.href; }
      });
      form.addEventListener("reset", function () { setTimeout(show, 0); });
    }
    // Tabbing on past the search closes it, so it never covers the part of the page the
    // focus has moved to (a click on nothing in particular leaves it open, as before).
    var dialog = input.closest("[data-md-component=search]");
    if (dialog) {
      dialog.addEventListener("focusout", function (event) {
        var next = event.relatedTarget;
        if (toggle.checked && next && !dialog.contains(next)) { toggle.checked = false; }
      });
    }
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && toggle.checked) {
        toggle.checked = false;
        input.blur();
      }
    });
  }

  // ---------------------------------------------------------------------- colours

  var COLOURS = ["media", "scheme", "primary", "accent"];

  function apply(input, options) {
    var color = {};
    COLOURS.forEach(function (key) {
      color[key] = input.getAttribute("data-md-color-" + key);
      // Only what differs: the page's own head script has set the saved colours already,
      // and setting an attribute on the body again makes the browser restyle the page.
      var name = "data-md-color-" + key;
      if (key !== "media" && document.body.getAttribute(name) !== color[key]) {
        document.body.setAttribute(name, color[key]);
      }
    });
    // The button shown is the one that switches to the next scheme (the label after the
    // checked input), as the theme shows it.
    options.forEach(function (other) {
      var label = other.nextElementSibling;
      var hide = other !== input;
      if (label && label.tagName === "LABEL" && label.hidden !== hide) { label.hidden = hide; }
    });
    return { index: options.indexOf(input), color: color };
  }

  function setUpPalette() {
    var form = document.querySelector("[data-md-component=palette]");
    if (!form) { return; }
    var options = Array.prototype.slice.call(form.querySelectorAll("input[name=__palette]"));
    if (!options.length) { return; }
    var saved = null;
    try { saved = window.__md_get ? window.__md_get("__palette") : null; } catch (e) { saved = null; }
    var current = saved && typeof saved.index === "number" ? options[saved.index] : null;
    if (!current) {
      current = options.filter(function (input) {
        var media = input.getAttribute("data-md-color-media");
        return media && window.matchMedia && window.matchMedia(media).matches;
      })[0] || options[0];
    }
    current.checked = true;
    apply(current, options);
    options.forEach(function (input) {
      input.addEventListener("change", function () {
        if (!input.checked) { return; }
        var chosen = apply(input, options);
        if (window.__md_set) { window.__md_set("__palette", chosen); }
      });
    });
  }

  function init() {
    setUpSearch();
    setUpPalette();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
