// align-kit review report: filters and j/k navigation over the bead rows. No dependencies.
(function () {
  "use strict";
  var low = document.getElementById("f-low");
  var withFindings = document.getElementById("f-findings");
  var kind = document.getElementById("f-kind");
  var count = document.getElementById("f-count");
  var rows = Array.prototype.slice.call(document.querySelectorAll("tr.bead"));
  var current = -1;

  function applyFilters() {
    var shown = 0;
    rows.forEach(function (row) {
      var hide = (low.checked && !row.classList.contains("low")) ||
        (withFindings.checked && row.getAttribute("data-findings") === "0") ||
        (kind.value !== "" && row.getAttribute("data-kind") !== kind.value);
      row.classList.toggle("hidden", hide);
      if (!hide) { shown += 1; }
    });
    // a group with nothing left to show folds away, plot included
    Array.prototype.forEach.call(document.querySelectorAll("section.group"), function (sec) {
      sec.classList.toggle("hidden", sec.querySelector("tr.bead:not(.hidden)") === null);
    });
    count.textContent = "showing " + shown + " of " + rows.length + " beads";
  }

  function go(step) {
    var n = rows.length;
    var base = current >= 0 ? current : (step > 0 ? -1 : n);
    for (var t = 1; t <= n; t += 1) {
      var i = ((base + step * t) % n + n) % n;
      var row = rows[i];
      if (row.classList.contains("uncertain") && !row.classList.contains("hidden")) {
        if (current >= 0) { rows[current].classList.remove("current"); }
        current = i;
        row.classList.add("current");
        row.scrollIntoView({block: "center"});
        if (history.replaceState) { history.replaceState(null, "", "#" + row.id); }
        return;
      }
    }
  }

  [low, withFindings, kind].forEach(function (el) { el.addEventListener("change", applyFilters); });
  document.addEventListener("keydown", function (ev) {
    var tag = (ev.target && ev.target.tagName) || "";
    if (ev.ctrlKey || ev.metaKey || ev.altKey || tag === "INPUT" || tag === "SELECT") { return; }
    if (ev.key === "j") { go(1); ev.preventDefault(); }
    if (ev.key === "k") { go(-1); ev.preventDefault(); }
  });
  applyFilters();
}());
