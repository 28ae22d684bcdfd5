import { Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { HEALTH_COLORS, HEALTH_ORDER } from '../goals/GoalBadges.tsx';
import type { GoalHealthStatus } from '../goals/hooks.ts';

const RADIUS = 52;
const STROKE = 16;
const CIRCUMFERENCE = 2 * Math.PI * RADIUS;

/**
 * Goals by health as a donut with the total in the middle. Plain SVG: the first screen needs no chart
 * library for four arcs.
 */
export function HealthDonut({ counts, total }: { counts: Record<GoalHealthStatus, number>; total: number }) {
  const { t } = useTranslation();
  let offset = 0;
  const arcs = HEALTH_ORDER.filter((health) => counts[health] > 0).map((health) => {
    const length = total > 0 ? (counts[health] / total) * CIRCUMFERENCE : 0;
    const arc = { health, length, offset };
    offset += length;
    return arc;
  });
  const label = HEALTH_ORDER.map((health) => `${t(`health.${health}`)} ${counts[health]}`).join(', ');
  return (
    <svg
      width={140}
      height={140}
      viewBox="0 0 140 140"
      role="img"
      aria-label={label}
      data-testid="health-donut"
    >
      <circle cx={70} cy={70} r={RADIUS} fill="none" stroke="#f0f0f0" strokeWidth={STROKE} />
      {arcs.map((arc) => (
        <circle
          key={arc.health}
          cx={70}
          cy={70}
          r={RADIUS}
          fill="none"
          stroke={HEALTH_COLORS[arc.health]}
          strokeWidth={STROKE}
          strokeDasharray={`${arc.length} ${CIRCUMFERENCE - arc.length}`}
          strokeDashoffset={-arc.offset}
          transform="rotate(-90 70 70)"
        />
      ))}
      <text x={70} y={68} textAnchor="middle" fontSize={28} fontWeight={600} fill="#262626">
        {total}
      </text>
      <text x={70} y={90} textAnchor="middle" fontSize={12} fill="#8c8c8c">
        {t('dashboard.goalsTotal')}
      </text>
    </svg>
  );
}

/** The legend beside the donut: each health with its count. */
export function HealthLegend({ counts }: { counts: Record<GoalHealthStatus, number> }) {
  const { t } = useTranslation();
  return (
    <Flex vertical gap={10}>
      {HEALTH_ORDER.map((health) => (
        <Flex key={health} align="center" gap={8} data-testid={`health-count-${health}`}>
          <span style={{ width: 10, height: 10, borderRadius: 5, background: HEALTH_COLORS[health] }} />
          <Typography.Text style={{ minWidth: 64 }}>{t(`health.${health}`)}</Typography.Text>
          <Typography.Text strong style={{ fontVariantNumeric: 'tabular-nums' }}>
            {counts[health]}
          </Typography.Text>
        </Flex>
      ))}
    </Flex>
  );
}
