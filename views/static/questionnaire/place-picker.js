// Filter-as-you-type for the place levels that offer a list (a district, a commune). Without this
// file each is a <select> of the level above's children, and the server shows the new list when
// the level above changes. With it, the <select> stays the field that is sent (hidden), and a text
// box with a list (the ARIA combobox pattern) filters its options as the respondent types: with or
// without diacritics ("ba dinh" finds "Phường Ba Đình"), by the start of any word or by code.
// When the level above changes, its children come from /places/<era>/<level>/<parent>.
(function () {
  'use strict';
  var selects = document.querySelectorAll('select[data-place-list]');
  if (!selects.length) return;

  var TYPE_WORD = /^(thanh pho|tinh|quan|huyen|thi xa|thi tran|xa|phuong|dac khu) /;
  function fold(s) {
    return s
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[đĐ]/g, 'd')
      .toLowerCase()
      .replace(/[,;:()"'.]/g, ' ')
      .replace(/\s+/g, ' ')
      .trim();
  }

  /** 0: the name (with or without its type word) or the code starts so; 1: a word starts so; 2: anywhere; -1: no. */
  function rank(item, q) {
    if (item.key.indexOf(q) === 0 || item.bare.indexOf(q) === 0 || item.code.indexOf(q) === 0) return 0;
    if ((' ' + item.key).indexOf(' ' + q) >= 0) return 1;
    if (item.key.indexOf(q) >= 0) return 2;
    return -1;
  }

  var pickers = {};
  var count = 0;

  function Picker(select) {
    var self = this;
    var n = ++count;
    this.select = select;
    this.offered = select.form.querySelector('input[name="' + select.getAttribute('data-offered') + '"]');
    this.waiting = document.getElementById(select.getAttribute('data-waiting'));
    this.url = select.getAttribute('data-place-list');
    this.texts = { noMatch: select.getAttribute('data-no-match'), matches: select.getAttribute('data-matches') };

    // The text box takes the <select>'s id, so its <label> and the error summary's link reach it.
    var input = document.createElement('input');
    input.type = 'text';
    input.id = select.id;
    select.id = select.id + '-list';
    input.setAttribute('role', 'combobox');
    input.setAttribute('aria-autocomplete', 'list');
    input.setAttribute('aria-expanded', 'false');
    input.setAttribute('autocomplete', 'off');
    input.setAttribute('autocapitalize', 'off');
    input.setAttribute('spellcheck', 'false');
    var help = document.createElement('p');
    help.className = 'help';
    help.id = 'place-help-' + n;
    help.textContent = select.getAttribute('data-filter-help');
    var status = document.createElement('p');
    status.className = 'place-status';
    status.id = 'place-status-' + n;
    status.setAttribute('aria-live', 'polite');
    var list = document.createElement('ul');
    list.id = 'place-list-' + n;
    list.className = 'place-options';
    list.setAttribute('role', 'listbox');
    list.hidden = true;
    input.setAttribute('aria-controls', list.id);
    input.setAttribute('aria-describedby', [select.getAttribute('aria-describedby'), help.id, status.id].filter(Boolean).join(' '));
    if (select.getAttribute('aria-invalid')) input.setAttribute('aria-invalid', 'true');
    select.removeAttribute('aria-describedby');
    select.hidden = true;
    select.tabIndex = -1;
    var box = document.createElement('div');
    box.className = 'place-picker';
    box.appendChild(input);
    box.appendChild(list);
    select.parentNode.insertBefore(help, select);
    select.parentNode.insertBefore(box, select);
    select.parentNode.insertBefore(status, select);
    this.input = input;
    this.list = list;
    this.status = status;
    this.shown = [];
    this.active = -1;
    this.readItems();
    this.showChosen();
    this.setWaiting(this.offered.value === '');

    input.addEventListener('input', function () {
      self.filter(true);
    });
    input.addEventListener('focus', function () {
      if (!input.readOnly && self.select.value === '') self.filter(false);
    });
    input.addEventListener('keydown', function (e) {
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault();
        if (list.hidden) self.filter(false);
        self.move(e.key === 'ArrowDown' ? 1 : -1);
      } else if (e.key === 'Enter') {
        if (list.hidden) return;
        var item = self.shown[self.active] || (self.shown.length === 1 ? self.shown[0] : null);
        if (item) {
          e.preventDefault();
          self.choose(item);
        }
      } else if (e.key === 'Escape') {
        self.close();
      }
    });
    input.addEventListener('blur', function () {
      self.settle();
    });
    // Keeps the focus in the text box, so a tap on an option is not a blur first.
    list.addEventListener('mousedown', function (e) {
      e.preventDefault();
    });
    list.addEventListener('click', function (e) {
      var li = e.target.closest('li[data-index]');
      if (li) self.choose(self.shown[Number(li.getAttribute('data-index'))]);
    });
  }

  Picker.prototype.readItems = function () {
    var items = [];
    for (var i = 0; i < this.select.options.length; i++) {
      var o = this.select.options[i];
      if (o.value === '') continue;
      var key = fold(o.textContent);
      items.push({ code: o.value, label: o.textContent, key: key, bare: key.replace(TYPE_WORD, '') });
    }
    this.items = items;
  };

  Picker.prototype.showChosen = function () {
    var o = this.select.selectedOptions[0];
    this.input.value = o && o.value !== '' ? o.textContent : '';
  };

  Picker.prototype.setWaiting = function (waiting) {
    if (this.waiting) this.waiting.hidden = !waiting;
    this.input.readOnly = waiting;
    this.input.setAttribute('aria-disabled', waiting ? 'true' : 'false');
  };

  Picker.prototype.filter = function (typed) {
    if (this.input.readOnly) return;
    var q = fold(this.input.value);
    var scored = [];
    for (var i = 0; i < this.items.length; i++) {
      var r = q === '' ? 0 : rank(this.items[i], q);
      if (r >= 0) scored.push({ r: r, i: i });
    }
    scored.sort(function (a, b) {
      return a.r - b.r || a.i - b.i;
    });
    var self = this;
    this.shown = scored.map(function (s) {
      return self.items[s.i];
    });
    if (typed) this.setValue('');
    this.render();
    this.status.textContent = q === '' ? '' : this.shown.length === 0 ? this.texts.noMatch : this.texts.matches.replace('{n}', String(this.shown.length));
  };

  Picker.prototype.render = function () {
    var list = this.list;
    while (list.firstChild) list.removeChild(list.firstChild);
    for (var i = 0; i < this.shown.length; i++) {
      var li = document.createElement('li');
      li.id = list.id + '-' + i;
      li.setAttribute('role', 'option');
      li.setAttribute('data-index', String(i));
      li.setAttribute('aria-selected', 'false');
      li.textContent = this.shown[i].label;
      list.appendChild(li);
    }
    this.active = -1;
    this.input.removeAttribute('aria-activedescendant');
    list.hidden = this.shown.length === 0;
    this.input.setAttribute('aria-expanded', list.hidden ? 'false' : 'true');
  };

  Picker.prototype.move = function (step) {
    if (this.shown.length === 0) return;
    var old = this.list.children[this.active];
    if (old) old.setAttribute('aria-selected', 'false');
    this.active = (this.active + step + this.shown.length) % this.shown.length;
    var li = this.list.children[this.active];
    li.setAttribute('aria-selected', 'true');
    this.input.setAttribute('aria-activedescendant', li.id);
    li.scrollIntoView({ block: 'nearest' });
  };

  Picker.prototype.close = function () {
    this.list.hidden = true;
    this.active = -1;
    this.input.setAttribute('aria-expanded', 'false');
    this.input.removeAttribute('aria-activedescendant');
  };

  Picker.prototype.setValue = function (code) {
    if (this.select.value === code) return;
    this.select.value = code;
    this.select.dispatchEvent(new Event('change', { bubbles: true }));
  };

  Picker.prototype.choose = function (item) {
    this.setValue(item.code);
    this.input.value = item.label;
    this.input.removeAttribute('aria-invalid');
    this.status.textContent = '';
    this.close();
  };

  /** Leaving the box: one match is taken; no match leaves the field empty and says so. */
  Picker.prototype.settle = function () {
    this.close();
    if (this.input.readOnly) return;
    if (this.input.value.trim() === '') return this.setValue('');
    var chosen = this.select.selectedOptions[0];
    if (chosen && chosen.value !== '' && chosen.textContent === this.input.value) return;
    var q = fold(this.input.value);
    var exact = this.items.filter(function (it) {
      return it.key === q || it.bare === q || it.code === q;
    });
    var matches = exact.length ? exact : this.shown;
    if (matches.length === 1) this.choose(matches[0]);
    else this.status.textContent = matches.length === 0 ? this.texts.noMatch : this.texts.matches.replace('{n}', String(matches.length));
  };

  /** The level above changed: this level's list becomes that answer's children (none while it is blank). */
  Picker.prototype.parentChanged = function (code) {
    var self = this;
    if (code === this.offered.value) return;
    while (this.select.options.length > 1) this.select.remove(1);
    this.readItems();
    this.input.value = '';
    this.status.textContent = '';
    this.offered.value = '';
    this.setWaiting(true);
    this.setValue('');
    if (code === '') return;
    fetch(this.url + encodeURIComponent(code), { headers: { accept: 'application/json' }, credentials: 'same-origin' })
      .then(function (r) {
        return r.ok ? r.json() : null;
      })
      .then(function (body) {
        if (!body || self.parent.value !== code) return;
        for (var i = 0; i < body.places.length; i++) self.select.add(new Option(body.places[i].name, body.places[i].code));
        self.readItems();
        self.offered.value = code;
        self.setWaiting(false);
      })
      .catch(function () {
        /* offline: the server shows the new list when the page is saved */
      });
  };

  for (var i = 0; i < selects.length; i++) {
    var picker = new Picker(selects[i]);
    pickers[selects[i].name] = picker;
  }
  Object.keys(pickers).forEach(function (name) {
    var p = pickers[name];
    var parentName = p.select.getAttribute('data-parent-name');
    p.parent = p.select.form.querySelector('select[name="' + parentName + '"]');
    if (!p.parent) return;
    p.parent.addEventListener('change', function () {
      p.parentChanged(p.parent.value);
    });
  });
})();
