// Form controls without a label, images and charts without a name, headings and landmarks.
// Evaluated in the page by tests/test_browser.py; returns a list of findings (empty: pass).
(() => {
  const out = [];
  for (const el of document.querySelectorAll('input:not([type=hidden]), select, textarea')) {
    if (el.closest('#yasgui')) continue;
    const named = (el.labels && el.labels.length) || el.getAttribute('aria-label') || el.getAttribute('aria-labelledby');
    if (!named) out.push(`unlabelled ${el.tagName.toLowerCase()}#${el.id}`);
  }
  for (const el of document.querySelectorAll('img:not([alt]), svg[role=img]:not([aria-labelledby]):not([aria-label])'))
    out.push(`unnamed image ${el.outerHTML.slice(0, 60)}`);
  if (document.querySelectorAll('h1').length !== 1) out.push(`${document.querySelectorAll('h1').length} h1 elements`);
  if (!document.querySelector('main')) out.push('no <main>');
  if (!document.querySelector('nav')) out.push('no <nav>');
  const ids = [...document.querySelectorAll('[id]')].map(e => e.id);
  const dup = ids.filter((id, i) => ids.indexOf(id) !== i);
  if (dup.length) out.push(`duplicate ids: ${[...new Set(dup)].join(', ')}`);
  return out;
})
