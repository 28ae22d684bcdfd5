import { lazy, Suspense, useEffect, useState } from 'react';
import { Button, Flex, theme } from 'antd';
import { SearchOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';

// The dialog (Modal, Input, the results) is a chunk of its own: the first screen carries only the button.
const SearchDialog = lazy(() =>
  import('./SearchDialog.tsx').then((module) => ({ default: module.SearchDialog })),
);

/** The header's search: a button (and Ctrl/⌘+K anywhere) opens the search dialog. */
export function GlobalSearch({ workspaceId, isNarrow }: { workspaceId: string; isNarrow: boolean }) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const [isOpen, setOpen] = useState(false);
  // Mounted from the first opening on, so closing keeps its chunk and animates out.
  const [wasOpened, setWasOpened] = useState(false);
  const show = () => {
    setOpen(true);
    setWasOpened(true);
  };

  useEffect(() => {
    const onKey = (event: globalThis.KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'k') {
        event.preventDefault();
        show();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

  return (
    <>
      <Button
        icon={<SearchOutlined />}
        type={isNarrow ? 'text' : 'default'}
        // Named apart from a page's own search box (the task list has one).
        aria-label={t('search.open')}
        aria-keyshortcuts="Control+K Meta+K"
        data-testid="search-open"
        onClick={show}
        style={isNarrow ? undefined : { width: 200, justifyContent: 'flex-start', color: 'rgba(0,0,0,0.45)' }}
      >
        {isNarrow ? null : (
          <Flex justify="space-between" style={{ flex: 1 }}>
            <span>{t('search.button')}</span>
            {/* A kbd as Typography's keyboard style draws it, without Typography on the first screen. */}
            <kbd style={{ ...KBD, color: token.colorTextSecondary, borderColor: token.colorBorderSecondary }}>
              {isMac ? '⌘K' : 'Ctrl K'}
            </kbd>
          </Flex>
        )}
      </Button>
      {wasOpened ? (
        <Suspense fallback={null}>
          <SearchDialog
            workspaceId={workspaceId}
            isNarrow={isNarrow}
            isOpen={isOpen}
            onClose={() => setOpen(false)}
          />
        </Suspense>
      ) : null}
    </>
  );
}

const KBD = {
  fontSize: 12,
  fontFamily: 'monospace',
  padding: '0 4px',
  background: 'rgba(150,150,150,0.06)',
  border: '1px solid',
  borderBottomWidth: 2,
  borderRadius: 3,
  lineHeight: 1.6,
} as const;
