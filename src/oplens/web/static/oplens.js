// oplens web UI: switching layers, jumping to findings, watching jobs. No build step.
(function () {
  "use strict";

  function spans(layer, anchor) {
    var text = document.getElementById("text");
    if (!text) return [];
    return Array.prototype.filter.call(text.querySelectorAll(".mark[data-anchor]"), function (el) {
      return el.dataset.anchor === anchor && (!layer || el.dataset.layer === layer);
    });
  }

  function select(layer, anchor, scroll) {
    document.querySelectorAll(".mark.flash").forEach(function (el) { el.classList.remove("flash"); });
    document.querySelectorAll(".finding-entry.selected").forEach(function (el) {
      el.classList.remove("selected");
    });
    var found = spans(layer, anchor);
    found.forEach(function (el) {
      el.classList.remove("flash");
      void el.offsetWidth; // restart the animation
      el.classList.add("flash");
    });
    document.querySelectorAll(".finding-entry").forEach(function (el) {
      if (el.dataset.anchor === anchor && (!layer || el.dataset.layer === layer)) {
        el.classList.add("selected");
      }
    });
    if (found.length && scroll) {
      found[0].scrollIntoView({ block: "center", behavior: "smooth" });
    }
    return found.length;
  }

  function setupLayers() {
    document.querySelectorAll("[data-layer-toggle]").forEach(function (box) {
      box.addEventListener("change", function () {
        var name = box.dataset.layerToggle;
        document.querySelectorAll("#text .mark").forEach(function (el) {
          if (el.dataset.layer === name) el.classList.toggle("off", !box.checked);
        });
        document.body.classList.toggle("hide-" + name, !box.checked);
      });
    });
  }

  function setupFindings() {
    document.querySelectorAll(".finding-item").forEach(function (button) {
      button.addEventListener("click", function () {
        var anchor = button.dataset.anchor;
        if (select(button.dataset.layer, anchor, true) && history.replaceState) {
          history.replaceState(null, "", "#" + encodeURIComponent(anchor));
        }
      });
    });
    if (location.hash.length > 1) {
      var anchor = decodeURIComponent(location.hash.slice(1));
      setTimeout(function () { select(null, anchor, true); }, 50);
    }
  }

  function setupSizeCheck() {
    var form = document.querySelector("form.analyse");
    if (!form) return;
    var limit = parseInt(form.dataset.maxBytes, 10);
    var warning = form.querySelector(".size-warning");
    function check() {
      var text = form.querySelector("textarea").value;
      var file = form.querySelector("input[type=file]").files[0];
      var size = Math.max(new Blob([text]).size, file ? file.size : 0);
      var over = size > limit;
      warning.hidden = !over;
      warning.textContent = over ? "This is " + size.toLocaleString() +
        " bytes, over the limit: it will be refused." : "";
    }
    form.addEventListener("input", check);
    form.addEventListener("change", check);
  }

  function setupJob() {
    var box = document.getElementById("job");
    if (!box || box.dataset.state === "failed") return;
    var id = box.dataset.job;
    function poll() {
      fetch("/jobs/" + encodeURIComponent(id) + ".json", { headers: { Accept: "application/json" } })
        .then(function (r) { return r.json(); })
        .then(function (job) {
          if (job.state === "done" && job.article_id) {
            location.replace(encodeURI("/articles/" + job.article_id));
            return;
          }
          if (job.state === "failed") { location.reload(); return; }
          document.querySelectorAll("#job-steps .step").forEach(function (el) {
            var step = el.dataset.step;
            el.className = "step " + (job.steps.indexOf(step) >= 0 ? "done" :
              step === job.step ? "running" : "waiting");
          });
          document.getElementById("job-time").textContent = job.seconds.toFixed(1) + " s";
          setTimeout(poll, 300);
        })
        .catch(function () { setTimeout(poll, 1000); });
    }
    setTimeout(poll, 150);
  }

  document.addEventListener("DOMContentLoaded", function () {
    setupLayers();
    setupFindings();
    setupSizeCheck();
    setupJob();
  });
})();
