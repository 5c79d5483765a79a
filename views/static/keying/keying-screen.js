// The keying screen: codes typed as printed on paper, auto-advance when a code is complete,
// skip logic applied as you type, checks when a field is left. The page works without this
// script (a plain POST checked on the server); this only makes it fast.
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
      localError: '',
      serverError: el.getAttribute('aria-invalid') === 'true' ? document.getElementById(`${el.id}-error`).textContent : '',
    };
  });
  const byCode = new Map(fields.map((f) => [f.code, f]));
  const isCoded = (f) => f.codes !== null && f.type !== 'place-province';

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
      const state = codeState(f);
      f.localError = state === 'invalid' ? text.badCode(Object.keys(f.codes).join(', ')) : '';
      if (state !== 'invalid') f.serverError = '';
      showMessage(f);
      showChosen(f);
      applySkips();
      if (state === 'complete') focusNext(f);
    });
    f.el.addEventListener('keydown', (event) => {
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
  const firstError = fields.find((f) => f.el.getAttribute('aria-invalid') === 'true' && !f.el.disabled);
  (firstError ?? fields[0]).el.focus();
}
