// The demo chat page: sends what the newcomer types as a resident and polls for everything said since.
const root = document.getElementById('demo');
const chat = document.getElementById('chat');
const who = document.getElementById('who');
const where = document.getElementById('where');
const text = document.getElementById('text');
const mention = document.getElementById('mention');
// The village's time, not the visitor's: the workbench shows the same clock.
const clock = new Intl.DateTimeFormat('zh-CN', {
  timeZone: root.dataset.timeZone,
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});
let since = 0;

// Long answers (a quoted rule, a guide item) fold like texts on the workbench (src/admin/pages/parts.ts).
const FOLD_AT = 300;
const PREVIEW = 160;

function span(className, text) {
  const el = document.createElement('span');
  el.className = className;
  el.textContent = text;
  return el;
}

function bubbleOf(text) {
  const chars = [...text];
  if (chars.length <= FOLD_AT) {
    const bubble = document.createElement('div');
    bubble.className = 'bubble';
    bubble.textContent = text;
    return bubble;
  }
  const details = document.createElement('details');
  details.className = 'fold bubble';
  const summary = document.createElement('summary');
  summary.append(
    span('preview', `${chars.slice(0, PREVIEW).join('')}…`),
    span('more', `展开全文（${chars.length} 字）`),
    span('less', '收起'),
  );
  details.append(summary, text);
  return details;
}

function show(line) {
  const me = who.value.trim();
  const isPrivate = line.chat.startsWith('private:');
  // Private chats are shown only to the resident they belong to.
  if (isPrivate && line.chat !== `private:${me}`) return;
  const div = document.createElement('div');
  div.className = `msg${line.fromBot ? ' bot' : ''}${isPrivate ? ' private' : ''}`;
  div.dataset.chat = line.chat;
  const label = document.createElement('div');
  label.className = 'who';
  label.textContent = `${line.from}${isPrivate ? '（私聊）' : `（${line.chat}）`} ${clock.format(new Date(line.at))}`;
  div.append(label, bubbleOf(line.text));
  chat.append(div);
  chat.scrollTop = chat.scrollHeight;
}

async function poll() {
  try {
    const response = await fetch(`/api/demo/chat?since=${since}`);
    if (response.ok) {
      const { lines } = await response.json();
      for (const line of lines) {
        since = Math.max(since, line.seq);
        show(line);
      }
    }
  } finally {
    setTimeout(poll, 700);
  }
}

function redraw() {
  chat.textContent = '';
  since = 0;
}

who.addEventListener('change', redraw);

document.getElementById('say').addEventListener('submit', async (event) => {
  event.preventDefault();
  const body = {
    from: who.value.trim(),
    text: text.value,
    room: where.value || null,
    mentioned: mention.checked,
  };
  const response = await fetch('/api/demo/say', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-csrf-token': root.dataset.csrf },
    body: JSON.stringify(body),
  });
  if (response.ok) text.value = '';
  else alert((await response.json()).message ?? '发送失败');
});

poll();
