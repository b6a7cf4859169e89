// The main menu folds into «Меню» on a narrow screen and stays open on a wide
// one; without JavaScript it is always open (templates/base.html).
(function () {
  "use strict";
  var narrow = window.matchMedia("(max-width: 640px)");
  function fit() {
    document.querySelectorAll(".mainnav details.menu").forEach(function (menu) {
      menu.open = !narrow.matches;
    });
  }
  fit();
  narrow.addEventListener("change", fit);
})();
