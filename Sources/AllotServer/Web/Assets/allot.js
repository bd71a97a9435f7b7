// Allot's web app: a little script that only improves pages that already work without it.
// - An error summary takes the focus when the page loads, so a screen reader hears what went wrong first.
// - The scoring form shows a running total of the scores entered.
// - Tables marked data-sortable get sort buttons in their column headings.
// - The what-if form previews as its fields change (the Preview button does the same without script).
(function () {
  "use strict";
  var summary = document.querySelector("[data-focus]");
  if (summary) { summary.focus(); }

  function cellValue(row, index) {
    var cell = row.children[index];
    var text = cell ? cell.textContent.trim() : "";
    var number = parseFloat(text.replace(/[£,%]/g, ""));
    return isNaN(number) ? text.toLowerCase() : number;
  }

  // The scoring form's running total (the form works the same without it).
  Array.prototype.forEach.call(document.querySelectorAll("form[data-scores]"), function (form) {
    var inputs = form.querySelectorAll("input[data-score]");
    var out = form.querySelector("[data-total]");
    if (!out || inputs.length < 2) { return; }
    function update() {
      var total = 0, filled = 0, most = 0;
      Array.prototype.forEach.call(inputs, function (input) {
        most += parseFloat(input.max) || 0;
        var v = parseFloat(input.value);
        if (!isNaN(v)) { total += v; filled += 1; }
      });
      out.textContent = "Total: " + total + " of " + most + " (" + filled + " of " + inputs.length + " scored)";
      out.hidden = false;
    }
    Array.prototype.forEach.call(inputs, function (input) { input.addEventListener("input", update); });
    update();
  });

  // The what-if preview as the fields change: the very GET the Preview button makes, whose #preview replaces this
  // page's. The server re-scores and re-solves exactly as for the button; only the latest answer is shown, and the
  // address follows, so the preview on screen can be linked. An answer with errors leaves the last good preview and
  // says what to fix (the form's own error summary appears when Preview is pressed).
  Array.prototype.forEach.call(document.querySelectorAll("form[data-live-preview]"), function (form) {
    var target = document.getElementById(form.getAttribute("data-live-preview"));
    var status = form.querySelector("[data-live-status]");
    if (!target || !status || !window.fetch || !window.DOMParser || !window.URLSearchParams || !window.FormData) { return; }
    var timer = null, asked = 0, inFlight = null;
    function say(text) { status.textContent = text; }
    function preview(ticket) {
      var url = form.action + "?" + new URLSearchParams(new FormData(form)).toString();
      // One re-solve at a time: the server's cores are better spent on the latest values than on superseded ones.
      if (inFlight && window.AbortController) { inFlight.abort(); }
      inFlight = window.AbortController ? new AbortController() : null;
      say("Updating the preview\u2026");
      fetch(url, { credentials: "same-origin", headers: { "Accept": "text/html" }, signal: inFlight ? inFlight.signal : undefined }).then(function (response) {
        return response.text().then(function (text) { return { ok: response.ok, redirected: response.redirected, text: text }; });
      }).then(function (answer) {
        if (ticket !== asked) { return; }   // the fields changed since this was asked
        if (answer.redirected) { say("You have been signed out: sign in again, then press Preview."); return; }
        var page = new DOMParser().parseFromString(answer.text, "text/html");
        var fresh = page.getElementById(target.id);
        if (answer.ok && fresh) {
          target.replaceChildren.apply(target, Array.prototype.map.call(fresh.childNodes, function (n) { return document.importNode(n, true); }));
          if (window.history && history.replaceState) { history.replaceState(null, "", url); }
          var problem = target.querySelector(".error-summary p");
          if (problem) { say("No portfolio with these values: " + problem.textContent.trim()); return; }
          var entering = target.querySelectorAll("#entering tr[data-proposal]").length;
          var leaving = target.querySelectorAll("#leaving tr[data-proposal]").length;
          say("Preview updated: " + entering + (entering === 1 ? " proposal enters" : " proposals enter") + " and " + leaving
            + " leave the funded set.");
          return;
        }
        var problems = Array.prototype.map.call(page.querySelectorAll(".error-summary li"), function (li) { return li.textContent.trim(); });
        say(problems.length ? "Not previewed yet: " + problems.join("; ") : "The preview could not be updated; press Preview.");
      }).catch(function (error) {
        if (ticket === asked && !(error && error.name === "AbortError")) { say("The preview could not be updated; press Preview."); }
      });
    }
    form.addEventListener("input", function () {
      var ticket = ++asked;   // an answer to older values is never shown as the preview of these
      clearTimeout(timer);
      timer = setTimeout(function () { preview(ticket); }, 600);
    });
  });

  Array.prototype.forEach.call(document.querySelectorAll("table[data-sortable]"), function (table) {
    var headings = table.querySelectorAll("thead th");
    var body = table.tBodies[0];
    Array.prototype.forEach.call(headings, function (th, index) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "sort-button";
      button.textContent = th.textContent;
      th.textContent = "";
      th.appendChild(button);
      th.setAttribute("aria-sort", "none");
      button.addEventListener("click", function () {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        Array.prototype.forEach.call(headings, function (other) { other.setAttribute("aria-sort", "none"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = cellValue(a, index), y = cellValue(b, index);
          if (x === y) { return 0; }
          return (x < y ? -1 : 1) * (ascending ? 1 : -1);
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
  });
})();
