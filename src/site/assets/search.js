// The search page: the index of every order is a script (it loads from
// file:// too), fetched only on this page and only once a search is asked.
(function () {
  "use strict";
  var root = document.getElementById("search");
  if (!root) return;
  var input = document.getElementById("q");
  var status = document.getElementById("search-status");
  var table = document.getElementById("search-results");
  var body = table.tBodies[0];
  var limit = parseInt(root.getAttribute("data-limit"), 10) || 200;
  var index = null, loading = false, pending = null;
  // [page, file, id, customer, status, received, last, owner, total,
  //  requested, contract, former ids]
  var ID = 2, CUSTOMER = 3, FORMER = 11;

  function say(text) { status.textContent = text; }

  function load() {
    if (index || loading) return;
    loading = true;
    say(root.getAttribute("data-loading"));
    window.ordoSearch = function (data) {
      var names = data.customers || {};
      index = data.rows.map(function (row) {
        var name = names[row[CUSTOMER]] || "";
        return { row: row, name: name, text: (row.join(" ") + " " + name).toLowerCase() };
      });
    };
    var script = document.createElement("script");
    script.src = root.getAttribute("data-index");
    script.onload = function () {
      loading = false;
      if (!index) { say(root.getAttribute("data-failed")); return; }
      run(pending === null ? input.value : pending);
    };
    script.onerror = function () { loading = false; say(root.getAttribute("data-failed")); };
    document.head.appendChild(script);
  }

  function cell(tr, text, className) {
    var td = document.createElement("td");
    if (className) td.className = className;
    td.textContent = text;
    tr.appendChild(td);
    return td;
  }

  function orderCell(tr, row) {
    var td = document.createElement("td");
    if (row[0] === 1) {
      var a = document.createElement("a");
      a.href = "orders/" + encodeURIComponent(row[ID]) + ".html";
      a.className = "order-id";
      a.textContent = row[ID];
      td.appendChild(a);
    } else {
      var id = document.createElement("span");
      id.className = "order-id";
      id.textContent = row[ID];
      var note = document.createElement("span");
      note.className = "note";
      note.title = root.getAttribute("data-no-page-why");
      note.textContent = " " + root.getAttribute("data-no-page");
      td.appendChild(id);
      td.appendChild(note);
    }
    if (row[0] !== 1 && row[1]) {
      var file = document.createElement("code");
      file.className = "file";
      file.textContent = row[1];
      td.appendChild(document.createElement("br"));
      td.appendChild(file);
    }
    if (row[FORMER]) td.title = row[FORMER];
    tr.appendChild(td);
  }

  function run(query) {
    if (!index) { pending = query; load(); return; }
    var terms = query.toLowerCase().split(/\s+/).filter(function (t) { return t !== ""; });
    while (body.firstChild) body.removeChild(body.firstChild);
    if (terms.length === 0) {
      table.hidden = true;
      say(root.getAttribute("data-all"));
      return;
    }
    var found = index.filter(function (entry) {
      return terms.every(function (t) { return entry.text.indexOf(t) >= 0; });
    });
    found.slice(0, limit).forEach(function (entry) {
      var row = entry.row, tr = document.createElement("tr");
      orderCell(tr, row);
      cell(tr, entry.name ? entry.name + " (" + row[CUSTOMER] + ")" : row[CUSTOMER]);
      for (var i = 4; i <= 7; i++) cell(tr, row[i]);
      cell(tr, row[8], "num");
      cell(tr, row[9]);
      cell(tr, row[10]);
      body.appendChild(tr);
    });
    table.hidden = found.length === 0;
    var text = found.length === 0
      ? root.getAttribute("data-none")
      : root.getAttribute("data-matches") + " " + found.length;
    if (found.length > limit) text += "; " + root.getAttribute("data-first");
    say(text);
  }

  var timer = null;
  input.addEventListener("focus", load);
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () { run(input.value); }, 120);
  });
  input.form.addEventListener("submit", function (e) {
    e.preventDefault();
    run(input.value);
  });
  var asked = new URLSearchParams(window.location.search).get("q");
  if (asked) {
    input.value = asked;
    run(asked);
  }
})();
