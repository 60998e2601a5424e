// Canned replies on the case page: pick a sentence, or insert an article of the village rules (村规民约).
const text = document.getElementById('reply-text');
const canned = document.getElementById('canned');
const insertButton = document.getElementById('insert-article');
const articleInput = document.getElementById('article');
const articleStatus = document.getElementById('article-status');

// The article box sits in the reply form, so it never carries a validity error: a failed lookup must not keep the
// reply from being sent. The message goes beside it instead.
function say(message) {
  if (articleStatus) articleStatus.textContent = message;
}
articleInput?.addEventListener('input', () => say(''));

function insert(value) {
  text.value = text.value ? `${text.value}\n${value}` : value;
  text.focus();
}

canned?.addEventListener('change', () => {
  if (canned.value) insert(canned.value);
  canned.value = '';
});

insertButton?.addEventListener('click', async () => {
  const asked = articleInput.value.trim();
  if (!asked) return;
  const village = encodeURIComponent(insertButton.dataset.village);
  const response = await fetch(`/api/villages/${village}/rules/${encodeURIComponent(asked)}`, {
    credentials: 'same-origin',
  });
  if (!response.ok) {
    say(`没有找到“${asked}”，请检查条号。`);
    return;
  }
  say('');
  const article = await response.json();
  insert(`根据《${article.title}》${article.label}：${article.text}`);
});
