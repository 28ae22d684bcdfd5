import { useEffect, useMemo } from 'react';
import { App, Button, Card, DatePicker, Flex, Form, Radio, Select, Tag, TimePicker, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { isWorkingDay, weekPatternCalendar, type WeekPattern } from '../../../core/schedule/calendar.ts';
import { FormErrorAlert } from '../../components/FormErrorAlert.tsx';
import { applyFieldErrors } from '../../components/formErrors.ts';
import { useFormatters } from '../../components/useFormatters.ts';
import { useWorkCalendar } from '../people/hooks.ts';
import { useSaveWorkTime, useWorkTime, type WorkTime } from './hooks.ts';

type Values = {
  timeZone: string;
  workStart: Dayjs;
  workEnd: Dayjs;
  weekPattern: WeekPattern;
  bigWeekOf: Dayjs | null;
};

const PATTERNS: WeekPattern[] = ['five_day', 'six_day', 'alternating'];
const PREVIEW_DAYS = 14;

const atClock = (text: string) => {
  const [hours = 0, minutes = 0] = text.split(':').map(Number);
  return dayjs().startOf('day').hour(hours).minute(minutes);
};

/** "UTC+08:00" of a zone now, for the zone list. */
function offsetLabel(timeZone: string): string {
  try {
    const part = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' })
      .formatToParts(new Date())
      .find((item) => item.type === 'timeZoneName');
    return part?.value.replace('GMT', 'UTC') || 'UTC';
  } catch {
    return '';
  }
}

function zoneNames(current: string): string[] {
  const names = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return names.includes(current) ? names : [current, ...names];
}

/**
 * The workspace's time zone, working hours and working week (大小周 included): what SLAs count, schedules and
 * workload plan on, and where "today" starts for deadlines and reminders. A strip of the next two weeks shows
 * the days worked, holidays and 调休 included.
 */
export function WorkTimeCard({ workspaceId, mayWrite }: { workspaceId: string; mayWrite: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const format = useFormatters();
  const workTime = useWorkTime(workspaceId);
  const holidays = useWorkCalendar(workspaceId);
  const save = useSaveWorkTime(workspaceId);
  const [form] = Form.useForm<Values>();
  const pattern = Form.useWatch('weekPattern', form) ?? workTime.data?.weekPattern ?? 'five_day';
  const bigWeekOf = Form.useWatch('bigWeekOf', form);
  const weekday = useMemo(
    () => new Intl.DateTimeFormat(format.locale, { weekday: 'short', timeZone: 'UTC' }),
    [format.locale],
  );

  useEffect(() => {
    if (!workTime.data) return;
    form.setFieldsValue(toValues(workTime.data));
  }, [form, workTime.data]);

  const zones = useMemo(
    () =>
      zoneNames(workTime.data?.timeZone ?? 'Asia/Shanghai').map((name) => ({
        value: name,
        label: `${name} (${offsetLabel(name)})`,
      })),
    [workTime.data?.timeZone],
  );

  const preview = useMemo(() => {
    const today = workTime.data?.today ?? dayjs().format('YYYY-MM-DD');
    const days = holidays.data ?? [];
    const calendar = weekPatternCalendar(
      pattern,
      bigWeekOf ? bigWeekOf.format('YYYY-MM-DD') : null,
      days.filter((day) => day.kind === 'holiday').map((day) => day.day),
      days.filter((day) => day.kind === 'workday').map((day) => day.day),
    );
    return Array.from({ length: PREVIEW_DAYS }, (_, index) => {
      const day = dayjs(today).add(index, 'day').format('YYYY-MM-DD');
      return { day, isWorking: isWorkingDay(day, calendar) };
    });
  }, [workTime.data?.today, holidays.data, pattern, bigWeekOf]);

  return (
    <Card title={t('workTime.title')} style={{ maxWidth: 640, marginTop: 16 }} data-testid="work-time">
      <Typography.Paragraph type="secondary">{t('workTime.hint')}</Typography.Paragraph>
      <FormErrorAlert error={save.error} />
      <Form
        name="workTime"
        form={form}
        layout="vertical"
        disabled={!mayWrite}
        onFinish={(values) =>
          save.mutate(
            {
              timeZone: values.timeZone,
              workStart: values.workStart.format('HH:mm'),
              workEnd: values.workEnd.format('HH:mm'),
              weekPattern: values.weekPattern,
              bigWeekOf:
                values.weekPattern === 'alternating' && values.bigWeekOf
                  ? values.bigWeekOf.format('YYYY-MM-DD')
                  : null,
            },
            {
              onSuccess: () => void message.success(t('workTime.saved')),
              onError: (error) => applyFieldErrors(form, error),
            },
          )
        }
      >
        <Form.Item
          name="timeZone"
          label={t('workTime.timeZone')}
          rules={[{ required: true, message: t('validation.required') }]}
        >
          <Select showSearch options={zones} optionFilterProp="label" aria-label={t('workTime.timeZone')} />
        </Form.Item>
        <Flex gap={16} wrap>
          <Form.Item
            name="workStart"
            label={t('workTime.workStart')}
            rules={[{ required: true, message: t('validation.required') }]}
          >
            <TimePicker format="HH:mm" minuteStep={15} needConfirm={false} allowClear={false} />
          </Form.Item>
          <Form.Item
            name="workEnd"
            label={t('workTime.workEnd')}
            dependencies={['workStart']}
            rules={[
              { required: true, message: t('validation.required') },
              ({ getFieldValue }) => ({
                validator: (_, value: Dayjs | undefined) => {
                  const start = getFieldValue('workStart') as Dayjs | undefined;
                  return !value || !start || value.isAfter(start)
                    ? Promise.resolve()
                    : Promise.reject(new Error(t('workTime.endBeforeStart')));
                },
              }),
            ]}
          >
            <TimePicker format="HH:mm" minuteStep={15} needConfirm={false} allowClear={false} />
          </Form.Item>
        </Flex>
        <Form.Item name="weekPattern" label={t('workTime.weekPattern')}>
          <Radio.Group>
            <Flex vertical gap={4}>
              {PATTERNS.map((value) => (
                <Radio key={value} value={value}>
                  {t(`workTime.patterns.${value}`)}
                </Radio>
              ))}
            </Flex>
          </Radio.Group>
        </Form.Item>
        {pattern === 'alternating' ? (
          <Form.Item
            name="bigWeekOf"
            label={t('workTime.bigWeekOf')}
            extra={t('workTime.bigWeekHint')}
            rules={[{ required: true, message: t('validation.required') }]}
          >
            <DatePicker disabledDate={(day) => day.day() !== 6} style={{ width: '100%', maxWidth: 240 }} />
          </Form.Item>
        ) : null}
        <Typography.Text type="secondary">{t('workTime.preview')}</Typography.Text>
        <Flex wrap gap={4} style={{ margin: '8px 0 16px' }} data-testid="work-time-preview">
          {preview.map((item) => (
            <Tag
              key={item.day}
              color={item.isWorking ? 'blue' : undefined}
              style={{ marginInlineEnd: 0, minWidth: 64, textAlign: 'center' }}
              title={item.isWorking ? t('workTime.working') : t('workTime.off')}
            >
              {weekday.format(new Date(`${item.day}T00:00:00Z`))}
              <br />
              {format.shortDay(item.day)}
            </Tag>
          ))}
        </Flex>
        {mayWrite ? (
          <Button type="primary" htmlType="submit" loading={save.isPending}>
            {t('actions.save')}
          </Button>
        ) : null}
      </Form>
    </Card>
  );
}

function toValues(workTime: WorkTime): Values {
  return {
    timeZone: workTime.timeZone,
    workStart: atClock(workTime.workStart),
    workEnd: atClock(workTime.workEnd),
    weekPattern: workTime.weekPattern as WeekPattern,
    bigWeekOf: workTime.bigWeekOf ? dayjs(workTime.bigWeekOf).day(6) : null,
  };
}
