// Progressive enhancement only: every page works without this file.
// Moves focus to the error summary so screen-reader and keyboard users land on the list of problems,
// and makes its links focus the field itself (not just scroll to it).
(function () {
  'use strict';
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
