import { Checkbox, Flex, Input, InputNumber, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { parseRule, toRule, WEEKDAYS, type RulePick, type Weekday } from '../../../core/tasks/rrule.ts';
import { useDescribeRule } from './useRuleWords.ts';

type Kind = RulePick['kind'];

/** Daily, working days, weekly on chosen weekdays, monthly on day N or the last day: edits an RRULE. */
export function RulePicker({ value, onChange }: { value?: string; onChange?: (rule: string) => void }) {
  const { t } = useTranslation();
  const describe = useDescribeRule();
  const rule = value ?? 'FREQ=DAILY';
  const pick = parseRule(rule);
  const set = (next: RulePick) => onChange?.(toRule(next));

  const switchTo = (kind: Kind) => {
    if (kind === 'weekly') set({ kind, days: ['MO'], interval: 1 });
    else if (kind === 'monthly') set({ kind, day: 1 });
    else if (kind === 'custom') set({ kind, rule });
    else set({ kind });
  };

  return (
    <Flex vertical gap={10} data-testid="rule-picker">
      <Flex gap={8} wrap align="center">
        <Select<Kind>
          value={pick.kind}
          onChange={switchTo}
          style={{ width: 200 }}
          options={(['daily', 'workdays', 'weekly', 'monthly', 'lastDay', 'custom'] as const).map((kind) => ({
            value: kind,
            label: t(`routines.kinds.${kind}`),
          }))}
          aria-label={t('routines.repeat')}
        />
        {pick.kind === 'weekly' ? (
          <Flex gap={6} align="center">
            <Typography.Text>{t('routines.every')}</Typography.Text>
            <InputNumber
              min={1}
              max={12}
              precision={0}
              value={pick.interval}
              onChange={(interval) => set({ ...pick, interval: interval ?? 1 })}
              style={{ width: 64 }}
              aria-label={t('routines.interval')}
            />
            <Typography.Text>{t('routines.weeksOn')}</Typography.Text>
          </Flex>
        ) : null}
        {pick.kind === 'monthly' ? (
          <Flex gap={6} align="center">
            <Typography.Text>{t('routines.onDay')}</Typography.Text>
            <InputNumber
              min={1}
              max={31}
              precision={0}
              value={pick.day}
              onChange={(day) => set({ kind: 'monthly', day: day ?? 1 })}
              style={{ width: 72 }}
              aria-label={t('routines.dayOfMonth')}
            />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {pick.day > 28 ? t('routines.shortMonths') : null}
            </Typography.Text>
          </Flex>
        ) : null}
      </Flex>
      {pick.kind === 'weekly' ? (
        <Checkbox.Group<Weekday>
          value={pick.days}
          onChange={(days) => set({ ...pick, days: days.length > 0 ? days : pick.days })}
          options={WEEKDAYS.map((day) => ({ value: day, label: t(`routines.weekdays.${day}`) }))}
        />
      ) : null}
      {pick.kind === 'custom' ? (
        <Input
          value={pick.rule}
          onChange={(event) => onChange?.(event.target.value)}
          placeholder="FREQ=WEEKLY;BYDAY=MO"
          style={{ fontFamily: 'monospace' }}
          aria-label="RRULE"
        />
      ) : null}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {describe(rule)} · <code>{rule}</code>
      </Typography.Text>
    </Flex>
  );
}
