// Enhancements only: every page works without this file.
(function () {
  "use strict";
  document.querySelectorAll(".js-only[hidden]").forEach(function (el) { el.hidden = false; });

  // Search as you type: the server renders the same result list as for a submitted search.
  document.querySelectorAll("form[data-live-search]").forEach(function (form) {
    var input = form.querySelector('input[name="q"]');
    var out = document.getElementById(form.dataset.liveSearch);
    var status = document.getElementById("search-status");  // read out: the count, not the whole list
    var timer = null;
    var controller = null;
    var last = input.value.trim();
    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(function () {
        var q = input.value.trim();
        if (q === last) { return; }
        last = q;
        if (controller) { controller.abort(); }
        controller = new AbortController();
        fetch("/ui/search?" + new URLSearchParams({ q: q, partial: "1" }), { signal: controller.signal })
          .then(function (resp) { return resp.ok ? resp.text() : null; })
          .then(function (html) {
            if (html === null) { return; }
            out.innerHTML = html;
            var count = out.querySelector(".count, p");
            if (status) { status.textContent = count ? count.textContent : ""; }
            if (window.location.pathname === "/ui/search") {
              window.history.replaceState(null, "", "/ui/search?" + new URLSearchParams({ q: q }));
            }
          })
          .catch(function (err) { if (err.name !== "AbortError") { out.textContent = String(err); } });
      }, 150);
    });
  });

  // A dialogue's summary, printed for the development talk.
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.addEventListener("click", function () { window.print(); });
  });

  // Framework trees: open or close every branch at once.
  document.querySelectorAll("[data-tree]").forEach(function (button) {
    button.addEventListener("click", function () {
      var open = button.dataset.tree === "open";
      document.querySelectorAll(".tree details").forEach(function (d) { d.open = open; });
    });
  });
})();

// After a form posts back (gap analysis, upload), take keyboard and screen-reader focus to the outcome.
(function () {
  "use strict";
  var outcome = window.location.hash === "#outcome" && document.getElementById("outcome");
  if (outcome && outcome.textContent.trim()) { outcome.focus(); }
})();
