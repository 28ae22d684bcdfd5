import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Empty, Flex, Input, Modal, Spin, Tag, Typography, type InputRef } from 'antd';
import { SearchOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { markMatches, searchTerms, type SearchKind } from '../../../core/search/index.ts';
import { api, unwrap } from '../../api/client.ts';
import type { components } from '../../api/schema.ts';
import { useDebouncedValue } from '../../components/useDebouncedValue.ts';

type Hit = components['schemas']['SearchResults']['items'][number];

const KIND_COLOR: Record<SearchKind, string> = {
  goal: 'blue',
  kpi: 'purple',
  task: 'green',
  process: 'orange',
  case: 'gold',
  person: 'cyan',
};

/** Where a hit opens: its page, the task's drawer on the list, the person's tasks. */
export function searchHitLink(base: string, hit: Pick<Hit, 'kind' | 'id' | 'ref'>): string {
  const id = encodeURIComponent(hit.id);
  switch (hit.kind) {
    case 'goal':
      return `${base}/goals/${id}`;
    case 'kpi':
      return `${base}/kpis/${encodeURIComponent(hit.ref ?? hit.id)}`;
    case 'task':
      return `${base}/tasks?task=${id}`;
    case 'process':
      return `${base}/processes/${id}`;
    case 'case':
      return `${base}/runs/${id}`;
    case 'person':
      return `${base}/tasks?assignee=${id}`;
  }
}

function Marked({ text, terms }: { text: string; terms: string[] }) {
  return (
    <>
      {markMatches(text, terms).map((part, index) =>
        part.isMatch ? <mark key={index}>{part.text}</mark> : <span key={index}>{part.text}</span>,
      )}
    </>
  );
}

/**
 * The search dialog (its own chunk, loaded when first opened): searches the workspace as one types; arrow keys
 * choose a hit, Enter opens it.
 */
export function SearchDialog({
  workspaceId,
  isNarrow,
  isOpen,
  onClose,
}: {
  workspaceId: string;
  isNarrow: boolean;
  isOpen: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [text, setText] = useState('');
  const [active, setActive] = useState(0);
  const input = useRef<InputRef>(null);
  const query = useDebouncedValue(text.trim(), 150);
  const terms = useMemo(() => searchTerms(query), [query]);
  const base = `/w/${workspaceId}`;

  const results = useQuery({
    queryKey: ['search', workspaceId, query],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/w/{workspaceId}/search', {
          params: { path: { workspaceId }, query: { q: query, limit: 20 } },
        }),
      ),
    enabled: isOpen && terms.length > 0,
    placeholderData: keepPreviousData,
    staleTime: 10_000,
  });
  const hits = terms.length > 0 ? (results.data?.items ?? []) : [];

  useEffect(() => setActive(0), [query]);

  const close = () => {
    onClose();
    setText('');
  };
  const open = (hit: Hit) => {
    close();
    void navigate(searchHitLink(base, hit));
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (hits.length === 0) return;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((current) => (current + step + hits.length) % hits.length);
    } else if (event.key === 'Enter' && !event.nativeEvent.isComposing) {
      event.preventDefault();
      const hit = hits[Math.min(active, hits.length - 1)];
      if (hit) open(hit);
    }
  };
  return (
    <Modal
      open={isOpen}
      onCancel={close}
      footer={null}
      closable={false}
      width={640}
      style={{ top: isNarrow ? 12 : 80, maxWidth: 'calc(100vw - 16px)' }}
      afterOpenChange={(visible) => {
        if (visible) input.current?.focus();
      }}
      destroyOnHidden
    >
      <Input
        ref={input}
        size="large"
        prefix={<SearchOutlined />}
        placeholder={t('search.placeholder')}
        aria-label={t('search.placeholder')}
        value={text}
        onChange={(event) => setText(event.target.value)}
        onKeyDown={onKeyDown}
        allowClear
        maxLength={200}
        data-testid="search-input"
        role="combobox"
        aria-expanded={hits.length > 0}
        aria-controls="global-search-results"
        aria-activedescendant={hits.length > 0 ? `global-search-hit-${active}` : undefined}
      />
      <div style={{ marginTop: 12, maxHeight: '60vh', overflowY: 'auto' }}>
        {terms.length === 0 ? (
          <Typography.Paragraph type="secondary" style={{ margin: '8px 4px' }}>
            {t('search.hint')}
          </Typography.Paragraph>
        ) : results.isError ? (
          <Typography.Paragraph type="danger">{t('search.failed')}</Typography.Paragraph>
        ) : results.isPending ? (
          <Flex justify="center" style={{ padding: 24 }}>
            <Spin />
          </Flex>
        ) : hits.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('search.empty', { query })} />
        ) : (
          <ul id="global-search-results" role="listbox" data-testid="search-results" style={LIST}>
            {hits.map((hit, index) => (
              <li
                key={`${hit.kind}:${hit.id}`}
                id={`global-search-hit-${index}`}
                role="option"
                aria-selected={index === active}
                data-testid="search-hit"
                onMouseEnter={() => setActive(index)}
                onClick={() => open(hit)}
                style={{ ...ITEM, background: index === active ? '#e6f4ff' : undefined }}
              >
                <Flex gap={8} align="baseline" style={{ minWidth: 0 }}>
                  <Tag
                    color={KIND_COLOR[hit.kind]}
                    style={{ flex: 'none', marginInlineEnd: 0, minWidth: 56, textAlign: 'center' }}
                  >
                    {t(`search.kind.${hit.kind}`)}
                  </Tag>
                  <Typography.Text strong ellipsis style={{ minWidth: 0 }}>
                    <Marked text={hit.title} terms={terms} />
                  </Typography.Text>
                </Flex>
                {hit.snippet ? (
                  <Typography.Paragraph type="secondary" ellipsis style={{ margin: '2px 0 0', fontSize: 13 }}>
                    <Marked text={hit.snippet} terms={terms} />
                  </Typography.Paragraph>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </div>
      {hits.length > 0 && !isNarrow ? (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('search.keys')}
        </Typography.Text>
      ) : null}
    </Modal>
  );
}

const LIST = { listStyle: 'none', margin: 0, padding: 0 } as const;
const ITEM = { padding: '8px 10px', borderRadius: 6, cursor: 'pointer' } as const;
