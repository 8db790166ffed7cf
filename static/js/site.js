// Copy a statement's permalink to the clipboard. Without JavaScript (or clipboard access)
// the link still works as a plain anchor, so nothing here is needed to cite a statement.
document.addEventListener("click", function (event) {
  var link = event.target.closest && event.target.closest("a[data-copy-link]");
  if (!link || !navigator.clipboard || event.metaKey || event.ctrlKey || event.shiftKey) return;
  var url = new URL(link.getAttribute("href"), window.location.href).href;
  navigator.clipboard.writeText(url).then(function () {
    link.classList.add("copied");
    setTimeout(function () { link.classList.remove("copied"); }, 2000);
  }, function () {});
  // Let the navigation happen too: the address bar shows the permalink and :target marks it.
});
