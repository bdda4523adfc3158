// The year-plan page: rows added and removed in place. Without it the same buttons post the
// form and the page comes back with the row added or removed.
document.querySelectorAll("fieldset[data-table]").forEach(function (table) {
  var template = document.getElementById(table.id + "-template");
  var adder = table.querySelector("button.add-row");
  if (!template || !adder) { return; }

  function renumber() {
    // Names keep their numbers (the page sorts them); what a person reads counts from 1.
    table.querySelectorAll(":scope > fieldset.row").forEach(function (row, index) {
      row.querySelectorAll(".n").forEach(function (n) { n.textContent = String(index + 1); });
    });
  }

  function removable(row) {
    var button = row.querySelector("button.remove-row");
    if (!button) { return; }
    button.addEventListener("click", function (event) {
      event.preventDefault();
      row.remove();
      renumber();
      adder.focus();
    });
  }

  table.querySelectorAll(":scope > fieldset.row").forEach(removable);
  adder.addEventListener("click", function (event) {
    event.preventDefault();
    var next = table.getAttribute("data-next");
    table.setAttribute("data-next", String(Number(next) + 1));
    var holder = document.createElement("div");
    holder.innerHTML = template.innerHTML.split("__N__").join(next);
    var row = holder.firstElementChild;
    adder.parentNode.parentNode.insertBefore(row, adder.parentNode);
    removable(row);
    renumber();
    var first = row.querySelector("input, textarea, select");
    if (first) { first.focus(); }
  });
});

// A link to a field inside a folded part (the list of problems, the list of parts) opens the
// part first, so the field it points at is seen.
function reveal() {
  var id = decodeURIComponent(location.hash.slice(1));
  var target = id ? document.getElementById(id) : null;
  for (var node = target; node; node = node.parentElement) {
    if (node.tagName === "DETAILS") { node.open = true; }
  }
  if (target) { target.scrollIntoView(); }
}
window.addEventListener("hashchange", reveal);
reveal();
