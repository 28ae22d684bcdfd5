import { Button, DatePicker, Flex, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Dayjs } from 'dayjs';
import { ACTIVITY_OBJECT_TYPES, objectTypeLabel } from '../../../core/activity/index.ts';
import type { AuditFilters } from './hooks.ts';

type Person = { userId: string; name: string };

export function AuditFilterBar({
  people,
  filters,
  onChange,
}: {
  people: Person[];
  filters: AuditFilters;
  onChange: (filters: AuditFilters) => void;
}) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language === 'en' ? 'en' : 'zh-CN';
  const hasFilters = Object.values(filters).some((value) => value !== undefined);

  const changeRange = (range: [Dayjs | null, Dayjs | null] | null) => {
    const [start, end] = range ?? [null, null];
    onChange({
      ...filters,
      from: start ? start.startOf('day').valueOf() : undefined,
      to: end ? end.endOf('day').valueOf() : undefined,
    });
  };

  return (
    <Flex gap={12} wrap style={{ marginBottom: 16 }}>
      <Select
        allowClear
        showSearch={{ optionFilterProp: 'label' }}
        placeholder={t('audit.filterPerson')}
        aria-label={t('audit.filterPerson')}
        style={{ width: 200 }}
        value={filters.actorId}
        options={people.map((person) => ({ value: person.userId, label: person.name }))}
        onChange={(actorId: string | undefined) => onChange({ ...filters, actorId })}
      />
      <Select
        allowClear
        placeholder={t('audit.filterObjectType')}
        aria-label={t('audit.filterObjectType')}
        style={{ width: 180 }}
        value={filters.objectType}
        data-testid="audit-object-type"
        options={ACTIVITY_OBJECT_TYPES.map((objectType) => ({
          value: objectType,
          label: objectTypeLabel(objectType, locale),
        }))}
        onChange={(objectType: string | undefined) => onChange({ ...filters, objectType })}
      />
      <DatePicker.RangePicker
        aria-label={t('audit.filterDates')}
        onChange={(range) => changeRange(range)}
        placeholder={[t('audit.from'), t('audit.to')]}
      />
      {hasFilters ? (
        <Button type="link" onClick={() => onChange({})}>
          {t('audit.clearFilters')}
        </Button>
      ) : null}
    </Flex>
  );
}
