import { useEffect, useState } from 'react';
import {
  Breadcrumb,
  Button,
  Card,
  Col,
  DatePicker,
  Flex,
  Form,
  Input,
  InputNumber,
  Radio,
  Result,
  Row,
  Select,
  Skeleton,
  Steps,
  Typography,
} from 'antd';
import { CheckCircleFilled } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { dateToDay } from '../../components/format.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { useMe } from '../../features/account/hooks.ts';
import { useMembers } from '../../features/members/hooks.ts';
import {
  useCreatePlanFromTemplate,
  usePlanTemplates,
  type FromTemplateRequest,
  type PlanImportReport,
  type PlanTemplate,
} from '../../features/plan/hooks.ts';
import { PlanImportReportView } from '../../features/plan/PlanImportReportView.tsx';
import { PlanProblemsAlert } from '../../features/plan/PlanProblems.tsx';
import { useWorkspaceScope } from '../../features/workspaces/WorkspaceContext.ts';

type Locale = 'zh-CN' | 'en';

type Details = {
  name?: string;
  start: Dayjs;
  people: Record<string, string | undefined>;
  targets: Record<string, { baseline: number; target: number }>;
};

/**
 * New plan from a template: pick one of the five and the plan's language, give the numbers, start and a member
 * for each role, see what would be created (a dry run of the same request), then create it all at once.
 */
export function PlanTemplatePage() {
  const { t, i18n } = useTranslation();
  const { workspace, can } = useWorkspaceScope();
  const templates = usePlanTemplates(workspace.id);
  const members = useMembers(workspace.id);
  const me = useMe();
  const create = useCreatePlanFromTemplate(workspace.id);
  // The form's values live here, so going back a step keeps what was typed.
  const [details, setDetails] = useState<Details | null>(null);
  const [step, setStep] = useState(0);
  const [templateKey, setTemplateKey] = useState<string | null>(null);
  const [locale, setLocale] = useState<Locale>(i18n.language === 'en' ? 'en' : 'zh-CN');
  const [request, setRequest] = useState<FromTemplateRequest | null>(null);
  const [preview, setPreview] = useState<PlanImportReport | null>(null);
  const [created, setCreated] = useState<PlanImportReport | null>(null);
  const base = `/w/${workspace.id}`;
  // Onboarding sends a new workspace here with the template it chose: straight to the numbers and people.
  const [searchParams, setSearchParams] = useSearchParams();
  const asked = searchParams.get('template');
  const myEmail = me.data?.user.email;
  const onlyMember = members.data?.length === 1;

  const chooseTemplate = (chosen: PlanTemplate) => {
    setTemplateKey(chosen.key);
    setDetails({
      name: chosen.name,
      start: dayjs(),
      // The lead is whoever creates the plan; in a workspace of one, every role is theirs.
      people: Object.fromEntries(
        chosen.roles.map((role) => [
          role.key,
          (role.key === 'lead' || onlyMember) && myEmail ? myEmail : undefined,
        ]),
      ),
      targets: Object.fromEntries(
        chosen.keyResults.map((kr) => [kr.kpi, { baseline: kr.baseline, target: kr.target }]),
      ),
    });
  };

  const askedTemplate = (templates.data ?? []).find((entry) => entry.key === asked);
  const ready = Boolean(askedTemplate && myEmail && members.data);
  useEffect(() => {
    if (!ready || !askedTemplate) return;
    chooseTemplate(askedTemplate);
    setStep(1);
    setSearchParams({}, { replace: true });
    // Once, when the template, the caller and the members are known.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [ready]);

  if (!can('kpis.write') || !can('processes.write')) {
    return <Result status="403" title={t('planTemplate.noPermission')} />;
  }

  const template = (templates.data ?? []).find((entry) => entry.key === templateKey) ?? null;

  const checkDetails = (values: Details) => {
    if (!template) return;
    const body: FromTemplateRequest = {
      template: template.key as FromTemplateRequest['template'],
      locale,
      start: dateToDay(values.start.toDate()),
      people: Object.fromEntries(
        Object.entries(values.people).flatMap(([role, email]) => (email ? [[role, email]] : [])),
      ),
      targets: values.targets,
      ...(values.name?.trim() ? { name: values.name.trim() } : {}),
      dryRun: true,
    };
    create.mutate(body, {
      onSuccess: (report) => {
        setRequest(body);
        setPreview(report);
        setStep(2);
      },
    });
  };

  const commit = () => {
    if (!request) return;
    create.mutate(
      { ...request, dryRun: false },
      {
        onSuccess: (report) => {
          setCreated(report);
          setStep(3);
        },
      },
    );
  };

  const restart = () => {
    create.reset();
    setPreview(null);
    setCreated(null);
    setRequest(null);
    setTemplateKey(null);
    setStep(0);
  };

  return (
    <>
      <Breadcrumb
        style={{ marginBottom: 12 }}
        items={[
          { key: 'plan', title: <Link to={`${base}/plan`}>{t('plan.title')}</Link> },
          { key: 'new', title: t('planTemplate.title') },
        ]}
      />
      <PageHeader title={t('planTemplate.title')} description={t('planTemplate.description')} />
      <Card>
        <Steps
          current={step}
          size="small"
          responsive
          style={{ marginBottom: 24 }}
          items={[
            { title: t('planTemplate.steps.template') },
            { title: t('planTemplate.steps.details') },
            { title: t('planTemplate.steps.preview') },
            { title: t('planTemplate.steps.done') },
          ]}
        />
        {step < 3 ? <PlanProblemsAlert error={create.error} title={t('planTemplate.failed')} /> : null}

        {step === 0 ? (
          templates.isPending ? (
            <Skeleton active />
          ) : templates.error ? (
            <QueryError error={templates.error} onRetry={() => void templates.refetch()} />
          ) : (
            <Flex vertical gap={16}>
              <Row gutter={[16, 16]} data-testid="plan-templates">
                {templates.data.map((entry) => {
                  const isChosen = entry.key === templateKey;
                  return (
                    <Col key={entry.key} xs={24} md={12} xl={8}>
                      <Card
                        hoverable
                        size="small"
                        role="radio"
                        aria-checked={isChosen}
                        tabIndex={0}
                        onClick={() => chooseTemplate(entry)}
                        onKeyDown={(event) => {
                          if (event.key === 'Enter' || event.key === ' ') chooseTemplate(entry);
                        }}
                        data-testid={`plan-template-${entry.key}`}
                        style={{
                          height: '100%',
                          borderColor: isChosen ? '#1677ff' : undefined,
                          boxShadow: isChosen ? '0 0 0 1px #1677ff' : undefined,
                        }}
                      >
                        <Flex justify="space-between" gap={8}>
                          <Typography.Text strong>{entry.name}</Typography.Text>
                          {isChosen ? <CheckCircleFilled style={{ color: '#1677ff' }} /> : null}
                        </Flex>
                        <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0' }}>
                          {entry.description}
                        </Typography.Paragraph>
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          {t('planTemplate.roles', {
                            roles: entry.roles.map((role) => role.name).join('、'),
                          })}
                        </Typography.Text>
                      </Card>
                    </Col>
                  );
                })}
              </Row>
              <Flex gap={12} align="center" wrap>
                <Typography.Text>{t('planTemplate.planLanguage')}</Typography.Text>
                <Radio.Group
                  value={locale}
                  onChange={(event) => setLocale(event.target.value as Locale)}
                  optionType="button"
                  options={(['zh-CN', 'en'] as const).map((value) => ({
                    value,
                    label: t(`language.${value}`),
                  }))}
                  data-testid="plan-template-locale"
                />
              </Flex>
              <Flex justify="flex-end">
                <Button
                  type="primary"
                  disabled={!template}
                  onClick={() => setStep(1)}
                  data-testid="plan-template-next"
                >
                  {t('planTemplate.next')}
                </Button>
              </Flex>
            </Flex>
          )
        ) : null}

        {step === 1 && template ? (
          <Form<Details>
            key={template.key}
            initialValues={details ?? undefined}
            onValuesChange={(_, values) => setDetails(values)}
            layout="vertical"
            requiredMark={false}
            onFinish={checkDetails}
            style={{ maxWidth: 760 }}
            data-testid="plan-template-form"
          >
            <Row gutter={16}>
              <Col xs={24} md={14}>
                <Form.Item name="name" label={t('planTemplate.name')}>
                  <Input maxLength={200} />
                </Form.Item>
              </Col>
              <Col xs={24} md={10}>
                <Form.Item
                  name="start"
                  label={t('planTemplate.startDate')}
                  rules={[{ required: true, message: t('validation.required') }]}
                >
                  <DatePicker style={{ width: '100%' }} allowClear={false} />
                </Form.Item>
              </Col>
            </Row>
            <Typography.Title level={5}>{t('planTemplate.targets')}</Typography.Title>
            {template.keyResults.map((kr) => (
              <Row key={kr.kpi} gutter={16} align="bottom">
                <Col xs={24} md={12}>
                  <Typography.Paragraph style={{ marginBottom: 8 }}>
                    {kr.title}
                    {kr.unit ? <Typography.Text type="secondary">{` (${kr.unit})`}</Typography.Text> : null}
                  </Typography.Paragraph>
                </Col>
                <Col xs={12} md={6}>
                  <Form.Item
                    name={['targets', kr.kpi, 'baseline']}
                    label={t('planTemplate.baseline')}
                    rules={[{ required: true, message: t('validation.required') }]}
                  >
                    <InputNumber style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
                <Col xs={12} md={6}>
                  <Form.Item
                    name={['targets', kr.kpi, 'target']}
                    label={t('planTemplate.target')}
                    rules={[{ required: true, message: t('validation.required') }]}
                  >
                    <InputNumber style={{ width: '100%' }} data-testid={`plan-target-${kr.kpi}`} />
                  </Form.Item>
                </Col>
              </Row>
            ))}
            <Typography.Title level={5}>{t('planTemplate.people')}</Typography.Title>
            <Typography.Paragraph type="secondary">{t('planTemplate.peopleHint')}</Typography.Paragraph>
            <Row gutter={16}>
              {template.roles.map((role) => (
                <Col key={role.key} xs={24} md={8}>
                  <Form.Item
                    name={['people', role.key]}
                    label={role.name}
                    rules={[{ required: true, message: t('planTemplate.choosePerson') }]}
                  >
                    <Select
                      showSearch={{ optionFilterProp: 'label' }}
                      loading={members.isPending}
                      placeholder={t('planTemplate.choosePerson')}
                      options={(members.data ?? []).map((member) => ({
                        value: member.email,
                        label: `${member.name} · ${member.email}`,
                      }))}
                      data-testid={`plan-role-${role.key}`}
                    />
                  </Form.Item>
                </Col>
              ))}
            </Row>
            <Flex justify="space-between" gap={8} wrap>
              <Button onClick={() => setStep(0)}>{t('planTemplate.back')}</Button>
              <Button
                type="primary"
                htmlType="submit"
                loading={create.isPending}
                data-testid="plan-template-preview"
              >
                {t('planTemplate.preview')}
              </Button>
            </Flex>
          </Form>
        ) : null}

        {step === 2 && preview ? (
          <Flex vertical gap={16}>
            <Typography.Paragraph>
              {t('planTemplate.previewIntro', { name: request?.name ?? template?.name ?? '' })}
            </Typography.Paragraph>
            <PlanImportReportView report={preview} />
            <Flex justify="space-between" gap={8} wrap>
              <Button onClick={() => setStep(1)}>{t('planTemplate.back')}</Button>
              <Button
                type="primary"
                loading={create.isPending}
                onClick={commit}
                data-testid="plan-template-create"
              >
                {t('planTemplate.create')}
              </Button>
            </Flex>
          </Flex>
        ) : null}

        {step === 3 && created ? (
          <Result
            status="success"
            title={
              <span data-testid="plan-template-result">
                {t('planTemplate.resultTitle', {
                  goals: created.created.goals,
                  tasks: created.created.tasks,
                  kpis: created.created.kpis,
                })}
              </span>
            }
            subTitle={t('planTemplate.resultHint')}
            extra={
              <Flex gap={8} wrap justify="center">
                <Link to={`${base}/goals`} data-testid="plan-open-goals">
                  <Button type="primary">{t('planTemplate.openGoals')}</Button>
                </Link>
                <Link to={`${base}/tasks`} data-testid="plan-open-tasks">
                  <Button>{t('planTemplate.openTasks')}</Button>
                </Link>
                <Link to={`${base}/tasks/timeline`}>
                  <Button>{t('planTemplate.openTimeline')}</Button>
                </Link>
                <Link to={`${base}/plan`}>
                  <Button>{t('planTemplate.openPlan')}</Button>
                </Link>
                <Button onClick={restart}>{t('planTemplate.again')}</Button>
              </Flex>
            }
          >
            <PlanImportReportView report={created} />
          </Result>
        ) : null}
      </Card>
    </>
  );
}
