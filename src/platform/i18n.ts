import type { Lang } from './errors.js';

/** The request's language from Accept-Language: zh-CN by default, zh-TW, en. */
export function pickLang(header: string | undefined): Lang {
  if (!header) return 'zh-CN';
  for (const part of header.split(',')) {
    const tag = part.split(';')[0]!.trim().toLowerCase();
    if (tag.startsWith('zh-tw') || tag.startsWith('zh-hk') || tag.startsWith('zh-mo') || tag.startsWith('zh-hant')) return 'zh-TW';
    if (tag.startsWith('zh')) return 'zh-CN';
    if (tag.startsWith('en')) return 'en';
  }
  return 'zh-CN';
}
