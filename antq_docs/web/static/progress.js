// The progress bar of a job running on the server: asks where it is every second, and shows
// the result page when it is done. Without JavaScript the page reloads itself (meta refresh).
(function () {
  var box = document.getElementById("job");
  if (!box) { return; }
  var bar = document.getElementById("job-progress");
  var step = document.getElementById("job-step");
  var count = document.getElementById("job-count");
  function ask() {
    fetch(box.getAttribute("data-progress"), { cache: "no-store", credentials: "same-origin" })
      .then(function (r) { return r.json(); })
      .then(function (p) {
        if (p.state !== "running") { window.location.reload(); return; }
        step.textContent = p.label;
        if (p.total) { bar.max = p.total; bar.value = p.done; }
        bar.textContent = p.percent + "%";
        count.textContent = p.text;
        window.setTimeout(ask, 1000);
      })
      .catch(function () { window.setTimeout(ask, 3000); });
  }
  window.setTimeout(ask, 500);
})();
