import { Typography } from 'antd';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function compact(value: unknown): string {
  if (value === undefined) return '—';
  const text = JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
}

/** One line per changed field: `role: "member" → "manager"` when before/after are known, else compact JSON. */
export function ChangesCell({ changes }: { changes: unknown }) {
  if (!isRecord(changes) || Object.keys(changes).length === 0) {
    return <Typography.Text type="secondary">—</Typography.Text>;
  }
  const lines = Object.entries(changes).map(([field, value]) => {
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
