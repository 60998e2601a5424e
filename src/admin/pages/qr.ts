import qrcodeTerminal from 'qrcode-terminal';

// The terminal renderer packs two QR rows into one line of half blocks; read them back into modules.
const CELL: Record<string, [boolean, boolean]> = {
  '\u2588': [false, false],
  '\u2580': [false, true],
  '\u2584': [true, false],
  ' ': [true, true],
};

/** A QR code as an SVG image (dark modules as squares), using the encoder cunbot already ships for the terminal. */
export function qrSvg(text: string): string {
  let art = '';
  qrcodeTerminal.generate(text, { small: true }, (out) => {
    art = out;
  });
  const rows: boolean[][] = [];
  for (const line of art.split('\n').filter(Boolean)) {
    const top: boolean[] = [];
    const bottom: boolean[] = [];
    for (const ch of line) {
      const [t, b] = CELL[ch] ?? [false, false];
      top.push(t);
      bottom.push(b);
    }
    rows.push(top, bottom);
  }
  // The first half row is the terminal's own background above the quiet zone, not part of the code.
  rows.shift();
  const size = Math.max(...rows.map((r) => r.length));
  const rects = rows
    .flatMap((row, y) => row.map((dark, x) => (dark ? `<rect x="${x}" y="${y}" width="1" height="1"/>` : '')))
    .join('');
  // Scanners want a quiet zone of about four modules; the renderer leaves one.
  const pad = 3;
  const box = `${-pad} ${-pad} ${size + 2 * pad} ${rows.length + 2 * pad}`;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="${box}" width="280" height="280" shape-rendering="crispEdges" style="background:#fff" role="img" aria-label="微信登录二维码">${rects}</svg>`;
}
