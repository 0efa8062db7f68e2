// Sorting and filtering of data tables. The pages are complete without it; this only adds convenience.
(function () {
  "use strict";
  function cellValue(row, index, type) {
    var cell = row.cells[index];
    var raw = cell ? (cell.getAttribute("data-sort") || "") : "";
    if (type === "num") {
      var n = parseFloat(raw);
      return isNaN(n) ? Number.NEGATIVE_INFINITY : n;
    }
    return raw.toLowerCase();
  }
  function sortTable(table, th, index, type) {
    var ascending = th.getAttribute("aria-sort") !== "ascending";
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (c) { c.setAttribute("aria-sort", "none"); });
    th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = cellValue(a, index, type), y = cellValue(b, index, type);
      var r = x < y ? -1 : x > y ? 1 : 0;
      return ascending ? r : -r;
    });
    rows.forEach(function (r) { body.appendChild(r); });
  }
  document.querySelectorAll("table.sortable").forEach(function (table) {
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, index) {
      var button = th.querySelector("button.sort");
      if (button) {
        button.addEventListener("click", function () { sortTable(table, th, index, button.getAttribute("data-type")); });
      }
    });
  });
  document.querySelectorAll("input[data-filter]").forEach(function (input) {
    var table = document.getElementById(input.getAttribute("data-filter"));
    input.addEventListener("input", function () {
      var q = input.value.trim().toLowerCase();
      Array.prototype.forEach.call(table.tBodies[0].rows, function (row) {
        row.hidden = q.length > 0 && row.textContent.toLowerCase().indexOf(q) < 0;
      });
    });
  });
})();
