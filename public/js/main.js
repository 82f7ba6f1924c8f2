// Progressive enhancement only: every page works without this file.
// Moves focus to the error summary so screen-reader and keyboard users land on the list of problems,
// and makes its links focus the field itself (not just scroll to it).
(function () {
  'use strict';
  // "Print" buttons are hidden without JavaScript (browsers' own print works there).
  Array.prototype.forEach.call(document.querySelectorAll('[data-print]'), function (button) {
    button.hidden = false;
    button.addEventListener('click', function () {
      window.print();
    });
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

  // File inputs: list what was chosen (name and size) and flag a file over the size limit before a long upload;
  // the server checks everything again.
  Array.prototype.forEach.call(document.querySelectorAll('[data-file-input]'), function (input) {
    var list = document.getElementById(input.id + '-chosen');
    var maxBytes = Number(input.getAttribute('data-max-bytes'));
    if (!list || !input.files) return;
    input.addEventListener('change', function () {
      list.textContent = '';
      Array.prototype.forEach.call(input.files, function (file) {
        var item = document.createElement('li');
        var size = file.size >= 1048576 ? (file.size / 1048576).toFixed(1) + ' MB' : Math.max(1, Math.round(file.size / 1024)) + ' KB';
        if (maxBytes && file.size > maxBytes) {
          item.className = 'chosen-files__item chosen-files__item--error';
          item.textContent = input.getAttribute('data-too-large').replace('%name%', function () {
            return file.name;
          });
        } else {
          item.className = 'chosen-files__item';
          item.textContent = file.name + ' (' + size + ')';
        }
        list.appendChild(item);
      });
      list.hidden = input.files.length === 0;
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
