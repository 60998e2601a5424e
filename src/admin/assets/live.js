// Live pages: the inbox and the case page listen to /api/events and redraw their changing parts from the server's
// own HTML, so what appears is exactly what a reload would show. Urgent cases ring once and count in the title.
const main = document.querySelector('main[data-live]');
const badge = document.getElementById('live-badge');
const baseTitle = document.title;
let unseenUrgent = 0;
let pending;

function chime() {
  try {
    const audio = new AudioContext();
    const tone = audio.createOscillator();
    const gain = audio.createGain();
    tone.frequency.value = 880;
    gain.gain.setValueAtTime(0.2, audio.currentTime);
    gain.gain.exponentialRampToValueAtTime(0.001, audio.currentTime + 0.6);
    tone.connect(gain).connect(audio.destination);
    tone.start();
    tone.stop(audio.currentTime + 0.6);
  } catch {
    // No sound before the first click on some browsers; the badge still shows.
  }
}

function markUrgent() {
  unseenUrgent += 1;
  document.title = `(${unseenUrgent}) ${baseTitle}`;
  if (badge) {
    badge.textContent = `新紧急案件 ${unseenUrgent}`;
    badge.hidden = false;
  }
  chime();
}

// Parts whose new version replaces the old one; forms being typed into are left alone.
const PARTS = { inbox: ['case-rows'], case: ['case-facts', 'mediation-ladder', 'case-timeline'] };

async function redraw() {
  const response = await fetch(location.href, { credentials: 'same-origin', headers: { accept: 'text/html' } });
  if (!response.ok) return;
  const page = new DOMParser().parseFromString(await response.text(), 'text/html');
  for (const id of PARTS[main.dataset.live] ?? []) {
    const now = document.getElementById(id);
    const fresh = page.getElementById(id);
    if (now && fresh) now.replaceWith(fresh);
  }
  const count = page.querySelector('h1 .muted');
  const shown = document.querySelector('h1 .muted');
  if (count && shown) shown.textContent = count.textContent;
}

function onChange(change) {
  if (main.dataset.live === 'case' && change.id !== main.dataset.caseId) return;
  if (change.urgent && (change.kind === 'created' || change.kind === 'followup')) markUrgent();
  // Several changes in a burst make one redraw.
  clearTimeout(pending);
  pending = setTimeout(redraw, 150);
}

if (main) {
  const events = new EventSource('/api/events');
  events.addEventListener('case', (event) => onChange(JSON.parse(event.data)));
  window.addEventListener('focus', () => {
    unseenUrgent = 0;
    document.title = baseTitle;
    if (badge) badge.hidden = true;
  });
}
