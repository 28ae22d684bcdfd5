import { Card, Col, Empty, Flex, Row, Statistic, Tag, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { EChart } from '../../components/charts/EChart.tsx';
import type { ChartOption } from '../../components/charts/echarts.ts';
import type { Survey, SurveyQuestion, SurveyResults } from './hooks.ts';

type QuestionResult = SurveyResults['questions'][number];
type Nps = NonNullable<QuestionResult['nps']>;

const GREEN = '#52c41a';
const GREY = '#bfbfbf';
const RED = '#ff4d4f';

export function waveName(t: TFunction, wave: { label: string; number?: number }, index: number) {
  return wave.label || t('surveys.waveName', { number: wave.number ?? index + 1 });
}

function npsBarOption(nps: Nps, t: TFunction): ChartOption {
  const share = (value: number) => (nps.count === 0 ? 0 : Math.round((value / nps.count) * 100));
  const groups = [
    { name: t('surveys.results.detractors'), value: nps.detractors, color: RED },
    { name: t('surveys.results.passives'), value: nps.passives, color: GREY },
    { name: t('surveys.results.promoters'), value: nps.promoters, color: GREEN },
  ];
  return {
    tooltip: { trigger: 'item' },
    legend: { bottom: 0 },
    grid: { left: 8, right: 8, top: 8, bottom: 56, containLabel: true },
    xAxis: { type: 'value', max: 100, show: false },
    yAxis: { type: 'category', data: ['NPS'], show: false },
    series: groups.map((group) => ({
      type: 'bar',
      stack: 'nps',
      name: group.name,
      itemStyle: { color: group.color },
      label: { show: group.value > 0, formatter: `${share(group.value)}%` },
      data: [share(group.value)],
    })),
  };
}

function npsDistributionOption(distribution: readonly number[], label: string): ChartOption {
  return {
    tooltip: { trigger: 'axis' },
    grid: { left: 8, right: 8, top: 16, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: distribution.map((_, score) => String(score)) },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      {
        type: 'bar',
        name: label,
        data: distribution.map((value, score) => ({
          value,
          itemStyle: { color: score >= 9 ? GREEN : score >= 7 ? GREY : RED },
        })),
      },
    ],
  };
}

function trendOption(results: SurveyResults, survey: Survey, t: TFunction): ChartOption {
  const names = results.trend.map((wave, index) =>
    waveName(t, { label: wave.label, number: survey.waves[index]?.number }, index),
  );
  return {
    tooltip: { trigger: 'axis' },
    legend: { bottom: 0 },
    grid: { left: 8, right: 8, top: 36, bottom: 40, containLabel: true },
    xAxis: { type: 'category', data: names },
    yAxis: [
      { type: 'value', min: -100, max: 100, name: 'NPS' },
      {
        type: 'value',
        minInterval: 1,
        name: t('surveys.results.trendResponses'),
        splitLine: { show: false },
      },
    ],
    series: [
      {
        type: 'bar',
        name: t('surveys.results.trendResponses'),
        yAxisIndex: 1,
        itemStyle: { color: '#d6e4ff' },
        data: results.trend.map((wave) => wave.count),
      },
      {
        type: 'line',
        name: 'NPS',
        data: results.trend.map((wave) => wave.score),
        label: { show: true },
        itemStyle: { color: '#1677ff' },
      },
    ],
  };
}

function choiceOption(question: SurveyQuestion, counts: Record<string, number>, label: string): ChartOption {
  const options = question.options ?? [];
  return {
    tooltip: { trigger: 'axis' },
    grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: {
      type: 'category',
      inverse: true,
      data: options.map((option) => option.label),
      axisLabel: { width: 120, overflow: 'truncate' },
    },
    series: [{ type: 'bar', name: label, data: options.map((option) => counts[option.id] ?? 0) }],
  };
}

function matrixOption(question: SurveyQuestion, matrix: Record<string, Record<string, number>>): ChartOption {
  const rows = question.rows ?? [];
  return {
    tooltip: { trigger: 'axis' },
    legend: { bottom: 0 },
    grid: { left: 8, right: 16, top: 8, bottom: 40, containLabel: true },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: {
      type: 'category',
      inverse: true,
      data: rows.map((row) => row.label),
      axisLabel: { width: 120, overflow: 'truncate' },
    },
    series: (question.options ?? []).map((column) => ({
      type: 'bar',
      stack: 'matrix',
      name: column.label,
      data: rows.map((row) => matrix[row.id]?.[column.id] ?? 0),
    })),
  };
}

function QuestionCard({ question, result }: { question: SurveyQuestion; result: QuestionResult }) {
  const { t } = useTranslation();
  const label = t('surveys.results.count');
  let body: React.ReactNode = null;
  if ((result.type === 'single' || result.type === 'multiple') && result.counts) {
    const height = 40 + (question.options ?? []).length * 32;
    body = <EChart option={choiceOption(question, result.counts, label)} height={height} />;
  } else if (result.type === 'rating' && result.distribution) {
    body = (
      <>
        {result.average !== null && result.average !== undefined ? (
          <Typography.Text>{t('surveys.results.average', { average: result.average })}</Typography.Text>
        ) : null}
        <EChart
          option={choiceOption(
            { ...question, options: [1, 2, 3, 4, 5].map((n) => ({ id: String(n), label: '★'.repeat(n) })) },
            Object.fromEntries(result.distribution.map((value, index) => [String(index + 1), value])),
            label,
          )}
          height={200}
        />
      </>
    );
  } else if (result.type === 'nps' && result.distribution) {
    body = <EChart option={npsDistributionOption(result.distribution, label)} height={200} />;
  } else if (result.type === 'matrix' && result.matrix) {
    body = (
      <EChart
        option={matrixOption(question, result.matrix)}
        height={80 + (question.rows ?? []).length * 36}
      />
    );
  } else if (result.type === 'text') {
    body = (
      <Flex vertical gap={8}>
        <Typography.Text strong>{t('surveys.results.themes')}</Typography.Text>
        {result.clusters && result.clusters.length > 0 ? (
          <Flex gap={6} wrap data-testid="survey-themes">
            {result.clusters.map((cluster) => (
              <Tag key={cluster.label} color="blue">
                {cluster.label} · {cluster.count}
              </Tag>
            ))}
          </Flex>
        ) : (
          <Typography.Text type="secondary">{t('surveys.results.noThemes')}</Typography.Text>
        )}
        <Typography.Text strong>{t('surveys.results.latestAnswers')}</Typography.Text>
        <ul style={{ margin: 0, paddingInlineStart: 20, maxHeight: 240, overflowY: 'auto' }}>
          {(result.answers ?? []).slice(0, 30).map((answer, index) => (
            <li key={index} style={{ overflowWrap: 'anywhere' }}>
              {answer}
            </li>
          ))}
        </ul>
      </Flex>
    );
  }
  return (
    <Card
      size="small"
      title={<span style={{ whiteSpace: 'normal' }}>{question.title}</span>}
      extra={
        <Typography.Text type="secondary">
          {t('surveys.results.answered', { count: result.answered })}
        </Typography.Text>
      }
    >
      {body}
    </Card>
  );
}

/** One wave's results: the NPS with its three groups, the trend across waves, then each question. */
export function SurveyResultsView({ survey, results }: { survey: Survey; results: SurveyResults }) {
  const { t } = useTranslation();
  const npsResult = results.questions.find((result) => result.type === 'nps' && result.nps);
  const nps = npsResult?.nps;
  return (
    <Flex vertical gap={16}>
      {nps ? (
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={10}>
            <Card title={t('surveys.results.npsTitle')} data-testid="nps-card">
              <Flex gap={24} wrap align="center">
                <Statistic
                  value={nps.score ?? '—'}
                  valueStyle={{ fontSize: 44, color: (nps.score ?? 0) >= 0 ? GREEN : RED }}
                />
                <Flex vertical gap={2}>
                  <Typography.Text style={{ color: GREEN }} data-testid="nps-promoters">
                    {t('surveys.results.promoters')} <strong>{nps.promoters}</strong>
                  </Typography.Text>
                  <Typography.Text type="secondary" data-testid="nps-passives">
                    {t('surveys.results.passives')} <strong>{nps.passives}</strong>
                  </Typography.Text>
                  <Typography.Text style={{ color: RED }} data-testid="nps-detractors">
                    {t('surveys.results.detractors')} <strong>{nps.detractors}</strong>
                  </Typography.Text>
                </Flex>
              </Flex>
              <EChart option={npsBarOption(nps, t)} height={120} testId="nps-groups" />
            </Card>
          </Col>
          <Col xs={24} lg={14}>
            <Card title={t('surveys.results.trend')}>
              <EChart option={trendOption(results, survey, t)} height={250} testId="nps-trend" />
            </Card>
          </Col>
        </Row>
      ) : null}
      {results.responses === 0 ? (
        <Card>
          <Empty description={t('surveys.results.noResponses')} />
        </Card>
      ) : (
        <Row gutter={[16, 16]}>
          {results.questions.map((result) => {
            const question = survey.questions.find((entry) => entry.id === result.questionId);
            return question ? (
              <Col xs={24} xl={12} key={result.questionId}>
                <QuestionCard question={question} result={result} />
              </Col>
            ) : null;
          })}
        </Row>
      )}
    </Flex>
  );
}
