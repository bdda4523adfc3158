// While a form is sent: its files' upload progress, then "Đang soạn…" until the answer comes.
// The form is sent by XMLHttpRequest only to show how much of the files has gone up; the page
// then shows the answer as the plain form would (the result page, or the form with its errors).
// Without JavaScript the form is posted as usual.
document.querySelectorAll("form[data-busy]").forEach(function (form) {
  form.addEventListener("submit", function (event) {
    var busy = form.querySelector(".busy");
    var button = form.querySelector("button[type=submit]");
    if (busy) { busy.textContent = form.getAttribute("data-busy"); }
    if (!window.FormData || !window.XMLHttpRequest || !hasFiles(form)) {
      if (button) { button.disabled = true; }
      return;
    }
    event.preventDefault();
    if (button) { button.disabled = true; }
    var bar = document.createElement("progress");
    bar.className = "upload";
    bar.max = 100;
    bar.value = 0;
    if (busy) { busy.textContent = "Đang gửi tệp: 0%"; busy.parentNode.insertBefore(bar, busy); }
    var xhr = new XMLHttpRequest();
    xhr.open("POST", form.action);
    xhr.upload.addEventListener("progress", function (e) {
      if (!e.lengthComputable || !busy) { return; }
      var percent = Math.floor(e.loaded * 100 / e.total);
      bar.value = percent;
      busy.textContent = percent < 100 ? "Đang gửi tệp: " + percent + "%" : form.getAttribute("data-busy");
    });
    xhr.addEventListener("load", function () {
      var target = xhr.responseURL || form.action;
      var moved = target.split("#")[0] !== form.action.split("#")[0];
      if (xhr.status < 300 && moved && target.indexOf("/ket-qua/") !== -1) {
        window.location.assign(target);  // the result page the form redirected to
        return;
      }
      // The form again with its errors, or the page a file was given on with what it says
      // at its top (said once: loading it again would not say it), as the plain form shows it.
      document.open();
      document.write(xhr.responseText);
      document.close();
      window.scrollTo(0, 0);  // what it says is at the top
      if (moved && window.history && window.history.replaceState) {
        window.history.replaceState(null, "", target);
      }
    });
    xhr.addEventListener("error", function () {
      if (busy) { busy.textContent = "Không gửi được: kiểm tra kết nối rồi bấm lại."; }
      if (button) { button.disabled = false; }
      bar.remove();
    });
    xhr.send(new FormData(form));
  });
});

// Whether the form carries a chosen file (only then is there an upload to show).
function hasFiles(form) {
  var inputs = form.querySelectorAll("input[type=file]");
  for (var i = 0; i < inputs.length; i++) {
    if (inputs[i].files && inputs[i].files.length) { return true; }
  }
  return false;
}

// The page's own file button ("Chọn tệp", templates/_file.html): the names chosen beside it.
document.querySelectorAll("input.file-input").forEach(function (input) {
  var shown = document.getElementById(input.id + "-chosen");
  if (!shown) { return; }
  input.addEventListener("change", function () {
    var names = Array.prototype.map.call(input.files, function (file) { return file.name; });
    shown.textContent = names.length ? names.join(", ") : shown.getAttribute("data-none");
  });
});
