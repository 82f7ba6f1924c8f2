// Progressive enhancement only: every page works without this file.
// Moves focus to the error summary so screen-reader and keyboard users land on the list of problems,
// and makes its links focus the field itself (not just scroll to it).
(function () {
  'use strict';
  // "Print" buttons are hidden without JavaScript (browsers' own print works there).
  Array.prototype.forEach.call(document.querySelectorAll('[data-print]'), function (button) {
    button.hidden = false;
    button.addEventListener('click', function () { window.print(); });
  });

  // A second click on "Send" while the first is on its way would only show the same receipt: ignore it.
  Array.prototype.forEach.call(document.querySelectorAll('[data-prevent-double-click]'), function (button) {
    var form = button.form;
    if (!form) return;
    form.addEventListener('submit', function (event) {
      if (form.getAttribute('data-submitting')) event.preventDefault();
      form.setAttribute('data-submitting', '1');
    });
  });

  var summary = document.querySelector('[data-error-summary]');
  if (!summary) return;
  summary.focus();
  summary.addEventListener('click', function (event) {
    var link = event.target.closest ? event.target.closest('a[href^="#"]') : null;
    if (!link) return;
    var input = document.getElementById(link.getAttribute('href').slice(1));
    if (!input) return;
    event.preventDefault();
    var legendOrLabel = input.closest('fieldset') || document.querySelector('label[for="' + input.id + '"]');
    (legendOrLabel || input).scrollIntoView();
    input.focus({ preventScroll: true });
  });
})();
