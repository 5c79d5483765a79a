// A long job's page (an import, a scan): polls the job's status and writes each figure into the
// element that names it (data-field="rows", "percent", "pages"…; a <progress> takes it as its
// value); reloads once the job has finished, so the summary comes from the server. Without
// JavaScript the page refreshes itself (meta refresh).
(function () {
  const box = document.querySelector('[data-status-url]');
  if (!box || box.dataset.state !== 'running') return;
  const tick = async () => {
    try {
      const res = await fetch(box.dataset.statusUrl, { headers: { accept: 'application/json' } });
      if (!res.ok) return;
      const s = await res.json();
      for (const el of box.querySelectorAll('[data-field]')) {
        const value = s[el.dataset.field];
        if (value === undefined) continue;
        if (el instanceof HTMLProgressElement) el.value = value;
        else el.textContent = String(value);
      }
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
