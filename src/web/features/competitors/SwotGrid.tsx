import { Col, Row, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Swot } from './hooks.ts';

const QUADRANTS = [
  { key: 'strengths', background: '#f6ffed', border: '#b7eb8f' },
  { key: 'weaknesses', background: '#fff7e6', border: '#ffd591' },
  { key: 'opportunities', background: '#e6f4ff', border: '#91caff' },
  { key: 'threats', background: '#fff1f0', border: '#ffa39e' },
] as const;

/** A SWOT as the classic 2×2 grid: strengths and weaknesses above, opportunities and threats below. */
export function SwotGrid({ swot }: { swot: Swot }) {
  const { t } = useTranslation();
  return (
    <Row gutter={[8, 8]} data-testid="swot-grid">
      {QUADRANTS.map((quadrant) => (
        <Col span={12} key={quadrant.key}>
          <section
            aria-label={t(`competitors.swot.${quadrant.key}`)}
            style={{
              background: quadrant.background,
              border: `1px solid ${quadrant.border}`,
              borderRadius: 8,
              padding: '8px 10px',
              height: '100%',
              minWidth: 0,
              overflowWrap: 'anywhere',
            }}
          >
            <Typography.Text strong>{t(`competitors.swot.${quadrant.key}`)}</Typography.Text>
            {swot[quadrant.key].length === 0 ? (
              <div>
                <Typography.Text type="secondary">{t('competitors.swot.emptyQuadrant')}</Typography.Text>
              </div>
            ) : (
              <ul style={{ margin: '4px 0 0', paddingInlineStart: 18 }}>
                {swot[quadrant.key].map((point, index) => (
                  <li key={index}>{point}</li>
                ))}
              </ul>
            )}
          </section>
        </Col>
      ))}
    </Row>
  );
}
