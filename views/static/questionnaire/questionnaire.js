// Progressive enhancement for the respondent pages. Everything works without this file:
// the server decides what is asked and checks every answer. This only hides questions that
// become skipped while answering (asking the server, which runs the same rules) and moves
// focus to the error summary.
(function () {
  'use strict';
  document.documentElement.classList.add('js');

  var summary = document.getElementById('error-summary');
  if (summary) summary.focus();

  var form = document.querySelector('form[data-asked-url]');
  if (!form) return;
  var csrf = form.querySelector('input[name="_csrf"]');
  var pending = 0;

  function setAsked(asked) {
    var set = {};
    for (var i = 0; i < asked.length; i++) set[asked[i]] = true;
    var blocks = form.querySelectorAll('[data-var]');
    for (var j = 0; j < blocks.length; j++) {
      var block = blocks[j];
      var on = !!set[block.getAttribute('data-var')];
      block.classList.toggle('is-skipped', !on);
      // Hidden questions must not be sent; their inner questions decide for themselves below.
      var inputs = block.querySelectorAll('input, select, textarea');
      for (var k = 0; k < inputs.length; k++) inputs[k].disabled = !on;
    }
  }

  function refresh() {
    var seq = ++pending;
    var data = new URLSearchParams();
    var fd = new FormData(form);
    fd.forEach(function (value, key) {
      if (key !== '_csrf' && key !== 'nav' && typeof value === 'string') data.append(key, value);
    });
    fetch(form.getAttribute('data-asked-url'), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-csrf-token': csrf ? csrf.value : '', accept: 'application/json' },
      body: data.toString(),
      credentials: 'same-origin',
    })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (body) {
        if (body && seq === pending) setAsked(body.asked);
      })
      .catch(function () { /* offline: the server will still decide on save */ });
  }

  // Only choices change what is asked; typing in text fields does not.
  form.addEventListener('change', function (e) {
    var t = e.target;
    if (t && (t.type === 'radio' || t.type === 'checkbox' || t.tagName === 'SELECT')) refresh();
  });
  if (form.querySelector('.is-skipped')) refresh();
})();
