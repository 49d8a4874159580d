// newsdiff report: open the details around a claim's sentence when its link is followed, and expand or
// collapse every story. No network, no content from the report is ever evaluated.
(function () {
  "use strict";
  function reveal(id) {
    var el = document.getElementById(id);
    if (!el) return;
    for (var p = el.parentElement; p; p = p.parentElement) {
      if (p.tagName === "DETAILS") p.open = true;
    }
    var old = document.querySelectorAll(".hit");
    for (var i = 0; i < old.length; i++) old[i].classList.remove("hit");
    el.classList.add("hit");
    el.scrollIntoView({ block: "center" });
  }
  document.addEventListener("click", function (e) {
    var a = e.target.closest ? e.target.closest("a[href^='#']") : null;
    if (a) reveal(decodeURIComponent(a.getAttribute("href").slice(1)));
  });
  function all(open) {
    var ds = document.querySelectorAll("details.story");
    for (var i = 0; i < ds.length; i++) ds[i].open = open;
  }
  var ex = document.getElementById("expand-all");
  if (ex) ex.addEventListener("click", function () { all(true); });
  var co = document.getElementById("collapse-all");
  if (co) co.addEventListener("click", function () { all(false); });
  if (location.hash) reveal(decodeURIComponent(location.hash.slice(1)));
  document.documentElement.setAttribute("data-script", "ran");
})();
