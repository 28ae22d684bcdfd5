import { Typography } from 'antd';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function compact(value: unknown): string {
  if (value === undefined) return '—';
  const text = JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
}

/** References to other objects: useful to an admin reading the log, noise in a summary. */
const isReference = (field: string) => /Ids?$/.test(field);

/**
 * One line per changed field: `role: "member" → "manager"` when before/after are known, else compact JSON.
 * `hideReferences` leaves out id fields, for summaries such as the overview's recent activity.
 */
export function ChangesCell({
  changes,
  hideReferences = false,
}: {
  changes: unknown;
  hideReferences?: boolean;
}) {
  const entries = isRecord(changes)
    ? Object.entries(changes).filter(([field]) => !hideReferences || !isReference(field))
    : [];
  if (entries.length === 0) {
    return hideReferences ? null : <Typography.Text type="secondary">—</Typography.Text>;
  }
  const lines = entries.map(([field, value]) => {
    if (isRecord(value) && ('from' in value || 'to' in value)) {
      return `${field}: ${compact(value.from)} → ${compact(value.to)}`;
    }
    if (isRecord(value) && ('before' in value || 'after' in value)) {
      return `${field}: ${compact(value.before)} → ${compact(value.after)}`;
    }
    return `${field}: ${compact(value)}`;
  });
  return (
    <div
      style={{ fontFamily: 'ui-monospace, SFMono-Regular, Menlo, monospace', fontSize: 12, lineHeight: 1.6 }}
    >
      {lines.map((line) => (
        <div key={line} style={{ wordBreak: 'break-all' }}>
          {line}
        </div>
      ))}
    </div>
  );
}
