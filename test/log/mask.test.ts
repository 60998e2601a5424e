import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/log/logger.js';
import { maskDeep, maskText } from '../../src/log/mask.js';

/** A logger writing into an array, and the text written once pino has flushed. */
function capture() {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  const log = createLogger('info', sink as never);
  const output = async () => {
    await new Promise((r) => setImmediate(r));
    return lines.join('');
  };
  return { log, output };
}

describe('masking personal numbers', () => {
  it('masks a mobile number and an 18-digit ID-card number inside text', () => {
    expect(maskText('我电话13812345678，身份证11010519491231002X')).toBe('我电话138****5678，身份证110105********002X');
  });

  it.each([
    ['+8613812345678', '+86138****5678'],
    ['+86 138 1234 5678', '+86 138 **** 5678'],
    ['008613812345678', '0086138****5678'],
    ['138 1234 5678', '138 **** 5678'],
    ['138-1234-5678', '138-****-5678'],
    ['１３８１２３４５６７８', '１３８****５６７８'],
    ['0571-87654321', '0571-****4321'],
    ['（010）12345678', '（010）****5678'],
    ['110105491231002', '110105******002'],
    ['11010519491231002x', '110105********002x'],
    ['１１０１０５１９４９１２３１００２Ｘ', '１１０１０５********００２Ｘ'],
  ])('masks %s as %s', (written, masked) => {
    expect(maskText(`联系：${written}。`)).toBe(`联系：${masked}。`);
  });

  it.each([
    '案件 XH-1201-007 已受理',
    '俺家12亩地，2024年补贴1000元',
    '赔偿 12800 元，共 3 户',
    '2026-12-01 14:12 收到',
    'at 1764569520000 ms',
    'order 202612011234567',
  ])('leaves ordinary numbers alone: %s', (text) => {
    expect(maskText(text)).toBe(text);
  });

  it('masks numbers in nested fields, arrays, keys, numeric values and errors', () => {
    const err = new Error('cannot send to 13900001111');
    const out = JSON.stringify(
      maskDeep({
        a: { b: { c: ['找我 138-1234-5678'] } },
        phone: 13912345678,
        byPhone: { '13700002222': 1 },
        err,
        count: 42,
      }),
    );
    for (const whole of ['13812345678', '1234-5678', '13912345678', '13700002222', '13900001111']) {
      expect(out).not.toContain(whole);
    }
    expect(out).toContain('"count":42');
    expect(out).toContain('cannot send to 139****1111');
  });

  it('masks numbers in every logged field, child binding and message', async () => {
    const { log, output } = capture();
    log
      .child({ resident: '王大爷 +86 139 0000 3333' })
      .info({ resident: { text: '找我 13900001111' } }, 'message from %s', '13700002222');
    log.error(new Error('ID 110105194912310021 rejected'), 'failed');
    const out = await output();
    for (const whole of ['13900001111', '13700002222', '0000 3333', '194912310021']) expect(out).not.toContain(whole);
    expect(out).toContain('139****1111');
    expect(out).toContain('"msg":"failed"');
  });
});
