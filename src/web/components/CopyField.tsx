import { useRef } from 'react';
import { App, Button, Input, Space, type InputRef } from 'antd';
import { CopyOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';

/** A read-only value with a copy button: invitation links, API token secrets. */
export function CopyField({ value, testId }: { value: string; testId?: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const inputRef = useRef<InputRef>(null);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      void message.success(t('actions.copied'));
    } catch {
      // Clipboard access can be refused; select the text so Ctrl+C still works.
      inputRef.current?.select();
      void message.info(t('actions.copyManually'));
    }
  };

  return (
    <Space.Compact style={{ width: '100%' }}>
      <Input
        ref={inputRef}
        readOnly
        value={value}
        data-testid={testId}
        onFocus={(event) => event.target.select()}
        style={{ fontFamily: 'ui-monospace, SFMono-Regular, Menlo, monospace' }}
      />
      <Button type="primary" icon={<CopyOutlined />} onClick={() => void copy()}>
        {t('actions.copy')}
      </Button>
    </Space.Compact>
  );
}
