/* global document */
/*
 * Sortable tables: every table.sortable gets a button in each column header; activating it sorts the
 * rows by that column (numbers and percentages as numbers, dates by their data-sort value) and sets
 * aria-sort. Without JavaScript the tables are plain; the search results sort on the server.
 */
(function () {
  "use strict";

  function cellValue(row, index) {
    var cell = row.cells[index];
    if (!cell) return "";
    var explicit = cell.getAttribute("data-sort");
    if (explicit !== null) return explicit;
    var time = cell.querySelector("time[datetime]");
    if (time) return time.getAttribute("datetime");
    return (cell.textContent || "").trim();
  }

  function asNumber(text) {
    var cleaned = text.replace(/[%,\u2212]/g, function (c) {
      return c === "\u2212" ? "-" : "";
    });
    return /^-?\d+(\.\d+)?$/.test(cleaned) ? parseFloat(cleaned) : null;
  }

  function sortBy(table, index, header) {
    var body = table.tBodies[0];
    if (!body) return;
    var rows = Array.prototype.slice.call(body.rows);
    var ascending = header.getAttribute("aria-sort") !== "ascending";
    var numeric = rows.every(function (row) {
      var v = cellValue(row, index);
      return v === "" || v === "\u2014" || asNumber(v) !== null;
    });
    rows.sort(function (a, b) {
      var x = cellValue(a, index);
      var y = cellValue(b, index);
      var result;
      if (numeric) {
        var nx = asNumber(x);
        var ny = asNumber(y);
        result = (nx === null ? -Infinity : nx) - (ny === null ? -Infinity : ny);
      } else {
        result = x.localeCompare(y, "en");
      }
      return ascending ? result : -result;
    });
    rows.forEach(function (row) {
      body.appendChild(row);
    });
    var headers = table.tHead.rows[0].cells;
    for (var i = 0; i < headers.length; i++) headers[i].removeAttribute("aria-sort");
    header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
  }

  var tables = document.querySelectorAll("table.sortable");
  for (var t = 0; t < tables.length; t++) {
    (function (table) {
      if (!table.tHead || !table.tBodies[0] || table.tBodies[0].rows.length < 3) return;
      var headers = table.tHead.rows[0].cells;
      for (var i = 0; i < headers.length; i++) {
        (function (header, index) {
          if (header.querySelector("a, button")) return;
          var button = document.createElement("button");
          button.type = "button";
          button.className = "sort";
          while (header.firstChild) button.appendChild(header.firstChild);
          header.appendChild(button);
          button.addEventListener("click", function () {
            sortBy(table, index, header);
          });
        })(headers[i], i);
      }
    })(tables[t]);
  }
})();
