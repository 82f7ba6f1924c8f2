// Progressive enhancement only: without this file the form sends the typed name and the portal offers the
// register's matches on a page of their own. With it, the organisation's name field suggests register entries as
// you type (the ARIA 1.2 combobox pattern with a list box), and a picked entry's number travels in the form's
// hidden `organisationNumber` field.
(function () {
  'use strict';
  var count = 0;
  Array.prototype.forEach.call(document.querySelectorAll('.organisation-picker[data-suggest]'), function (picker) {
    var input = picker.querySelector('input[type="text"], input:not([type])');
    var hidden = picker.querySelector('input[name="organisationNumber"]');
    if (!input || !hidden || !window.fetch) return;
    count += 1;
    var listId = 'organisation-suggestions-' + count;
    var list = document.createElement('ul');
    list.id = listId;
    list.className = 'picker__list';
    list.setAttribute('role', 'listbox');
    list.setAttribute('aria-label', picker.getAttribute('data-suggestions-label') || '');
    list.hidden = true;
    var status = document.createElement('div');
    status.className = 'visually-hidden';
    status.setAttribute('role', 'status');
    input.parentNode.appendChild(list);
    input.parentNode.appendChild(status);
    input.setAttribute('role', 'combobox');
    input.setAttribute('aria-autocomplete', 'list');
    input.setAttribute('aria-expanded', 'false');
    input.setAttribute('aria-controls', listId);
    input.setAttribute('autocomplete', 'off');
    var options = [];
    var active = -1;
    var timer = null;
    var asked = 0;

    function close() {
      list.hidden = true;
      input.setAttribute('aria-expanded', 'false');
      input.removeAttribute('aria-activedescendant');
      active = -1;
    }

    function highlight(index) {
      options.forEach(function (option, i) {
        option.element.setAttribute('aria-selected', i === index ? 'true' : 'false');
      });
      active = index;
      if (index >= 0) input.setAttribute('aria-activedescendant', options[index].element.id);
      else input.removeAttribute('aria-activedescendant');
    }

    function choose(index) {
      var option = options[index];
      if (!option) return;
      input.value = option.name;
      hidden.value = option.registrationNumber;
      close();
    }

    function show(suggestions) {
      list.textContent = '';
      options = suggestions.map(function (suggestion, i) {
        var element = document.createElement('li');
        element.id = listId + '-' + i;
        element.className = 'picker__option';
        element.setAttribute('role', 'option');
        element.setAttribute('aria-selected', 'false');
        element.textContent = suggestion.name;
        var detail = document.createElement('span');
        detail.className = 'picker__detail';
        detail.textContent = ' ' + suggestion.registrationNumber;
        element.appendChild(detail);
        element.addEventListener('mousedown', function (event) {
          event.preventDefault();
          choose(i);
        });
        list.appendChild(element);
        return { element: element, name: suggestion.name, registrationNumber: suggestion.registrationNumber };
      });
      active = -1;
      list.hidden = options.length === 0;
      input.setAttribute('aria-expanded', options.length ? 'true' : 'false');
      status.textContent = options.length ? options.length + ' ' + (picker.getAttribute('data-suggestions-label') || '') : '';
    }

    function ask() {
      var query = input.value.trim();
      if (query.length < 2) {
        show([]);
        return;
      }
      var ticket = ++asked;
      fetch(picker.getAttribute('data-suggest') + '?q=' + encodeURIComponent(query), { headers: { Accept: 'application/json' } })
        .then(function (response) {
          return response.ok ? response.json() : { suggestions: [] };
        })
        .then(function (body) {
          if (ticket === asked) show(body.suggestions || []);
        })
        .catch(function () {
          show([]);
        });
    }

    input.addEventListener('input', function () {
      // Typing again means the name may no longer be the entry picked: the server checks the pair anyway.
      hidden.value = '';
      clearTimeout(timer);
      timer = setTimeout(ask, 200);
    });
    input.addEventListener('keydown', function (event) {
      if (list.hidden || options.length === 0) return;
      if (event.key === 'ArrowDown') {
        event.preventDefault();
        highlight((active + 1) % options.length);
      } else if (event.key === 'ArrowUp') {
        event.preventDefault();
        highlight(active <= 0 ? options.length - 1 : active - 1);
      } else if (event.key === 'Enter' && active >= 0) {
        event.preventDefault();
        choose(active);
      } else if (event.key === 'Escape') {
        event.preventDefault();
        close();
      }
    });
    input.addEventListener('blur', close);
  });
})();
