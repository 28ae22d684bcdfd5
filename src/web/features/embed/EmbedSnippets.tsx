import { Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

/** The two ways to put a feedback form or a survey on another site: one script tag, or an iframe. */
export function EmbedSnippets({ kind, id }: { kind: 'feedback' | 'survey'; id: string }) {
  const { t } = useTranslation();
  const origin = window.location.origin;
  const attribute = kind === 'feedback' ? 'data-portal' : 'data-survey';
  const script = `<script src="${origin}/embed.js" ${attribute}="${id}" async></script>`;
  const iframe = `<iframe src="${origin}/embed/${kind}/${id}" title="${kind === 'feedback' ? 'Feedback' : 'Survey'}" style="width:100%;min-height:560px;border:0" loading="lazy"></iframe>`;
  return (
    <Flex vertical gap={8} data-testid="embed-snippets">
      <Typography.Text type="secondary">{t('feedback.embed.hint')}</Typography.Text>
      <Typography.Text strong>{t('feedback.embed.script')}</Typography.Text>
      <Typography.Paragraph copyable={{ text: script }} code style={{ overflowWrap: 'anywhere' }}>
        {script}
      </Typography.Paragraph>
      <Typography.Text strong>{t('feedback.embed.iframe')}</Typography.Text>
      <Typography.Paragraph copyable={{ text: iframe }} code style={{ overflowWrap: 'anywhere' }}>
        {iframe}
      </Typography.Paragraph>
    </Flex>
  );
}
