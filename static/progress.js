// papers serve: follows a job as it runs (server-sent events). Without JavaScript the page reloads itself.
(() => {
  const state = document.getElementById('job-state');
  const log = document.getElementById('job-log');
  if (!state || !log || !window.EventSource) return;
  if (state.dataset.state !== 'queued' && state.dataset.state !== 'running') return;
  const events = new EventSource(state.dataset.events);
  events.addEventListener('line', (e) => {
    const li = document.createElement('li');
    li.textContent = e.data;
    log.appendChild(li);
  });
  events.addEventListener('state', (e) => {
    state.textContent = e.data;
  });
  events.addEventListener('end', () => {
    events.close();
    window.location.reload();
  });
})();
