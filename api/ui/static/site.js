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
    var last = null;
    var params = function () {  // the query and the filters, as the form would send them
      var found = new URLSearchParams(new FormData(form));
      found.set("q", input.value.trim());
      return found;
    };
    var update = function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(function () {
        var q = params().toString();
        if (q === last) { return; }
        last = q;
        if (controller) { controller.abort(); }
        controller = new AbortController();
        var query = params();
        query.set("partial", "1");
        fetch("/ui/search?" + query, { signal: controller.signal })
          .then(function (resp) { return resp.ok ? resp.text() : null; })
          .then(function (html) {
            if (html === null) { return; }
            out.innerHTML = html;
            var count = out.querySelector(".count, p");
            if (status) { status.textContent = count ? count.textContent : ""; }
            if (window.location.pathname === "/ui/search") {
              window.history.replaceState(null, "", "/ui/search?" + q);
            }
          })
          .catch(function (err) { if (err.name !== "AbortError") { out.textContent = String(err); } });
      }, 150);
    };
    last = params().toString();
    input.addEventListener("input", update);
    form.querySelectorAll("select").forEach(function (select) { select.addEventListener("change", update); });
  });

  // "Check only" on the upload form: the check's outcome comes in above the form, which keeps the key
  // and the file (a page the server sends back cannot refill a file field), so "Check and upload" follows.
  document.querySelectorAll("form[data-check-in-place]").forEach(function (form) {
    var out = document.getElementById(form.dataset.checkInPlace);
    form.addEventListener("submit", function (event) {
      if (!out || !event.submitter || event.submitter.value !== "check") { return; }
      event.preventDefault();
      var data = new FormData(form);
      data.set("action", "check");
      data.set("partial", "1");
      out.setAttribute("aria-busy", "true");
      fetch(form.getAttribute("action").split("#")[0], { method: "POST", body: data })
        .then(function (resp) { return resp.text(); })
        .then(function (html) { out.innerHTML = html; })
        .catch(function (err) { out.textContent = String(err); })
        .then(function () { out.removeAttribute("aria-busy"); out.focus(); });
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

  // Framework trees on a wide screen: a concept picked in the tree opens in the panel beside it (its
  // summary from the server); on a phone, and with a modifier key, the link opens the concept's page.
  document.querySelectorAll("ul.tree[data-detail]").forEach(function (tree) {
    var panel = document.getElementById(tree.dataset.detail);
    var controller = null;
    tree.addEventListener("click", function (event) {
      var link = event.target.closest("a[href^='/ui/concept?']");
      if (!link || !panel || panel.offsetParent === null) { return; }
      if (event.ctrlKey || event.metaKey || event.shiftKey || event.altKey || event.button !== 0) { return; }
      event.preventDefault();
      if (controller) { controller.abort(); }
      controller = new AbortController();
      fetch(link.getAttribute("href") + "&partial=1", { signal: controller.signal })
        .then(function (resp) { return resp.ok ? resp.text() : null; })
        .then(function (html) {
          if (html === null) { window.location.href = link.href; return; }
          panel.innerHTML = html;
          tree.querySelectorAll("a[aria-current]").forEach(function (a) { a.removeAttribute("aria-current"); });
          link.setAttribute("aria-current", "true");
          var title = document.getElementById("detail-title");
          if (title) { title.focus(); }
        })
        .catch(function (err) { if (err.name !== "AbortError") { window.location.href = link.href; } });
    });
  });
})();

// After a form posts back (gap analysis, upload), take keyboard and screen-reader focus to the outcome.
(function () {
  "use strict";
  var outcome = window.location.hash === "#outcome" && document.getElementById("outcome");
  if (outcome && outcome.textContent.trim()) { outcome.focus(); }
})();
