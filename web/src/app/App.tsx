// Providers: antd in the chosen language (zh_CN by default) and without its animations for
// those whose system asks for less motion, TanStack Query, the router.
import { useEffect, useState, useSyncExternalStore } from 'react';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import zhTW from 'antd/locale/zh_TW';
import enUS from 'antd/locale/en_US';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import 'dayjs/locale/zh-tw';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { AppRouter } from './routes';
import { ApiError, setUnauthenticatedHandler } from '../api/client';

const ANTD_LOCALES = { 'zh-CN': zhCN, 'zh-TW': zhTW, en: enUS } as const;
const DAYJS_LOCALES = { 'zh-CN': 'zh-cn', 'zh-TW': 'zh-tw', en: 'en' } as const;

const REDUCE_MOTION = typeof window !== 'undefined' && window.matchMedia ? window.matchMedia('(prefers-reduced-motion: reduce)') : null;
const watchMotion = (changed: () => void) => {
  REDUCE_MOTION?.addEventListener('change', changed);
  return () => REDUCE_MOTION?.removeEventListener('change', changed);
};

export function App() {
  const { i18n } = useTranslation();
  const lang = (i18n.language in ANTD_LOCALES ? i18n.language : 'zh-CN') as keyof typeof ANTD_LOCALES;
  const [client] = useState(
    () =>
      new QueryClient({
        defaultOptions: {
          queries: { retry: (n, err) => !(err instanceof ApiError && err.status < 500) && n < 2, refetchOnWindowFocus: false },
        },
      }),
  );
  useEffect(() => {
    dayjs.locale(DAYJS_LOCALES[lang]);
    document.title = i18n.t('app.title');
  }, [lang, i18n]);
  useEffect(() => setUnauthenticatedHandler(() => client.setQueryData(['me'], null)), [client]);
  const reduceMotion = useSyncExternalStore(watchMotion, () => REDUCE_MOTION?.matches ?? false);
  return (
    <ConfigProvider locale={ANTD_LOCALES[lang]} theme={{ token: { colorPrimary: '#1f6feb', borderRadius: 6, motion: !reduceMotion } }}>
      <AntApp>
        <QueryClientProvider client={client}>
          <AppRouter />
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  );
}
