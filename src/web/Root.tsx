import { ConfigProvider, theme } from 'antd';
import { useTranslation } from 'react-i18next';
import { RouterProvider } from 'react-router';
import { AppFeedback } from './components/feedback/AppFeedback.tsx';
import { useProfileLocale } from './features/account/useProfileLocale.ts';
import { antdLocale } from './i18n/index.ts';
import { router } from './router.tsx';

const SYSTEM = "-apple-system, BlinkMacSystemFont, 'Segoe UI'";
const CJK = "'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Noto Sans SC'";
const LATIN = "Roboto, 'Helvetica Neue', Arial, 'Liberation Sans'";
/**
 * Chinese text takes its quotes and punctuation from the CJK fonts; English text from a Latin font, or a CJK
 * font draws its ’ and “ full width ("statement’ s") where the system font has none (Linux).
 */
const FONT_FAMILY = {
  'zh-CN': `${SYSTEM}, ${CJK}, ${LATIN}, sans-serif`,
  en: `${SYSTEM}, ${LATIN}, ${CJK}, sans-serif`,
};

/** Theme and antd locale follow the UI language; the router renders the pages. */
export function Root() {
  const { i18n } = useTranslation();
  useProfileLocale();
  return (
    <ConfigProvider
      locale={antdLocale()}
      button={{ autoInsertSpace: false }}
      theme={{
        algorithm: theme.defaultAlgorithm,
        token: {
          colorPrimary: '#2f54eb',
          borderRadius: 8,
          fontFamily: FONT_FAMILY[i18n.language === 'en' ? 'en' : 'zh-CN'],
        },
        components: { Layout: { siderBg: '#fff', headerHeight: 64 } },
      }}
    >
      {/* antd's App (App.useApp() for message, notification, modal) with its holders loaded after the first screen. */}
      <AppFeedback>
        <RouterProvider router={router} />
      </AppFeedback>
    </ConfigProvider>
  );
}
