// Swagger UI (django-ninja's, unchanged) at /api/v1/docs renders, when an operation
// is opened, selects without a name and scrollable examples that a keyboard cannot
// reach (WCAG 4.1.2, 2.1.1): name each select after its parameter and let each
// example take the focus, as Swagger UI draws them.
(function () {
  "use strict";

  function mend(root) {
    root.querySelectorAll("tr[data-param-name] select:not([aria-label])").forEach(function (select) {
      select.setAttribute("aria-label", select.closest("tr").dataset.paramName);
    });
    root.querySelectorAll(".example:not([tabindex]), .microlight:not([tabindex])").forEach(function (block) {
      block.setAttribute("tabindex", "0");
    });
  }

  new MutationObserver(function () {
    mend(document);
  }).observe(document.documentElement, { childList: true, subtree: true });
})();
