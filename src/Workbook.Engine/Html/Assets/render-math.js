(function () {
  function strip(tex, display) {
    tex = tex.trim();
    if (display && tex.indexOf('\\[') === 0 && tex.lastIndexOf('\\]') === tex.length - 2) return tex.slice(2, -2);
    if (!display && tex.indexOf('\\(') === 0 && tex.lastIndexOf('\\)') === tex.length - 2) return tex.slice(2, -2);
    if (tex.indexOf('$$') === 0 && tex.lastIndexOf('$$') === tex.length - 2 && tex.length >= 4) return tex.slice(2, -2);
    if (tex.indexOf('$') === 0 && tex.lastIndexOf('$') === tex.length - 1 && tex.length >= 2) return tex.slice(1, -1);
    return tex;
  }
  function render() {
    if (!window.katex) { console.warn('KaTeX is not embedded in this page; math stays as TeX.'); return; }
    var els = document.querySelectorAll('.math');
    for (var i = 0; i < els.length; i++) {
      var el = els[i];
      if (el.getAttribute('data-rendered')) continue;
      var display = el.tagName === 'DIV' || el.classList.contains('math-display');
      try {
        katex.render(strip(el.textContent, display), el, { displayMode: display, throwOnError: false, output: 'htmlAndMathml' });
        el.setAttribute('data-rendered', '1');
      } catch (e) { el.classList.add('katex-error'); }
    }
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', render); else render();
})();
