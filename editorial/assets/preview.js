// Keyboard navigation between findings, and (on a live page) updates from the server without a reload.
(function () {
  "use strict";
  function targets() {
    return Array.prototype.slice.call(document.querySelectorAll("mark[id][tabindex], li.finding-apart[id]"));
  }
  function move(step) {
    var all = targets();
    if (!all.length) return;
    var at = all.indexOf(document.activeElement);
    var next = all[(at + step + all.length) % all.length];
    if (at < 0 && step < 0) next = all[all.length - 1];
    next.focus();
    next.scrollIntoView({ block: "center" });
  }
  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    var tag = (event.target && event.target.tagName) || "";
    if (tag === "INPUT" || tag === "TEXTAREA") return;
    if (event.key === "n" || event.key === "j") { move(1); event.preventDefault(); }
    if (event.key === "p" || event.key === "k") { move(-1); event.preventDefault(); }
  });
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[data-target]");
    if (!link) return;
    var target = document.getElementById(link.getAttribute("data-target"));
    if (target) { event.preventDefault(); target.focus(); target.scrollIntoView({ block: "center" }); }
  });
  if (!document.body.hasAttribute("data-live") || !window.EventSource) return;
  var source = new EventSource("/events");
  source.addEventListener("update", function () {
    fetch("/content", { cache: "no-store" }).then(function (response) { return response.text(); }).then(function (content) {
      var focused = document.activeElement && document.activeElement.id;
      var x = window.scrollX, y = window.scrollY;
      document.getElementById("layout").innerHTML = content;
      window.scrollTo(x, y);  // the page is the same length or near it: the reader stays where they were
      if (focused && document.getElementById(focused)) document.getElementById(focused).focus({ preventScroll: true });
      document.body.setAttribute("data-version", String(Number(document.body.getAttribute("data-version") || 0) + 1));
    });
  });
})();
