// A long job's page (an import, a scan): polls the job's status; a <progress data-field="…">
// takes that figure of the status as its value, an element with data-fill="{rows} rows · {percent}%"
// the text with the status's figures in it. Reloads once the job has finished, so the summary
// comes from the server. Without JavaScript the page refreshes itself (meta refresh).
(function () {
  const box = document.querySelector('[data-status-url]');
  if (!box || box.dataset.state !== 'running') return;
  const tick = async () => {
    try {
      const res = await fetch(box.dataset.statusUrl, { headers: { accept: 'application/json' } });
      if (!res.ok) return;
      const s = await res.json();
      for (const bar of box.querySelectorAll('progress[data-field]')) if (typeof s[bar.dataset.field] === 'number') bar.value = s[bar.dataset.field];
      for (const el of box.querySelectorAll('[data-fill]')) el.textContent = el.dataset.fill.replace(/\{(\w+)\}/g, (all, name) => (name in s ? String(s[name]) : all));
      if (s.state !== 'running') {
        window.location.reload();
        return;
      }
    } catch {
      // the next tick tries again
    }
    setTimeout(tick, 500);
  };
  setTimeout(tick, 300);
})();
