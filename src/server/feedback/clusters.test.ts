import { describe, expect, it } from 'vitest';
import { as, createTestTeam } from '../testing/app.ts';
import { useTestTeam } from '../testing/factories.ts';

const t = useTestTeam(['member', 'viewer']);

const TOPICS = {
  delivery: [
    '快递太慢了，五天还没到',
    '物流信息三天没更新',
    '包裹一直没有送到',
    '配送太慢，快递员不接电话',
    'The parcel never arrived, shipping is slow',
  ],
  refund: [
    '退款一直没到账',
    '申请退货没人处理',
    '退款太慢了，催了好几次',
    'Refund still not received after two weeks',
    '售后退款流程太复杂',
  ],
  crash: [
    'App 打开就闪退',
    '更新后一直闪退',
    'The app crashes when I open it',
    '登录页面闪退，无法使用',
    'App keeps crashing after the update',
  ],
};

async function seed() {
  const ids: Record<string, string[]> = {};
  for (const [topic, texts] of Object.entries(TOPICS)) {
    ids[topic] = [];
    for (const title of texts) {
      const response = await t.app.inject(
        as(t.member, { method: 'POST', url: t.url('/feedback/items'), payload: { title, category: topic } }),
      );
      ids[topic].push(response.json().item.id as string);
    }
  }
  return ids as Record<keyof typeof TOPICS, string[]>;
}

async function recompute() {
  const queued = await t.app.inject(
    as(t.member, { method: 'POST', url: t.url('/feedback/clusters/recompute') }),
  );
  expect(queued.statusCode).toBe(202);
  while ((await t.app.services.scheduler.runDue()) > 0);
  return (await t.app.inject(as(t.viewer, { method: 'GET', url: t.url('/feedback/clusters') }))).json();
}

async function placements() {
  const rows = await t.app.services.db.selectFrom('feedback_items').select(['id', 'cluster_id']).execute();
  return new Map(rows.map((row) => [row.id, row.cluster_id]));
}

describe('common issues', () => {
  it('clusters the real issues as a job, assigns arrivals, and keeps pinned labels and moved items', async () => {
    const ids = await seed();
    const first = await recompute();
    expect(first.state).toMatchObject({ status: 'idle', progress: 100 });
    expect(first.clusters).toHaveLength(3);
    expect(first.clusters[0]).toMatchObject({ previous: 0 });
    expect(first.clusters[0].recent).toBe(first.clusters[0].size);
    expect(first.clusters[0].weekly).toHaveLength(8);
    let placed = await placements();
    // Each topic lands (at least 4 of its 5 items) in a cluster of its own.
    const majority = (topic: string[]) => {
      const counts = new Map<string | null | undefined, number>();
      for (const id of topic) counts.set(placed.get(id), (counts.get(placed.get(id)) ?? 0) + 1);
      const [best] = [...counts.entries()].sort((a, b) => b[1] - a[1]);
      expect(best?.[1]).toBeGreaterThanOrEqual(4);
      return best?.[0] ?? '';
    };
    const deliveryCluster = majority(ids.delivery);
    const refundCluster = majority(ids.refund);
    expect(new Set([deliveryCluster, refundCluster, majority(ids.crash)]).size).toBe(3);
    const deliveryItem = ids.delivery.find((id) => placed.get(id) === deliveryCluster) ?? '';
    const refundItem = ids.refund.find((id) => placed.get(id) === refundCluster) ?? '';

    // An arrival joins the nearest cluster at once.
    const arrival = await t.app.inject(
      as(t.member, {
        method: 'POST',
        url: t.url('/feedback/items'),
        payload: { title: '我的快递到哪了，物流不动' },
      }),
    );
    expect(arrival.json().item.cluster).toMatchObject({ id: deliveryCluster });

    // Pin a label, move an item somewhere the computation would not put it.
    const renamed = await t.app.inject(
      as(t.member, {
        method: 'PATCH',
        url: t.url(`/feedback/clusters/${deliveryCluster}`),
        payload: { label: '物流时效' },
      }),
    );
    expect(renamed.json().cluster).toMatchObject({ label: '物流时效', labelPinned: true });
    const moved = ids.refund.find((id) => id !== refundItem && placed.get(id) === refundCluster) ?? '';
    expect(
      (
        await t.app.inject(
          as(t.member, {
            method: 'PUT',
            url: t.url(`/feedback/items/${moved}/cluster`),
            payload: { clusterId: deliveryCluster },
          }),
        )
      ).statusCode,
    ).toBe(204);

    const again = await recompute();
    placed = await placements();
    expect(placed.get(moved)).toBe(deliveryCluster);
    expect(placed.get(deliveryItem)).toBe(deliveryCluster);
    expect(again.clusters.find((cluster: { id: string }) => cluster.id === deliveryCluster)).toMatchObject({
      label: '物流时效',
      labelPinned: true,
    });
    expect(placed.get(refundItem)).toBe(refundCluster);
  });

  it('refuses viewers, other workspaces’ clusters and unknown clusters', async () => {
    const ids = await seed();
    await recompute();
    expect(
      (await t.app.inject(as(t.viewer, { method: 'POST', url: t.url('/feedback/clusters/recompute') })))
        .statusCode,
    ).toBe(403);
    const other = await createTestTeam(t.app, []);
    const theirs = await t.app.inject(
      as(other.owner, {
        method: 'POST',
        url: t.url('/feedback/items', other.workspaceId),
        payload: { title: '快递太慢' },
      }),
    );
    const theirItem = theirs.json().item.id as string;
    const ourCluster = (await placements()).get(ids.crash[0] ?? '') ?? '';
    const foreignMove = await t.app.inject(
      as(other.owner, {
        method: 'PUT',
        url: t.url(`/feedback/items/${theirItem}/cluster`, other.workspaceId),
        payload: { clusterId: ourCluster },
      }),
    );
    expect(foreignMove.json().error).toMatchObject({
      code: 'feedback_cluster_not_found',
      fields: [{ path: 'clusterId' }],
    });
    expect(
      (
        await t.app.inject(
          as(t.owner, { method: 'PATCH', url: t.url('/feedback/clusters/nope'), payload: { label: 'x' } }),
        )
      ).statusCode,
    ).toBe(404);
  });

  it('reports CSAT per category, cluster and week', async () => {
    const ids = await seed();
    await recompute();
    const itemId = ids.refund[0] ?? '';
    await t.app.services.db
      .insertInto('feedback_ratings')
      .values({
        id: 'r1',
        workspace_id: t.workspaceId,
        item_id: itemId,
        contact_id: null,
        category: 'refund',
        cluster_id: (await placements()).get(itemId) ?? null,
        rating: 4,
        email_status: 'sent',
        sent_at: t.clock.now,
        rated_at: t.clock.now,
      })
      .execute();
    const report = (await t.app.inject(as(t.viewer, { method: 'GET', url: t.url('/feedback/csat') }))).json();
    expect(report.overall).toMatchObject({ count: 1, average: 4, satisfied: 1 });
    expect(report.byCategory).toMatchObject([{ key: 'refund', average: 4 }]);
    expect(report.byCluster[0].label).not.toBe('');
    expect(report.byWeek.at(-1)).toMatchObject({ count: 1 });
  });
});

describe('demo feedback', () => {
  it('holds several hundred items whose top clusters are the real common issues', async () => {
    const demo = await t.app.inject(
      as(t.owner, { method: 'POST', url: '/api/v1/workspaces/demo', payload: {} }),
    );
    expect(demo.statusCode, demo.body).toBe(201);
    const demoId = demo.json().workspace.id as string;
    while ((await t.app.services.scheduler.runDue()) > 0);
    const count = await t.app.services.db
      .selectFrom('feedback_items')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('workspace_id', '=', demoId)
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBeGreaterThan(350);
    const body = (
      await t.app.inject(as(t.owner, { method: 'GET', url: t.url('/feedback/clusters', demoId) }))
    ).json();
    const top = body.clusters
      .slice(0, 6)
      .map((cluster: { label: string; terms: string[] }) => cluster.terms.join(' '));
    for (const issue of [
      /快递|物流|包裹|发货|track|ship|parcel/,
      /退款|退货|售后|refund/,
      /闪退|crash/,
      /验证码|code/,
    ]) {
      expect(
        top.some((terms: string) => issue.test(terms)),
        `${issue} in ${top.join(' | ')}`,
      ).toBe(true);
    }
    // The crash after the release rises: it ranks above issues of its size that stayed flat.
    expect(body.clusters[0].recent).toBeGreaterThan(0);
    // Older items were resolved and rated: the common issues carry their CSAT once clustered.
    const rated = body.clusters.filter((cluster: { csat: { count: number } }) => cluster.csat.count > 0);
    expect(rated.length).toBeGreaterThanOrEqual(4);
    const weekly = body.clusters[0].weekly as number[];
    expect(weekly.filter((count) => count > 0).length).toBeGreaterThan(1);
  }, 60_000);
});
