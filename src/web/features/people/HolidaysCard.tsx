import { useEffect, useState } from 'react';
import {
  App,
  Button,
  Card,
  DatePicker,
  Empty,
  Flex,
  Input,
  Select,
  Table,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../api/client.ts';
import { useFormatters } from '../../components/useFormatters.ts';
import { useSaveWorkCalendar, useWorkCalendar, type CalendarDay } from './hooks.ts';

/** The workspace's holidays and make-up working days (调休), edited as a list and saved at once. */
export function HolidaysCard({ workspaceId, mayWrite }: { workspaceId: string; mayWrite: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const format = useFormatters();
  const calendar = useWorkCalendar(workspaceId);
  const save = useSaveWorkCalendar(workspaceId);
  const [draft, setDraft] = useState<CalendarDay[]>([]);
  const [day, setDay] = useState<Dayjs | null>(null);
  const [kind, setKind] = useState<CalendarDay['kind']>('holiday');
  const [name, setName] = useState('');

  useEffect(() => {
    if (calendar.data) setDraft(calendar.data);
  }, [calendar.data]);

  const isDirty = JSON.stringify(draft) !== JSON.stringify(calendar.data ?? []);
  const add = () => {
    if (!day) return;
    const value = day.format('YYYY-MM-DD');
    setDraft(
      [...draft.filter((item) => item.day !== value), { day: value, kind, name: name.trim() || null }].sort(
        (a, b) => a.day.localeCompare(b.day),
      ),
    );
    setDay(null);
    setName('');
  };

  const columns: TableColumnsType<CalendarDay> = [
    { title: t('holidays.day'), key: 'day', width: 160, render: (_, item) => format.day(item.day) },
    {
      title: t('holidays.kind'),
      key: 'kind',
      width: 130,
      render: (_, item) => (
        <Tag color={item.kind === 'holiday' ? 'red' : 'blue'}>{t(`holidays.kinds.${item.kind}`)}</Tag>
      ),
    },
    { title: t('holidays.name'), key: 'name', render: (_, item) => item.name ?? '—' },
    ...(mayWrite
      ? [
          {
            title: '',
            key: 'remove',
            width: 56,
            render: (_: unknown, item: CalendarDay) => (
              <Button
                type="text"
                size="small"
                icon={<DeleteOutlined />}
                aria-label={t('actions.remove')}
                onClick={() => setDraft(draft.filter((other) => other.day !== item.day))}
              />
            ),
          },
        ]
      : []),
  ];

  return (
    <Card
      title={t('holidays.title')}
      extra={
        mayWrite ? (
          <Flex gap={8}>
            <Button disabled={!isDirty} onClick={() => setDraft(calendar.data ?? [])}>
              {t('actions.cancel')}
            </Button>
            <Button
              type="primary"
              disabled={!isDirty}
              loading={save.isPending}
              onClick={() =>
                save.mutate(
                  draft.map((item) => ({ day: item.day, kind: item.kind, name: item.name })),
                  {
                    onSuccess: () => void message.success(t('holidays.saved')),
                    onError: (error) => void message.error(errorMessage(error)),
                  },
                )
              }
            >
              {t('actions.save')}
            </Button>
          </Flex>
        ) : null
      }
    >
      <Typography.Paragraph type="secondary">{t('holidays.hint')}</Typography.Paragraph>
      {mayWrite ? (
        <Flex gap={8} wrap style={{ marginBottom: 12 }}>
          <DatePicker value={day} onChange={setDay} placeholder={t('holidays.day')} />
          <Select<CalendarDay['kind']>
            value={kind}
            onChange={setKind}
            style={{ width: 150 }}
            options={(['holiday', 'workday'] as const).map((value) => ({
              value,
              label: t(`holidays.kinds.${value}`),
            }))}
          />
          <Input
            value={name}
            onChange={(event) => setName(event.target.value)}
            placeholder={t('holidays.namePlaceholder')}
            maxLength={60}
            style={{ width: 200 }}
            onPressEnter={add}
          />
          <Button icon={<PlusOutlined />} disabled={!day} onClick={add}>
            {t('holidays.add')}
          </Button>
        </Flex>
      ) : null}
      <Table<CalendarDay>
        rowKey="day"
        size="small"
        columns={columns}
        dataSource={draft}
        loading={calendar.isPending}
        pagination={draft.length > 10 ? { pageSize: 10 } : false}
        locale={{
          emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('holidays.empty')} />,
        }}
      />
    </Card>
  );
}
