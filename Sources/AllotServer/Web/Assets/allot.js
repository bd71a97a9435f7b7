// Allot's web app: a little script that only improves pages that already work without it.
// - An error summary takes the focus when the page loads, so a screen reader hears what went wrong first.
// - The scoring form shows a running total of the scores entered.
// - Tables marked data-sortable get sort buttons in their column headings.
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
