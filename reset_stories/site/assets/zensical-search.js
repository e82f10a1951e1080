// Zensical 0.0.73's search dialog, brought to the site's accessibility bar (WCAG 2.1 AA, as axe-core
// checks it). The dialog lives in an open shadow root that no stylesheet of the page reaches, so this
// script reaches into it: each result's path and its highlighted matches get colours that read at
// 4.5:1 or more (Zensical's are 3.36:1 and 4.25:1), and each result is named by its visible text, not
// by its title alone (WCAG 2.5.3, label in name). Only Zensical's pages load it (see
// engines/zensical.py); Zensical is pinned, and tests/test_visitors.py checks the dialog with axe-core.
(function () {
  "use strict";
  var STYLE = ".n{color:rgb(var(--color-foreground)/.72)}.o mark{color:var(--md-typeset-a-color)}";

  function nameByContent(root) {
    root.querySelectorAll("a[role=option][aria-labelledby]").forEach(function (option) {
      option.removeAttribute("aria-labelledby");
    });
  }

  function mend(host) {
    var root = host.shadowRoot;
    if (!root || root.querySelector("style[data-rs-mend]")) return;
    var style = document.createElement("style");
    style.setAttribute("data-rs-mend", "");
    style.textContent = STYLE;
    root.appendChild(style);
    nameByContent(root);
    new MutationObserver(function () { nameByContent(root); })
      .observe(root, { subtree: true, childList: true, attributes: true, attributeFilter: ["aria-labelledby"] });
  }

  function mendAll() {
    Array.prototype.forEach.call(document.body.children, mend);
  }

  mendAll();
  new MutationObserver(mendAll).observe(document.body, { childList: true });
})();
