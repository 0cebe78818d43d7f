// Words the layout breaks across two lines ("Kræv et nivea u"): every run of four or more letters or digits
// in visible text whose characters land on more than one line. Long tokens (addresses, IRIs: over 25
// characters without a space) may wrap anywhere, as may code; words never.
(() => {
  const broken = new Set();
  const range = document.createRange();
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    const el = node.parentElement;
    if (!el || el.closest("code, .iri, .CodeMirror, script, style, .visually-hidden, [hidden], svg")) continue;
    if (!el.getClientRects().length) continue;  // not rendered
    const text = node.textContent;
    for (const token of text.matchAll(/\S+/gu)) {
      if (token[0].length > 25) continue;
      for (const word of token[0].matchAll(/[\p{L}\p{N}]{4,}/gu)) {
        const start = token.index + word.index;
        range.setStart(node, start);
        range.setEnd(node, start + word[0].length);
        const tops = [...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top));
        if (new Set(tops).size > 1) broken.add(`${word[0]} <${el.tagName.toLowerCase()}>`);
      }
    }
  }
  return [...broken];
})()
