/* Job Quality Playbook: facet filters for index tables (practices, case studies).
 * The table is complete without JavaScript; this adds one select per facet column. */
(function () {
  "use strict";

  // Choices read in sentence case ("Low", not "low"); the value matched stays the cell's.
  function sentence(text) {
    return text.charAt(0).toUpperCase() + text.slice(1);
  }

  function cellValues(cell) {
    return cell.textContent.split(",").map(function (v) { return v.trim(); }).filter(Boolean);
  }

  function enhance(box) {
    if (box.dataset.pbReady) { return; }
    var table = box.querySelector("table");
    if (!table || !table.tBodies.length) { return; }
    box.dataset.pbReady = "1";
    var headers = Array.prototype.map.call(table.tHead.rows[0].cells, function (th) { return th.textContent.trim(); });
    var columns = (box.dataset.pbFacets || "").split(",").map(Number).filter(function (n) { return n > 0 && n < headers.length; });
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    var bar = document.createElement("div");
    bar.className = "pb-filter";
    bar.setAttribute("role", "group");
    bar.setAttribute("aria-label", "Filter the table");
    var status = document.createElement("p");
    status.className = "pb-status";
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    var selects = [];
    columns.forEach(function (col) {
      var values = {};
      rows.forEach(function (row) { cellValues(row.cells[col]).forEach(function (v) { values[v] = true; }); });
      var label = document.createElement("label");
      label.textContent = headers[col];
      var select = document.createElement("select");
      var any = document.createElement("option");
      any.value = "";
      any.textContent = "Any";
      select.appendChild(any);
      Object.keys(values).sort().forEach(function (v) {
        var option = document.createElement("option");
        option.value = v;
        option.textContent = sentence(v);
        select.appendChild(option);
      });
      select.dataset.col = String(col);
      select.addEventListener("change", apply);
      label.appendChild(select);
      bar.appendChild(label);
      selects.push(select);
    });
    var reset = document.createElement("button");
    reset.type = "button";
    reset.className = "pb-button pb-filter-reset";
    reset.textContent = "Clear filters";
    reset.hidden = true;
    reset.addEventListener("click", function () {
      selects.forEach(function (s) { s.value = ""; });
      apply();
      if (selects.length) { selects[0].focus(); }
    });
    bar.appendChild(reset);
    function apply() {
      var shown = 0;
      rows.forEach(function (row) {
        var keep = selects.every(function (s) {
          return !s.value || cellValues(row.cells[Number(s.dataset.col)]).indexOf(s.value) !== -1;
        });
        row.hidden = !keep;
        if (keep) { shown += 1; }
      });
      var filtered = selects.some(function (s) { return s.value; });
      reset.hidden = !filtered;
      status.textContent = shown === 0
        ? "Nothing matches these filters. Clear the filters to see all " + rows.length + "."
        : "Showing " + shown + " of " + rows.length + ".";
    }
    box.insertBefore(status, box.firstChild);
    box.insertBefore(bar, status);
    apply();
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll(".pb-filterable"), enhance);
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
