import { describe, expect, it } from 'vitest';
import { pickLang } from './i18n.js';

describe('pickLang (Accept-Language)', () => {
  it('takes the most preferred language it speaks, by q and then by order', () => {
    expect(pickLang(undefined)).toBe('zh-CN');
    expect(pickLang('en')).toBe('en');
    expect(pickLang('zh-HK,en;q=0.5')).toBe('zh-TW');
    expect(pickLang('zh-TW;q=0.1,en;q=0.9')).toBe('en');
    expect(pickLang('fr,en;q=0.8,zh-CN;q=0.9')).toBe('zh-CN');
    expect(pickLang('en;q=0,zh-Hant')).toBe('zh-TW');
    expect(pickLang('de, fr;q=0.5')).toBe('zh-CN');
  });
});
