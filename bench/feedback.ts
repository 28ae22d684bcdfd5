// Feedback clustering over 10,000 and 100,000 generated mixed Chinese/English items: time and peak memory of
// clusterFeedback set against jieba segmenting the same texts alone. Each phase runs in its own process so its
// peak RSS is its own; a third process only generates the items, and its RSS is subtracted from both.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { clusterFeedback, clusterQuality, type FeedbackItem } from '../src/core/feedback/index.ts';
import { jiebaSegmenter } from '../src/server/feedback/segmenter.ts';
import { parseArgs } from './lib/args.ts';
import { createRandom, type Random } from './lib/random.ts';
import { fixed, printTable, type Row } from './lib/report.ts';

const TOPICS: { zh: string[]; en: string[] }[] = [
  {
    zh: ['快递还没到', '物流太慢了', '包裹一直不更新', '发货太慢'],
    en: ['package never arrived', 'shipping is so slow', 'courier lost my parcel'],
  },
  {
    zh: ['退款一直没到账', '退货流程麻烦', '申请退款被拒'],
    en: ['still waiting for my refund', 'return was rejected', 'no money back yet'],
  },
  {
    zh: ['客服不回复', '人工客服打不通', '客服态度差'],
    en: ['customer service never replies', 'support agent was rude', 'cannot reach a human'],
  },
  {
    zh: ['一打开就闪退', 'app老是崩溃', '白屏然后退出'],
    en: ['app crashes on launch', 'keeps crashing', 'black screen then it closes'],
  },
  {
    zh: ['登录不上', '验证码收不到', '密码明明是对的'],
    en: ['cannot log in', 'verification code never comes', 'password reset is broken'],
  },
  {
    zh: ['视频一直缓冲', '播放卡顿', '加载太慢'],
    en: ['video keeps buffering', 'playback stutters', 'loading takes forever'],
  },
  {
    zh: ['推送太多了', '关了通知还在推送', '半夜推送消息'],
    en: ['too many notifications', 'push alerts at night', 'notification spam'],
  },
  {
    zh: ['自动续费没提醒', '取消不了连续包月', '续费扣了两次'],
    en: ['charged for auto renewal', 'cannot cancel the renewal', 'renewed without asking'],
  },
  {
    zh: ['优惠券用不了', '满减规则复杂', '红包过期'],
    en: ['coupon does not apply', 'discount code invalid', 'voucher expired'],
  },
  {
    zh: ['价格太贵', '又涨价了', '性价比低'],
    en: ['too expensive', 'price went up again', 'not worth the price'],
  },
  {
    zh: ['广告太多', '开屏广告关不掉', '全是广告'],
    en: ['way too many ads', 'ads after every tap', 'video ads are loud'],
  },
  {
    zh: ['帖子被删', '莫名被禁言', '审核太严'],
    en: ['my post was removed', 'banned for no reason', 'moderation is too strict'],
  },
  {
    zh: ['外挂太多', '对面开挂', '举报外挂没用'],
    en: ['cheaters everywhere', 'aimbot in every lobby', 'hackers never banned'],
  },
  {
    zh: ['匹配机制有问题', '队友太坑', '段位差太多'],
    en: ['matchmaking is unfair', 'teammates are new players', 'ranked matches are broken'],
  },
  {
    zh: ['耗电太快', '手机发烫', '电量掉得快'],
    en: ['drains my battery', 'phone gets hot', 'battery usage is huge'],
  },
  {
    zh: ['质量太差', '做工粗糙', '用两天就坏'],
    en: ['poor quality', 'cheaply made', 'broke after two days'],
  },
];
const FILLERS_ZH = ['真的', '希望尽快处理', '太失望了', '第三次了', '谢谢', '', '', ''];
const FILLERS_EN = ['honestly', 'please fix this', 'so disappointed', 'third time now', 'thanks', '', '', ''];

/** Product and place names: a vocabulary that grows with the data, as real feedback does. */
function name(random: Random): string {
  const syllables = ['ka', 'lo', 'mi', 'ra', 'ton', 'vex', 'zu', 'pli', 'dor', 'nex', 'sa', 'qui'];
  return Array.from({ length: random.int(2, 3) }, () => random.pick(syllables)).join('');
}

/** Items with a known topic each; one in ten is noise about nothing in particular. */
export function generateFeedback(
  count: number,
  seed = 20_261_206,
): { items: FeedbackItem[]; topics: Map<string, string> } {
  const random = createRandom(seed);
  const items: FeedbackItem[] = [];
  const topics = new Map<string, string>();
  for (let index = 0; index < count; index++) {
    const id = `f${index + 1}`;
    const isChinese = random.chance(0.6);
    if (random.chance(0.1)) {
      items.push({
        id,
        text: `${name(random)} ${name(random)} ${isChinese ? '怎么样' : 'what about'} ${name(random)}`,
      });
      topics.set(id, 'misc');
      continue;
    }
    const topic = random.int(0, TOPICS.length - 1);
    const phrases = TOPICS[topic] ?? { zh: [], en: [] };
    const pool = isChinese ? phrases.zh : phrases.en;
    const parts = [random.pick(pool)];
    if (random.chance(0.4)) parts.push(random.pick(pool));
    if (random.chance(0.3)) parts.push(name(random));
    parts.push(random.pick(isChinese ? FILLERS_ZH : FILLERS_EN));
    items.push({ id, text: parts.filter(Boolean).join(isChinese ? '，' : ', ') });
    topics.set(id, `t${topic}`);
  }
  return { items, topics };
}

type PhaseResult = {
  ms: number;
  cpuMs: number;
  maxRssMb: number;
  clusters?: number;
  unclustered?: number;
  ari?: number;
  purity?: number;
};

function runPhase(phase: string, count: number): PhaseResult {
  const { items, topics } = generateFeedback(count);
  const segment = jiebaSegmenter();
  segment('预热');
  const started = performance.now();
  const cpuStarted = process.cpuUsage();
  let extra: Partial<PhaseResult> = {};
  if (phase === 'segment') {
    const tokens = items.map((item) => segment(item.text));
    extra = { clusters: tokens.length };
  } else if (phase === 'cluster') {
    const result = clusterFeedback(items, { segment });
    const quality = clusterQuality(result, topics);
    extra = {
      clusters: result.clusters.length,
      unclustered: result.unclustered.length,
      ari: quality.adjustedRandIndex,
      purity: quality.purity,
    };
  }
  const ms = performance.now() - started;
  const cpu = process.cpuUsage(cpuStarted);
  return {
    ms,
    cpuMs: (cpu.user + cpu.system) / 1000,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
    ...extra,
  };
}

const args = parseArgs(process.argv.slice(2));
const phase = args.string('phase');
if (phase) {
  process.stdout.write(JSON.stringify(runPhase(phase, args.number('items', 10_000))));
} else {
  const counts = (args.string('items') ?? '10000,100000').split(',').map(Number);
  const self = fileURLToPath(import.meta.url);
  const child = (name: string, count: number): PhaseResult => {
    const run = spawnSync(
      process.execPath,
      ['--import', 'tsx', self, '--phase', name, '--items', String(count)],
      {
        encoding: 'utf8',
        maxBuffer: 1 << 20,
      },
    );
    if (run.status !== 0) throw new Error(`${name} ${count} failed: ${run.stderr}`);
    return JSON.parse(run.stdout) as PhaseResult;
  };
  const loadStart = loadavg()[0] ?? 0;
  const rows = counts.map((count) => {
    const base = child('none', count);
    const segment = child('segment', count);
    const cluster = child('cluster', count);
    const segmentMb = Math.max(1, segment.maxRssMb - base.maxRssMb);
    const clusterMb = Math.max(1, cluster.maxRssMb - base.maxRssMb);
    return {
      items: count,
      segmentMs: Math.round(segment.ms),
      clusterMs: Math.round(cluster.ms),
      segmentCpuMs: Math.round(segment.cpuMs),
      clusterCpuMs: Math.round(cluster.cpuMs),
      // CPU time, not wall time: on a shared machine the wall clock mostly measures the neighbours.
      timeRatio: cluster.cpuMs / segment.cpuMs,
      segmentMb: Math.round(segmentMb),
      clusterMb: Math.round(clusterMb),
      memoryRatio: clusterMb / segmentMb,
      clusters: cluster.clusters,
      unclustered: cluster.unclustered,
      ari: cluster.ari,
      purity: cluster.purity,
    };
  });
  const result = { date: new Date().toISOString().slice(0, 10), loadStart, loadEnd: loadavg()[0] ?? 0, rows };
  printTable(
    'Feedback clustering, mixed Chinese/English (16 topics + 10% noise)',
    [
      'items',
      'segment ms (CPU)',
      'cluster ms (CPU)',
      'cluster ms (wall)',
      'time ×',
      'segment MB',
      'cluster MB',
      'memory ×',
      'clusters',
      'ARI',
      'purity',
    ],
    rows.map((row): Row => [
      row.items,
      row.segmentCpuMs,
      row.clusterCpuMs,
      row.clusterMs,
      fixed(row.timeRatio, 2),
      row.segmentMb,
      row.clusterMb,
      fixed(row.memoryRatio, 2),
      row.clusters ?? null,
      fixed(row.ari, 3),
      fixed(row.purity, 3),
    ]),
  );
  mkdirSync('bench/results', { recursive: true });
  writeFileSync(`bench/results/${result.date}-feedback.json`, `${JSON.stringify(result, null, 2)}\n`);
}
