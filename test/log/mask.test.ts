import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/log/logger.js';
import { maskText } from '../../src/log/mask.js';

describe('masking personal numbers', () => {
  it('masks a mobile number and an 18-digit ID-card number inside text', () => {
    expect(maskText('我电话13812345678，身份证11010519491231002X')).toBe('我电话138****5678，身份证110105********002X');
  });

  it('leaves ordinary numbers alone', () => {
    expect(maskText('俺家12亩地，2024年补贴1000元')).toBe('俺家12亩地，2024年补贴1000元');
  });

  it('masks numbers in every logged field and message', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const log = createLogger('info', sink as never);
    log.info({ resident: { text: '找我 13900001111' } }, 'message from 13700002222');
    await new Promise((r) => setImmediate(r));
    const out = lines.join('');
    expect(out).not.toContain('13900001111');
    expect(out).not.toContain('13700002222');
    expect(out).toContain('139****1111');
  });
});
