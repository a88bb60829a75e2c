(function () {
  "use strict";
  document.documentElement.setAttribute("data-brief-script", "ran");
  function marks(id) {
    return Array.prototype.filter.call(document.querySelectorAll("[data-q]"), function (el) {
      return el.getAttribute("data-q").split(" ").indexOf(id) >= 0;
    });
  }
  function show(id, jump) {
    document.querySelectorAll(".hl").forEach(function (el) { el.classList.remove("hl"); });
    var found = marks(id);
    found.forEach(function (el) { el.classList.add("hl"); });
    if (!found.length) { return; }
    var first = found[0];
    var details = first.closest("details");
    if (details && jump) { details.open = true; }
    var panel = first.closest(".source");
    if (panel && panel.scrollHeight > panel.clientHeight) {
      panel.scrollTop = first.offsetTop - panel.offsetTop - panel.clientHeight / 3;
    }
    if (jump) { first.scrollIntoView({block: "center"}); }
  }
  document.querySelectorAll("[data-quote]").forEach(function (el) {
    var id = el.getAttribute("data-quote");
    el.addEventListener("mouseenter", function () { show(id, false); });
    el.addEventListener("focus", function () { show(id, false); });
    el.addEventListener("click", function () { show(id, true); });
    el.addEventListener("keydown", function (event) { if (event.key === "Enter") { show(id, true); } });
  });
})();
