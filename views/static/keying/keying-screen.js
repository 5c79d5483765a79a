// The keying screen: codes typed as printed on paper, auto-advance when a code is complete,
// skip logic applied as you type, checks when a field is left. The page works without this
// script (a plain POST checked on the server); this only makes it fast.
//
// A place field (data-place) takes the printed code or the first letters of the written name: the
// match, or "không tìm thấy" / "nhiều kết quả: …", shows beside it as it is typed, and Enter or Tab
// puts the one match's code in the field. A district's or a commune's list is the one under the
// field above, fetched from /places/… when that field gets a code.
//
// Skip logic runs here, synchronously, so the cursor never lands in a skipped field: the server
// sends each rule already parsed (data-relevant) and serves its own evaluator,
// src/modules/rules/evaluate-expression.ts, as the module imported below. Checks ask the server
// (the same checkAnswers as the save), because they need not block typing; a plain code is
// checked here against its list, so only fields that rules read, numbers and texts ask.

import { isTrue } from '/static/rules/evaluate-expression.js';

const form = document.getElementById('keying-form');
if (form) init(form);

function init(form) {
  const lang = document.documentElement.lang === 'en' ? 'en' : 'vi';
  const text = {
    skipped: lang === 'en' ? 'skipped' : 'bỏ qua',
    badCode: (allowed) => (lang === 'en' ? `not a code of this question (${allowed})` : `mã không có trong câu này (${allowed})`),
    notFound: lang === 'en' ? 'not found' : 'không tìm thấy',
    several: (list) => (lang === 'en' ? `several match: ${list}` : `nhiều kết quả: ${list}`),
    aboveFirst: lang === 'en' ? 'key the field above first' : 'nhập ô phía trên trước',
  };
  const multiples = JSON.parse(form.dataset.multiples || '{}');
  const csrf = form.querySelector('input[name="_csrf"]').value;
  const fields = [...form.querySelectorAll('input.kf-input')].map((el) => {
    const spec = el.dataset.specifies ? el.dataset.specifies.split(':') : null;
    return {
      el,
      code: el.name,
      type: el.dataset.type,
      codes: el.dataset.codes ? JSON.parse(el.dataset.codes) : null,
      relevant: el.dataset.relevant ? JSON.parse(el.dataset.relevant) : null,
      specifies: spec ? { variable: spec[0], option: Number(spec[1]) } : null,
      chosen: document.getElementById(`${el.id}-chosen`),
      error: document.getElementById(`${el.id}-error`),
      row: el.closest('.kf'),
      place: el.dataset.place === '1' ? { parent: el.dataset.placeParent || '', list: el.dataset.placeList || '' } : null,
      localError: '',
      serverError: el.getAttribute('aria-invalid') === 'true' ? document.getElementById(`${el.id}-error`).textContent : '',
    };
  });
  const byCode = new Map(fields.map((f) => [f.code, f]));
  const isCoded = (f) => f.codes !== null && f.type !== 'place-province' && !f.place;

  function valueOf(f) {
    const s = f.el.value.trim();
    if (s === '') return undefined;
    if (isCoded(f) || f.type === 'number') {
      if (!/^-?\d+([.,]\d+)?$/.test(s)) return s;
      const n = Number(s.replace(',', '.'));
      return f.type === 'multiple-option' && n === 0 ? undefined : n;
    }
    return s;
  }

  function ruleView() {
    const view = {};
    for (const f of fields) {
      const v = valueOf(f);
      if (v !== undefined && !f.el.disabled) view[f.code] = v;
    }
    for (const [question, flags] of Object.entries(multiples)) {
      view[question] = flags.filter((flag) => view[flag.code] === 1).map((flag) => flag.option);
    }
    return view;
  }

  function isAsked(f, view) {
    if (f.type === 'serial') return true;
    if (f.specifies) {
      const chosen = view[f.specifies.variable];
      return Array.isArray(chosen) ? chosen.includes(f.specifies.option) : Number(chosen) === f.specifies.option;
    }
    if (!f.relevant) return true;
    return isTrue(f.relevant, view);
  }

  function showMessage(f) {
    const message = f.localError || f.serverError;
    f.error.textContent = message;
    f.row.classList.toggle('has-error', message !== '');
    if (message) f.el.setAttribute('aria-invalid', 'true');
    else f.el.removeAttribute('aria-invalid');
    f.el.setAttribute('aria-describedby', message ? `${f.el.id}-chosen ${f.el.id}-error` : `${f.el.id}-chosen`);
  }

  // Repeated until nothing changes, so a field cleared by skip logic is seen as empty by the
  // rules that read it (one view per round, not one per field: this runs on every keystroke).
  function applySkips() {
    for (let round = 0; round < 5; round++) {
      const view = ruleView();
      let changed = false;
      for (const f of fields) {
        const asked = isAsked(f, view);
        if (!asked && !f.el.disabled) {
          f.el.value = '';
          f.el.disabled = true;
          f.localError = '';
          f.serverError = '';
          showMessage(f);
          changed = true;
        } else if (asked && f.el.disabled) {
          f.el.disabled = false;
          changed = true;
        }
        // Touch the page only where something changed: this runs on every keystroke.
        if (f.row.classList.contains('skipped') === asked) {
          f.row.classList.toggle('skipped', !asked);
          f.chosen.textContent = asked ? '' : text.skipped;
        }
      }
      if (!changed) return;
    }
  }

  function showChosen(f) {
    if (f.el.disabled) return;
    if (f.place) return showPlace(f);
    const s = f.el.value.trim();
    f.chosen.textContent = f.codes && Object.hasOwn(f.codes, s) ? f.codes[s] : '';
  }

  /** Complete: a known code that no longer code starts with (so 1 of 1–12 waits for a second digit). */
  function codeState(f) {
    const s = f.el.value.trim();
    if (!f.codes || s === '') return 'empty';
    const keys = Object.keys(f.codes);
    const known = keys.includes(s);
    const longer = keys.some((k) => k !== s && k.startsWith(s));
    if (known && !longer) return 'complete';
    if (known || longer) return 'partial';
    return 'invalid';
  }

  // Place fields: a code, or the first letters of a name, with or without diacritics and type word.
  const fold = (s) =>
    s
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[đĐ]/g, 'd')
      .toLowerCase()
      .replace(/[,;:()"'.]/g, ' ')
      .replace(/\s+/g, ' ')
      .trim();
  const TYPE_WORD = /^(thanh pho|tp|tinh|quan|huyen|thi xa|thi tran|xa|phuong|dac khu) /;

  /** [code, name] pairs the field's text names: its code, or the names it starts (a full name wins). */
  function placeMatches(f) {
    const s = f.el.value.trim();
    if (!f.codes || s === '') return [];
    if (Object.hasOwn(f.codes, s)) return [[s, f.codes[s]]];
    if (/^\d+$/.test(s)) return Object.entries(f.codes).filter(([code]) => code.startsWith(s));
    const q = fold(s);
    const exact = [];
    const found = [];
    for (const [code, name] of Object.entries(f.codes)) {
      const key = fold(name);
      const bare = key.replace(TYPE_WORD, '');
      if (key === q || bare === q) exact.push([code, name]);
      else if (key.startsWith(q) || bare.startsWith(q)) found.push([code, name]);
    }
    return exact.length ? exact : found;
  }

  const isPlaceCode = (f) => f.codes !== null && Object.hasOwn(f.codes, f.el.value.trim());

  function showPlace(f) {
    const s = f.el.value.trim();
    let shown = '';
    if (s !== '' && !f.codes) shown = f.place.parent ? text.aboveFirst : '';
    else if (s !== '') {
      const found = placeMatches(f);
      if (isPlaceCode(f)) shown = f.codes[s];
      else if (found.length === 0) shown = text.notFound;
      else if (found.length === 1) shown = `${found[0][1]} (${found[0][0]})`;
      else shown = text.several(found.slice(0, 6).map(([code, name]) => `${name} (${code})`).join(', ') + (found.length > 6 ? ', …' : ''));
    }
    f.chosen.textContent = shown;
  }

  const lists = new Map();
  /** The field above got a code (or lost it): this field's list is that place's children. */
  async function loadChildren(f) {
    const parent = byCode.get(f.place.parent);
    const code = parent && isPlaceCode(parent) ? parent.el.value.trim() : '';
    f.loadedFor = code;
    if (code === '') {
      f.codes = null;
    } else {
      const url = f.place.list + encodeURIComponent(code);
      try {
        if (!lists.has(url)) {
          const res = await fetch(url, { headers: { accept: 'application/json' } });
          if (!res.ok) return;
          const { places } = await res.json();
          lists.set(url, Object.fromEntries(places.map((p) => [p.code, p.name])));
        }
      } catch {
        return; // offline: the save resolves names on the server
      }
      if (f.loadedFor !== code) return;
      f.codes = lists.get(url);
    }
    showPlace(f);
    childrenOf(f);
    // Typed before the list came: a complete code moves on as it would have.
    if (document.activeElement === f.el && /^\d+$/.test(f.el.value.trim()) && codeState(f) === 'complete') focusNext(f);
  }
  function childrenOf(f) {
    for (const child of fields) if (child.place && child.place.parent === f.code) void loadChildren(child);
  }

  /** Enter or Tab in a place field: its one match's code goes in the field. */
  function acceptPlace(f) {
    const found = placeMatches(f);
    if (found.length !== 1 || isPlaceCode(f)) return isPlaceCode(f);
    f.el.value = found[0][0];
    f.localError = '';
    f.serverError = '';
    showMessage(f);
    showPlace(f);
    applySkips();
    childrenOf(f);
    if (f.el.dataset.check === '1') void checkOnServer();
    return true;
  }

  const enabled = () => fields.filter((f) => !f.el.disabled);
  function focusNext(f) {
    const list = enabled();
    const next = list[list.indexOf(f) + 1];
    if (next) next.el.focus();
    else form.querySelector('#incomplete').focus();
  }
  function focusPrevious(f) {
    const list = enabled();
    const prev = list[list.indexOf(f) - 1];
    if (prev) prev.el.focus();
  }

  async function checkOnServer() {
    const answers = {};
    for (const f of fields) if (!f.el.disabled && f.el.value.trim() !== '') answers[f.code] = f.el.value;
    try {
      const res = await fetch(form.dataset.checkUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': csrf, accept: 'application/json' },
        body: JSON.stringify({ answers }),
      });
      if (!res.ok) return;
      const { problems } = await res.json();
      const byField = new Map(problems.map((p) => [p.code, p.message]));
      for (const f of fields) {
        const message = f.el.value.trim() === '' && !byField.has(f.code) ? '' : (byField.get(f.code) ?? '');
        if (message !== f.serverError) {
          f.serverError = message;
          showMessage(f);
        }
      }
    } catch {
      // Offline or the server restarting: the save checks everything again anyway.
    }
  }

  for (const f of fields) {
    f.el.addEventListener('input', () => {
      if (f.place) {
        const digits = /^\d+$/.test(f.el.value.trim());
        const state = digits ? codeState(f) : 'names';
        f.localError = state === 'invalid' ? text.notFound : '';
        f.serverError = '';
        showMessage(f);
        showPlace(f);
        applySkips();
        childrenOf(f);
        if (state === 'complete') focusNext(f);
        return;
      }
      const state = codeState(f);
      f.localError = state === 'invalid' ? text.badCode(Object.keys(f.codes).join(', ')) : '';
      if (state !== 'invalid') f.serverError = '';
      showMessage(f);
      showChosen(f);
      applySkips();
      if (state === 'complete') focusNext(f);
    });
    f.el.addEventListener('keydown', (event) => {
      if (f.place && (event.key === 'Enter' || (event.key === 'Tab' && !event.shiftKey)) && f.el.value.trim() !== '' && !isPlaceCode(f)) {
        // A name: Enter or Tab takes its one match and moves on; Enter on none or several stays (no save with a name).
        if (acceptPlace(f)) {
          event.preventDefault();
          focusNext(f);
        } else if (event.key === 'Enter') event.preventDefault();
        return;
      }
      if (event.key === 'Backspace' && f.el.value === '') {
        event.preventDefault();
        focusPrevious(f);
      } else if (event.key === 'Enter' && f.type === 'serial') {
        // Enter after the serial starts the answers; saving a form with only a serial is never meant.
        event.preventDefault();
        focusNext(f);
      }
    });
    if (f.el.dataset.check === '1') f.el.addEventListener('change', () => void checkOnServer());
    f.el.addEventListener('focus', () => f.el.select());
  }

  applySkips();
  for (const f of fields) showChosen(f);
  for (const f of fields) if (f.place && f.place.parent && !f.codes) void loadChildren(f);
  const firstError = fields.find((f) => f.el.getAttribute('aria-invalid') === 'true' && !f.el.disabled);
  (firstError ?? fields[0]).el.focus();
}
