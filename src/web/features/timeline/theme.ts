import { useMemo } from 'react';
import { theme } from 'antd';

/** The timeline's colours, all from the antd theme, so the chart and its legend follow it. */
export type GanttColors = {
  bar: string;
  critical: string;
  done: string;
  slack: string;
  milestone: string;
  preview: string;
  today: string;
  arrow: string;
  late: string;
  /** A row another task's drag would move, and a row a save moved. */
  movedRow: string;
  flashedRow: string;
  surface: string;
  /** Header fill over the surface (translucent: paint it on `surface`). */
  headerFill: string;
  border: string;
  rowLine: string;
  dayOff: string;
  text: string;
  textMuted: string;
  textFaint: string;
  tooltip: string;
  tooltipText: string;
};

export function useGanttColors(): GanttColors {
  const { token } = theme.useToken();
  return useMemo(
    () => ({
      bar: token.geekblue5,
      critical: token.red6,
      done: token.green4,
      slack: token.colorBorder,
      milestone: token.purple6,
      preview: token.orange6,
      today: token.orange6,
      arrow: token.colorTextTertiary,
      late: token.orange7,
      movedRow: token.orange1,
      flashedRow: token.gold1,
      surface: token.colorBgContainer,
      headerFill: token.colorFillAlter,
      border: token.colorBorderSecondary,
      rowLine: token.colorFillTertiary,
      dayOff: token.colorFillTertiary,
      text: token.colorTextSecondary,
      textMuted: token.colorTextTertiary,
      textFaint: token.colorTextQuaternary,
      tooltip: token.colorBgSpotlight,
      tooltipText: token.colorTextLightSolid,
    }),
    [token],
  );
}

/** An opaque background: the translucent header fill painted on the surface, so pinned parts hide what scrolls. */
export function headerBackground(colors: GanttColors): string {
  return `linear-gradient(${colors.headerFill}, ${colors.headerFill}), ${colors.surface}`;
}
