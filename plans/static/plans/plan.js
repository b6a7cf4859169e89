// The plan page: a confirmation dialog with named buttons, instead of the
// browser's «OK / Cancel» (hx-confirm with data-confirm-yes / data-confirm-no).
(function () {
  "use strict";

  document.addEventListener("htmx:confirm", function (event) {
    const source = event.detail.elt;
    const dialog = document.getElementById("confirm-dialog");
    if (!event.detail.question || !dialog || !source.dataset.confirmYes) {
      return;
    }
    event.preventDefault();
    dialog.querySelector("#confirm-question").textContent = event.detail.question;
    dialog.querySelector("#confirm-yes").textContent = source.dataset.confirmYes;
    dialog.querySelector("#confirm-no").textContent = source.dataset.confirmNo;
    const opener = document.activeElement;
    dialog.returnValue = "";
    dialog.addEventListener(
      "close",
      function () {
        if (dialog.returnValue === "yes") {
          event.detail.issueRequest(true);
        } else if (opener && opener.isConnected) {
          opener.focus();
        }
      },
      { once: true },
    );
    dialog.showModal();
  });
})();

// The mark form shows only the fields of the chosen mark: date and evidence for
// «done», the reason for «not done» (fields carry data-mark-for). Without
// JavaScript every field shows and the server checks what the mark needs.
(function () {
  "use strict";

  function showFieldsOfMark(form) {
    const chosen = form.querySelector("[data-mark]:checked");
    const mark = chosen ? chosen.value : "";
    form.querySelectorAll("[data-mark-for]").forEach(function (widget) {
      const field = widget.closest(".field");
      if (field) {
        field.hidden = widget.dataset.markFor !== mark;
      }
    });
  }

  function showAll(root) {
    root.querySelectorAll("form").forEach(function (form) {
      if (form.querySelector("[data-mark]")) {
        showFieldsOfMark(form);
      }
    });
  }

  document.addEventListener("change", function (event) {
    if (event.target.matches("[data-mark]")) {
      showFieldsOfMark(event.target.form);
    }
  });
  document.addEventListener("htmx:load", function (event) {
    showAll(event.detail.elt);
  });
  document.addEventListener("DOMContentLoaded", function () {
    showAll(document);
  });
})();

// Keyboard focus stays on the row after htmx replaces it or the whole plan: on the
// same control if the new row has it (a move button), else on its first control.
(function () {
  "use strict";

  const FOCUSABLE = "input:not([type=hidden]), select, textarea, button, a[href]";
  let remembered = null;

  document.addEventListener("htmx:beforeRequest", function (event) {
    const row = event.detail.elt.closest("tr[id^='item-']");
    if (!row) {
      remembered = null;
      return;
    }
    const active = document.activeElement;
    remembered = {
      row: row.id,
      name: active && row.contains(active) ? active.getAttribute("name") : null,
      value: active && row.contains(active) ? active.getAttribute("value") : null,
    };
  });

  document.addEventListener("htmx:afterSettle", function () {
    if (!remembered) {
      return;
    }
    const row = document.getElementById(remembered.row);
    const { name, value } = remembered;
    remembered = null;
    if (!row || (document.activeElement && row.contains(document.activeElement))) {
      return;
    }
    const controls = Array.from(row.querySelectorAll(FOCUSABLE)).filter(
      function (c) {
        return !c.disabled && !c.closest("[hidden], details:not([open]) > :not(summary)");
      },
    );
    const same = controls.find(function (c) {
      return name && c.getAttribute("name") === name && c.getAttribute("value") === value;
    });
    const target = same || controls[0];
    if (target) {
      target.focus();
    }
  });
})();
