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
