"""What a page looks like on a narrow screen, measured in the browser: sideways overflow, regions
that scroll on their own, and the size chart text is drawn at."""

from __future__ import annotations

# The page's width against the window's, the outermost visible elements that end past the right
# edge with no clipping ancestor (the culprits), and every element that scrolls sideways inside
# itself (each must be reachable by keyboard and, for tables, named).
OVERFLOW = r"""() => {
  const width = window.innerWidth;
  const describe = el => {
    const bits = [];
    for (let e = el; e && e !== document.body && bits.length < 4; e = e.parentElement) {
      let s = e.localName;
      if (e.id) s += '#' + e.id;
      else if (e.classList.length) s += '.' + [...e.classList].slice(0, 2).join('.');
      bits.unshift(s);
    }
    return bits.join(' > ');
  };
  const clips = el => getComputedStyle(el).overflowX !== 'visible';
  const fixed = el => { for (let a = el; a; a = a.parentElement)
      if (getComputedStyle(a).position === 'fixed') return true; return false; };
  const wide = [];
  for (const el of document.body.querySelectorAll('*')) {
    if (!el.checkVisibility({visibilityProperty: true}) || fixed(el)) continue;
    const box = el.getBoundingClientRect();
    if (box.width === 0 || box.right <= width + 0.5) continue;
    let clipped = false;
    for (let a = el.parentElement; a && a !== document.body; a = a.parentElement)
      if (clips(a)) { clipped = true; break; }
    const parent = el.parentElement;
    if (clipped || (parent !== document.body && parent.getBoundingClientRect().right > width + 0.5)) continue;
    wide.push(`${describe(el)} (right edge at ${Math.round(box.right)} px)`);
  }
  const scrollers = [...document.body.querySelectorAll('*')].filter(el => el.checkVisibility()
      && ['auto', 'scroll'].includes(getComputedStyle(el).overflowX) && el.scrollWidth > el.clientWidth + 1)
    .map(el => ({element: describe(el), focusable: el.tabIndex >= 0, hasTable: !!el.querySelector('table'),
                 name: el.getAttribute('aria-label') || el.getAttribute('aria-labelledby') || ''}));
  return {scrollWidth: document.documentElement.scrollWidth, innerWidth: width, wide, scrollers};
}"""

# Every chart (an <img> carrying data-min-font-pt): the size in CSS px its smallest text is drawn
# at, from the SVG's own size (naturalWidth) and the width the page gives the image.
CHART_TEXT = r"""() => [...document.querySelectorAll('img[data-min-font-pt]')].map(img => ({
  alt: img.alt.slice(0, 60), minFontPt: Number(img.dataset.minFontPt), clientWidth: img.clientWidth,
  naturalWidth: img.naturalWidth,
  px: Number(img.dataset.minFontPt) * 96 / 72 * img.clientWidth / img.naturalWidth}))"""

# Lazy images load only near the viewport; a full-page measure or screenshot needs them all.
LOAD_IMAGES = r"""async () => {
  for (const img of document.images) img.loading = 'eager';
  await Promise.all([...document.images].map(img => img.complete ? null
      : new Promise(done => { img.onload = img.onerror = done; })));
}"""

# Punctuation that follows an "outside the page" badge but was wrapped to the start of the next line,
# as "版面外" and then "。" alone at the start of a line: each as the text around it.
PUNCTUATION_AFTER_BADGE = r"""() => {
  const found = [];
  for (const statement of document.querySelectorAll('.outside-context')) {
    // the first text after the statement (it may end inside the element that pastes it)
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    let last = statement;
    while (last.lastChild) last = last.lastChild;
    walker.currentNode = last;
    const next = walker.nextNode();
    if (!next || !/^[。，、；：！？）”.,;:!?)]/.test(next.data)) continue;
    const badge = statement.querySelector('.outside-mark').getClientRects();
    const range = document.createRange();
    range.setStart(next, 0);
    range.setEnd(next, 1);
    const mark = range.getClientRects()[0], end = badge[badge.length - 1];
    if (mark && end && mark.top >= end.bottom - 1) found.push(statement.textContent.slice(-12) + next.data.slice(0, 12));
  }
  return found;
}"""
