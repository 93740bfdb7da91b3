// Sorting and filtering for tables; every page is complete without it.
(function () {
  "use strict";
  function cellValue(row, index, numeric) {
    var cell = row.cells[index];
    if (!cell) return numeric ? -Infinity : "";
    var raw = cell.getAttribute("data-value") || cell.textContent.trim();
    if (!numeric) return raw.toLowerCase();
    var n = parseFloat(raw);
    return isNaN(n) ? -Infinity : n;
  }
  function sortBy(table, th, index) {
    var body = table.tBodies[0];
    if (!body) return;
    var numeric = th.getAttribute("data-sort") === "number";
    var descending = th.getAttribute("data-sorted") === "asc";
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = cellValue(a, index, numeric), y = cellValue(b, index, numeric);
      var order = x < y ? -1 : x > y ? 1 : 0;
      return descending ? -order : order;
    });
    Array.prototype.forEach.call(th.parentNode.cells, function (other) {
      other.removeAttribute("data-sorted");
      other.removeAttribute("aria-sort");
    });
    th.setAttribute("data-sorted", descending ? "desc" : "asc");
    th.setAttribute("aria-sort", descending ? "descending" : "ascending");
    rows.forEach(function (row) { body.appendChild(row); });
  }
  Array.prototype.forEach.call(document.querySelectorAll("table.sortable"), function (table) {
    var head = table.tHead;
    if (!head || !head.rows[0]) return;
    Array.prototype.forEach.call(head.rows[0].cells, function (th, index) {
      th.tabIndex = 0;
      th.addEventListener("click", function () { sortBy(table, th, index); });
      th.addEventListener("keydown", function (e) {
        if (e.key === "Enter" || e.key === " ") { e.preventDefault(); sortBy(table, th, index); }
      });
    });
  });
  // What a row is found by: its text and the ids kept in tooltips (a step is
  // shown by its title, and people still look it up by its id, ORD-08).
  function searchText(row) {
    var titles = Array.prototype.map.call(row.querySelectorAll("[title]"), function (e) {
      return e.getAttribute("title");
    });
    return (row.textContent + " " + titles.join(" ")).toLowerCase();
  }
  Array.prototype.forEach.call(document.querySelectorAll("table[data-filter]"), function (table) {
    var body = table.tBodies[0];
    if (!body || body.rows.length < 8) return;
    var input = document.createElement("input");
    input.type = "search";
    input.className = "filter";
    input.placeholder = document.documentElement.lang === "zh-CN" ? "筛选…" : "Filter…";
    input.setAttribute("aria-label", input.placeholder);
    input.addEventListener("input", function () {
      var needle = input.value.trim().toLowerCase();
      Array.prototype.forEach.call(body.rows, function (row) {
        row.hidden = needle !== "" && searchText(row).indexOf(needle) < 0;
      });
    });
    table.parentNode.insertBefore(input, table);
  });
})();
