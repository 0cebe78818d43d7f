// The SPARQL editor: YASGUI (vendored from npm) on this server's /sparql, one tab per example query.
(function () {
  "use strict";
  var root = document.getElementById("yasgui");
  if (!root || typeof window.Yasgui === "undefined") { return; }
  var examples = JSON.parse(document.getElementById("example-queries").textContent);
  var endpoint = new URL(root.dataset.endpoint, window.location.href).href;
  var plain = document.getElementById("plain-query");
  if (plain) { plain.hidden = true; }

  var yasgui = new window.Yasgui(root, {
    requestConfig: { endpoint: endpoint, method: "POST" },
    endpointCatalogueOptions: { getData: function () { return [{ endpoint: endpoint }]; } },
    copyEndpointOnNewTab: true,
    persistenceId: null,      // always start from the examples, not from an old session
    autofocus: false,         // the page starts at the top, where readers (and screen readers) expect it
    populateFromUrl: false,
    autoAddOnInit: false,
    // Only completers that work offline: the class and property completers ask LOV on the internet.
    yasqe: { autocompleters: ["prefixes", "variables"], resizeable: true },
  });
  var tabs = examples.map(function (q, i) {
    var defaults = window.Yasgui.Tab.getDefaults();
    var name = (i + 1) + ". " + (q.title.length > 28 ? q.title.slice(0, 27) + "…" : q.title);
    return yasgui.addTab(i === 0, Object.assign({}, defaults, {
      name: name,
      yasqe: { value: q.query },
      requestConfig: Object.assign({}, defaults.requestConfig, { endpoint: endpoint }),
    }));
  });
  if (!tabs.length) { yasgui.addTab(true); }

  // No keyboard trap (WCAG 2.1.2): Tab and Shift-Tab leave the editor instead of indenting.
  function releaseTab() {
    document.querySelectorAll("#yasgui .CodeMirror").forEach(function (el) {
      if (el.CodeMirror && !el.dataset.tabReleased) {
        el.CodeMirror.addKeyMap({ Tab: false, "Shift-Tab": false });
        el.dataset.tabReleased = "1";
      }
    });
  }
  root.addEventListener("focusin", releaseTab);  // editors are built lazily, tab by tab
  window.setTimeout(releaseTab, 0);

  document.querySelectorAll("[data-example]").forEach(function (button) {
    button.addEventListener("click", function () {
      var tab = tabs[Number(button.dataset.example)];
      yasgui.selectTabId(tab.getId());
      root.scrollIntoView();
      tab.getYasqe().focus();
    });
  });

  // Downloads of the current tab's query in each format, straight from /sparql.
  function updateDownloads() {
    var tab = yasgui.getTab();
    if (!tab) { return; }
    var query = tab.getQuery();
    document.querySelectorAll("#downloads [data-format]").forEach(function (a) {
      a.href = "/sparql?" + new URLSearchParams({ query: query, format: a.dataset.format });
      a.setAttribute("download", "result." + a.dataset.format);
    });
  }
  yasgui.on("tabSelect", function () { window.setTimeout(updateDownloads, 0); });
  yasgui.on("tabChange", updateDownloads);
  yasgui.on("query", updateDownloads);
  updateDownloads();
})();
