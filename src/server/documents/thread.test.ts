import JSZip from 'jszip';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../core/errors/index.ts';
import { generatePlan } from '../../core/plan/document/testing/generate.ts';
import { createTestApp, type TestApp } from '../testing/app.ts';
import { renderPlanOffThread } from './thread.ts';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(() => t.close());

const NOW = Date.UTC(2026, 0, 20);

describe('rendering on a worker thread', () => {
  it('keeps answering /healthz all through a large DOCX render', async () => {
    // A tenth of the bench's medium workspace: the docx package alone works synchronously for a second or more.
    const { plan, observations } = generatePlan({ goals: 100, kpis: 200, tasks: 1000, people: 20 });
    let finished = false;
    const steps: string[] = [];
    const rendering = renderPlanOffThread(
      { plan, observations, options: { locale: 'zh-CN', now: NOW }, format: 'docx' },
      async (step) => {
        steps.push(step);
      },
    ).finally(() => {
      finished = true;
    });
    let answered = 0;
    while (!finished) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      const health = await t.app.inject({ method: 'GET', url: '/healthz' });
      expect(health.statusCode).toBe(200);
      if (!finished) answered += 1;
    }
    const { bytes, title } = await rendering;
    expect(steps).toEqual(['built', 'figures']);
    expect(title).toBe('运营细化工作计划');
    const zip = await JSZip.loadAsync(bytes);
    expect(await zip.file('word/document.xml')?.async('string')).toContain('任务 1');
    // Rendered in the main thread, /healthz would wait for the whole DOCX: here it answers all along.
    expect(answered).toBeGreaterThan(10);
  });

  it('hands back an AppError from the worker with its code and parameters', async () => {
    const { plan, observations } = generatePlan({ goals: 2, kpis: 2, tasks: 10, people: 2 });
    const saved = process.env.CHROMIUM_PATH;
    process.env.CHROMIUM_PATH = '/nonexistent/chromium';
    try {
      const error = await renderPlanOffThread({
        plan,
        observations,
        options: { locale: 'en', now: NOW },
        format: 'pdf',
      }).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(AppError);
      expect(error).toMatchObject({
        code: 'document_browser_missing',
        params: { path: '/nonexistent/chromium' },
      });
    } finally {
      if (saved === undefined) delete process.env.CHROMIUM_PATH;
      else process.env.CHROMIUM_PATH = saved;
    }
  });
});
