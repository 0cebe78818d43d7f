// The words a reader sees in the page's language: visible text, and the text of placeholders, titles,
// labels for screen readers and button values, outside any element marked with another language
// (lang="en" on a Danish page). Returns {words: [word, where] pairs, texts: the visible texts}; the test
// decides which words are foreign and which numbers are written the other language's way.
(() => {
  const pageLang = document.documentElement.lang.slice(0, 2);
  const words = [];
  const texts = [];
  const inPageLanguage = (el) => {
    const marked = el.closest("[lang]");
    return !marked || marked.getAttribute("lang").slice(0, 2) === pageLang;
  };
  const skipped = "code, pre, textarea, .iri, .CodeMirror, script, style, [hidden], kbd, samp, [translate=no]";
  const add = (text, el, where) => {
    for (const chunk of text.split(/\s+/)) {
      // addresses, paths, file names, prefixed names (dkk:Example) and cut-off words (prob…) are not words
      if (/[\/@:_]|\.\p{L}|…$/u.test(chunk)) continue;
      for (const m of chunk.matchAll(/\p{L}[\p{L}'’-]*/gu)) words.push([m[0], `${where} «${text.trim().slice(0, 80)}»`]);
    }
  };
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const el = walker.currentNode.parentElement;
    if (!el || el.closest(skipped) || !inPageLanguage(el)) continue;
    if (!el.closest("svg, .visually-hidden") && !el.getClientRects().length) continue;
    add(walker.currentNode.textContent, el, `<${el.tagName.toLowerCase()}>`);
    texts.push(walker.currentNode.textContent);
  }
  for (const el of document.querySelectorAll("[placeholder], [title], [aria-label], input[type=submit][value], img[alt]")) {
    if (el.closest(skipped) || !inPageLanguage(el)) continue;
    for (const attr of ["placeholder", "title", "aria-label", "alt"]) {
      if (el.hasAttribute(attr)) add(el.getAttribute(attr), el, `@${attr}`);
    }
    if (el.matches("input[type=submit]")) add(el.value, el, "@value");
  }
  // <title> cannot carry lang: it is checked unless it repeats a heading marked as another language's
  const h1 = document.querySelector("h1");
  if (!(h1 && [...h1.querySelectorAll("[lang]")].some((el) => !inPageLanguage(el)))) {
    add(document.title, document.documentElement, "<title>");
  }
  return {words, texts};
})()
