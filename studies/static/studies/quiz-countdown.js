// The time left of a test attempt (studies/templates/studies/quiz_take.html): the
// server writes the minutes left and the seconds behind them; this counts them
// down on the page, measured from the page's load (the device's clock may be
// wrong). The server decides alone whether the time has run out.
(function () {
  "use strict";

  var element = document.getElementById("time-left");
  if (!element) {
    return;
  }
  var secondsLeft = Number(element.dataset.secondsLeft);
  var loaded = Date.now();
  var text = element.textContent;

  function tick() {
    var left = secondsLeft - (Date.now() - loaded) / 1000;
    if (left <= 0) {
      element.textContent = element.dataset.expired;
      return;
    }
    element.textContent = text.replace(/\d+/, String(Math.ceil(left / 60)));
    window.setTimeout(tick, 1000);
  }

  tick();
})();
