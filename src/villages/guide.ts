/** A village's 办事指南.md: one `## ` heading per service item, then the clerk's free text about it. */
export interface GuideItem {
  /** As written after `## `, trimmed: the guide contract returns it verbatim. */
  heading: string;
  /** Everything under the heading up to the next one, lines joined by "\n". */
  text: string;
  /** 1-based line of the heading, for messages to the clerk. */
  line: number;
}

export interface Guide {
  /** The `# ` title line, or "". */
  title: string;
  /** Text before the first item (opening hours, who to call): not an item of its own. */
  preamble: string;
  items: GuideItem[];
}

/** A guide the bot cannot use; the message names the file, the line and the fix. */
export class GuideError extends Error {
  override name = 'GuideError';
}

const ITEM = /^##(?!#)\s*(.*)$/;
const TITLE = /^#(?!#)\s*(.*)$/;

/**
 * Reads 办事指南.md. Tolerates a BOM, CRLF, full-width spaces and `###` sub-headings (they stay in their item's
 * text); refuses a guide without items, an item with nothing under it and two items with one heading, since each
 * would make the bot quote nothing or the wrong thing.
 */
export function parseGuide(text: string, { name = '办事指南.md' }: { name?: string } = {}): Guide {
  const lines = text
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((l) => l.replace(/[\u3000\u00a0\t]/g, ' ').trim());
  let title = '';
  const head: string[] = [];
  const items: Array<GuideItem & { body: string[] }> = [];
  const seen = new Map<string, number>();
  lines.forEach((line, i) => {
    const at = i + 1;
    const item = ITEM.exec(line);
    if (item) {
      const heading = item[1]!.trim();
      if (!heading) {
        throw new GuideError(`${name}:${at}: a "##" line without a heading — write the item's name after "## "`);
      }
      const other = seen.get(heading);
      if (other) {
        throw new GuideError(
          `${name}:${at}: "## ${heading}" is also the heading on line ${other} — merge the two items or name them apart`,
        );
      }
      seen.set(heading, at);
      items.push({ heading, text: '', line: at, body: [] });
      return;
    }
    const current = items.at(-1);
    if (current) {
      if (line) current.body.push(line);
    } else if (!title && !head.length && TITLE.test(line)) {
      title = TITLE.exec(line)![1]!.trim();
    } else if (line) {
      head.push(line);
    }
  });
  if (items.length === 0) {
    throw new GuideError(
      `${name}: no item found — start each service item with a line "## 事项名称" (for example "## 低保申请"), then what to bring, where, when and whom to call`,
    );
  }
  for (const item of items) {
    if (item.body.length === 0) {
      throw new GuideError(
        `${name}:${item.line}: "## ${item.heading}" has nothing under it — write the 材料, 地点, 时间 and 电话 below the heading, or remove it`,
      );
    }
  }
  return {
    title,
    preamble: head.join('\n'),
    items: items.map(({ body, ...item }) => ({ ...item, text: body.join('\n') })),
  };
}
