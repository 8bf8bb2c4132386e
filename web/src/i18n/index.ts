// i18next with zh-CN (default), zh-TW and en; the choice is kept in localStorage and sent to
// the server as Accept-Language so its error messages come back in the same language.
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { setApiLanguage } from '../api/client';
import { zhCN } from './zh-CN';
import { zhTW } from './zh-TW';
import { en } from './en';

export const LANGUAGES = [
  { code: 'zh-CN', label: '简体中文' },
  { code: 'zh-TW', label: '繁體中文' },
  { code: 'en', label: 'English' },
] as const;
export type Lang = (typeof LANGUAGES)[number]['code'];

const STORAGE_KEY = 'aftersales.lang';

function initialLang(): Lang {
  const saved = typeof localStorage !== 'undefined' ? localStorage.getItem(STORAGE_KEY) : null;
  return LANGUAGES.some((l) => l.code === saved) ? (saved as Lang) : 'zh-CN';
}

const lang = initialLang();
setApiLanguage(lang);
void i18n.use(initReactI18next).init({
  resources: { 'zh-CN': { translation: zhCN }, 'zh-TW': { translation: zhTW }, en: { translation: en } },
  lng: lang,
  fallbackLng: 'zh-CN',
  interpolation: { escapeValue: false },
});

/** Switches the UI and the API's Accept-Language, and remembers the choice. */
export async function changeLanguage(next: Lang) {
  localStorage.setItem(STORAGE_KEY, next);
  setApiLanguage(next);
  document.documentElement.lang = next;
  await i18n.changeLanguage(next);
}

export default i18n;
