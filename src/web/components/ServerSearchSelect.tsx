import { useRef, useState, type CSSProperties } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Select, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useDebouncedValue } from './useDebouncedValue.ts';

/** A read the picker runs through TanStack Query: a key to cache it under and the call that answers it. */
export type PickerQuery<T> = { queryKey: readonly unknown[]; queryFn: () => Promise<T[]> };

export type ServerSearchSelectProps<T> = {
  /** Set by Form.Item (labels and field errors point at it). */
  id?: string | undefined;
  value?: string | readonly string[] | null | undefined;
  /** The new value (an array in multiple mode, null when cleared) and the items chosen, as far as they are known. */
  onChange?: (value: string | string[] | null, chosen: T[]) => void;
  mode?: 'multiple' | undefined;
  /** What the server offers for a search text ('' when nothing is typed); a small page, never the whole list. */
  search: (text: string) => PickerQuery<T>;
  /** The items of these values, so a value set by an edit form shows its label without a search. */
  lookup: (values: string[]) => PickerQuery<T>;
  valueOf: (item: T) => string;
  labelOf: (item: T) => string;
  /** Items not to offer (a goal cannot be its own parent). */
  isHidden?: ((item: T) => boolean) | undefined;
  /** How many the server answers at most: a full page says "type to narrow". */
  pageSize: number;
  placeholder?: string | undefined;
  allowClear?: boolean | undefined;
  disabled?: boolean | undefined;
  maxCount?: number | undefined;
  style?: CSSProperties | undefined;
  testId?: string | undefined;
  'aria-label'?: string | undefined;
};

/**
 * An antd Select whose options come from the server as the user types (debounced), so a workspace of 5,000
 * goals or 20,000 KPIs is never loaded to fill it. It searches only while open, and reads the labels of its
 * current value(s) by id, so an edit form shows the chosen item's name at once.
 */
export function ServerSearchSelect<T>({
  id,
  value,
  onChange,
  mode,
  search,
  lookup,
  valueOf,
  labelOf,
  isHidden,
  pageSize,
  placeholder,
  allowClear,
  disabled,
  maxCount,
  style,
  testId,
  'aria-label': ariaLabel,
}: ServerSearchSelectProps<T>) {
  const { t } = useTranslation();
  const [isOpen, setOpen] = useState(false);
  const [text, setText] = useState('');
  const settled = useDebouncedValue(text.trim(), 250);
  const found = useQuery({ ...search(settled), enabled: isOpen, placeholderData: keepPreviousData });
  // Items seen in any answer, so a chosen one keeps its label when a later search no longer lists it.
  const seen = useRef(new Map<string, T>());
  for (const item of found.data ?? []) seen.current.set(valueOf(item), item);
  const values = value == null ? [] : typeof value === 'string' ? [value] : [...value];
  const unknown = values.filter((entry) => !seen.current.has(entry)).sort();
  const named = useQuery({ ...lookup(unknown), enabled: unknown.length > 0 });
  for (const item of named.data ?? []) seen.current.set(valueOf(item), item);

  const offered = (found.data ?? []).filter((item) => !isHidden?.(item));
  const options = offered.map((item) => ({ value: valueOf(item), label: labelOf(item) }));
  for (const entry of values) {
    if (options.some((option) => option.value === entry)) continue;
    const item = seen.current.get(entry);
    // Until its lookup answers, a chosen value shows an ellipsis rather than a raw id.
    options.unshift({ value: entry, label: item ? labelOf(item) : named.isFetching ? '…' : entry });
  }
  const isFull = (found.data?.length ?? 0) >= pageSize;
  const pick = (next: string | string[] | undefined) => {
    const chosen = (next === undefined ? [] : typeof next === 'string' ? [next] : next).flatMap((entry) => {
      const item = seen.current.get(entry);
      return item === undefined ? [] : [item];
    });
    if (mode !== 'multiple') setText('');
    onChange?.(next === undefined ? (mode === 'multiple' ? [] : null) : next, chosen);
  };

  return (
    <Select<string | string[]>
      id={id}
      mode={mode}
      showSearch={{ filterOption: false, onSearch: setText, searchValue: text }}
      value={mode === 'multiple' ? values : (values[0] ?? undefined)}
      onChange={pick}
      onOpenChange={(open) => {
        setOpen(open);
        if (!open) setText('');
      }}
      options={options}
      placeholder={placeholder}
      allowClear={allowClear}
      disabled={disabled}
      maxCount={maxCount}
      loading={found.isFetching || named.isFetching}
      notFoundContent={found.isFetching ? <Spin size="small" /> : t('picker.noMatch')}
      popupRender={(menu) => (
        <>
          {menu}
          {isFull && !found.isFetching ? (
            <Typography.Text
              type="secondary"
              style={{ display: 'block', padding: '4px 12px', fontSize: 12 }}
              data-testid="picker-narrow"
            >
              {t('picker.typeToNarrow', { count: pageSize })}
            </Typography.Text>
          ) : null}
        </>
      )}
      style={style}
      aria-label={ariaLabel}
      data-testid={testId}
    />
  );
}
