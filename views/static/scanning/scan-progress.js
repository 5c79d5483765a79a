// Polls the scan's status and moves the bar page by page; reloads once the scan has finished, so
// the summary comes from the server. Without JavaScript the page refreshes itself (meta refresh).
(function () {
  const box = document.getElementById('scan-status');
  if (!box || box.dataset.state !== 'running') return;
  const bar = document.getElementById('scan-progress');
  const pages = document.getElementById('scan-pages');
  const tick = async () => {
    try {
      const res = await fetch(box.dataset.statusUrl, { headers: { accept: 'application/json' } });
      if (!res.ok) return;
      const s = await res.json();
      if (bar) bar.value = s.pages;
      if (pages) pages.textContent = pages.textContent.replace(/^\d+ \/ \d+/, `${s.pages} / ${s.total}`);
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
