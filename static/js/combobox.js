// The type-ahead person select (people/widgets.py): htmx fills the listbox as one
// types; this picks an option by mouse or keyboard (ARIA combobox pattern) and
// writes its id into the hidden input the form posts.
(function () {
  "use strict";

  function parts(input) {
    var box = input.closest(".combobox");
    return {
      value: box.querySelector("[data-combobox-value]"),
      list: document.getElementById(input.getAttribute("aria-controls")),
    };
  }

  function options(list) {
    return Array.prototype.slice.call(list.querySelectorAll("[role=option][data-value]"));
  }

  function close(input) {
    var list = parts(input).list;
    list.replaceChildren();
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
  }

  function choose(input, option) {
    parts(input).value.value = option.dataset.value;
    input.value = option.textContent.trim();
    close(input);
  }

  function activate(input, option) {
    options(parts(input).list).forEach(function (o) {
      o.setAttribute("aria-selected", o === option ? "true" : "false");
    });
    input.setAttribute("aria-activedescendant", option.id);
    option.scrollIntoView({ block: "nearest" });
  }

  document.addEventListener("htmx:afterSwap", function (event) {
    var list = event.detail.target;
    if (list.getAttribute("role") !== "listbox") return;
    var input = document.querySelector("[aria-controls='" + list.id + "']");
    if (input) input.setAttribute("aria-expanded", list.children.length ? "true" : "false");
  });

  document.addEventListener("input", function (event) {
    var input = event.target;
    if (input.getAttribute("role") !== "combobox") return;
    parts(input).value.value = ""; // typing drops the earlier choice
  });

  document.addEventListener("keydown", function (event) {
    var input = event.target;
    if (input.getAttribute("role") !== "combobox") return;
    var found = options(parts(input).list);
    var current = found.indexOf(document.getElementById(input.getAttribute("aria-activedescendant")));
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      if (!found.length) return;
      event.preventDefault();
      var step = event.key === "ArrowDown" ? 1 : -1;
      activate(input, found[(current + step + found.length) % found.length]);
    } else if (event.key === "Enter" && current >= 0) {
      event.preventDefault(); // choose, do not submit the form
      choose(input, found[current]);
    } else if (event.key === "Escape") {
      close(input);
    }
  });

  document.addEventListener("click", function (event) {
    var option = event.target.closest && event.target.closest(".combobox [role=option][data-value]");
    if (!option) return;
    var input = document.querySelector("[aria-controls='" + option.parentElement.id + "']");
    if (input) choose(input, option);
  });
})();
