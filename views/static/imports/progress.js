// Polls the import's status and updates the bar; reloads once the import has finished, so the
// summary comes from the server. Without JavaScript the page refreshes itself (meta refresh).
(function () {
  const box = document.getElementById('import-status');
  if (!box || box.dataset.state !== 'running') return;
  const bar = document.getElementById('import-progress');
  const rows = document.getElementById('import-rows');
  const tick = async () => {
    try {
      const res = await fetch(box.dataset.statusUrl, { headers: { accept: 'application/json' } });
      if (!res.ok) return;
      const s = await res.json();
      if (bar) bar.value = s.percent;
      if (rows) rows.textContent = rows.textContent.replace(/^\d+/, String(s.rows)).replace(/\d+%$/, s.percent + '%');
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
