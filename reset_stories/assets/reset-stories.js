// reset-stories: the "Copia" button next to the feed address. Without JavaScript the address
// stays selectable in its text field, so nothing depends on this script.
document.addEventListener("click", function (event) {
  var button = event.target.closest("[data-rs-copy]");
  if (!button) return;
  var field = document.getElementById(button.getAttribute("data-rs-copy"));
  if (!field) return;
  field.select();
  var done = function () {
    var label = button.textContent;
    button.textContent = button.getAttribute("data-rs-copied") || label;
    setTimeout(function () { button.textContent = label; }, 2000);
  };
  if (navigator.clipboard) {
    navigator.clipboard.writeText(field.value).then(done, function () {});
  } else if (document.execCommand("copy")) {
    done();
  }
});
