(function () {
  "use strict";
  // Sorting of the ASF list. Each column header gets a button that sorts the rows by the
  // rank the build gave each cell (data-sort: Swedish order, empty cells last): first
  // ascending, then descending; the header's aria-sort says which. Without JavaScript the
  // headers stay plain text and the list stays in name order.
  var table = document.getElementById("asf-table");
  if (!table || !table.tHead) { return; }
  var body = table.tBodies[0];
  var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);

  function rank(row, index) {
    return Number(row.cells[index].getAttribute("data-sort"));
  }

  function sortBy(index, direction) {
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var d = rank(a, index) - rank(b, index);
      return direction === "descending" ? -d : d;
    });
    rows.forEach(function (row) { body.appendChild(row); });
    headers.forEach(function (th, i) {
      if (i === index) { th.setAttribute("aria-sort", direction); } else { th.removeAttribute("aria-sort"); }
    });
  }

  headers.forEach(function (th, index) {
    var button = document.createElement("button");
    button.type = "button";
    while (th.firstChild) { button.appendChild(th.firstChild); }
    var arrow = document.createElement("span");
    arrow.className = "arrow";
    arrow.setAttribute("aria-hidden", "true");
    button.appendChild(arrow);
    button.addEventListener("click", function () {
      sortBy(index, th.getAttribute("aria-sort") === "ascending" ? "descending" : "ascending");
    });
    th.appendChild(button);
  });
  table.classList.add("sortable");
}());
