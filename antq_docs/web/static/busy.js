// Shows "Đang soạn…" while a form is sent; the pages work the same without it.
document.querySelectorAll("form[data-busy]").forEach(function (form) {
  form.addEventListener("submit", function () {
    var busy = form.querySelector(".busy");
    var button = form.querySelector("button[type=submit]");
    if (busy) { busy.textContent = form.getAttribute("data-busy"); }
    if (button) { button.disabled = true; }
  });
});
