import { Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import { currentLocale, isUiLocale } from '../../i18n/index.ts';
import { useSwitchLanguage } from './useSwitchLanguage.ts';

/** 中文 / English toggle, reachable on every page. */
export function LanguageSwitch({ size = 'middle' }: { size?: 'small' | 'middle' }) {
  const { t } = useTranslation();
  const switchLanguage = useSwitchLanguage();
  return (
    <Segmented
      data-testid="language-switch"
      size={size}
      value={currentLocale()}
      options={[
        { label: t('language.zh-CN'), value: 'zh-CN' },
        { label: t('language.en'), value: 'en' },
      ]}
      onChange={(value) => {
        if (isUiLocale(value)) void switchLanguage(value);
      }}
    />
  );
}
