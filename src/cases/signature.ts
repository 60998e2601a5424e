/** Who signs an answer: a person's name and the title residents know them by. */
export interface Signer {
  name: string;
  role?: string | undefined;
}

const TITLE_SEPARATORS = /[、，,/／]+/;

/**
 * The one title a resident reads under an answer: of several ("村党支部书记、村委会主任") the village committee's,
 * else the first.
 */
export function mainTitle(role: string): string {
  const titles = role
    .split(TITLE_SEPARATORS)
    .map((t) => t.trim())
    .filter(Boolean);
  return titles.find((t) => t.includes('村委会')) ?? titles[0] ?? '';
}

/**
 * "法律顾问 林晓岚": one title and the name, however the name was entered ("法律顾问 林晓岚", "法律顾问林晓岚" or
 * "林晓岚") — never the title twice.
 */
export function signature({ name, role }: Signer): string {
  const title = mainTitle(role ?? '');
  let bare = name.trim();
  for (const t of [role?.trim() ?? '', title]) {
    if (t && bare.startsWith(t)) bare = bare.slice(t.length).trim();
  }
  return title ? `${title} ${bare}` : bare;
}
