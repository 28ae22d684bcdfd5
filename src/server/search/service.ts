import {
  matchesAll,
  rankSearchHits,
  searchTerms,
  type SearchCandidate,
  type SearchHit,
  type SearchKind,
} from '../../core/search/index.ts';
import type { WorkspaceContext } from '../context.ts';
import { authorize } from '../workspaces/access.ts';
import { selectMembers } from '../workspaces/queries.ts';
import * as queries from './queries.ts';

/**
 * Goals, KPIs, tasks, processes, cases and people of one workspace whose title or text holds every term of the
 * query, best first. Every member may read all of these, so the workspace check is the whole scope.
 */
export async function searchWorkspace(
  context: WorkspaceContext,
  { query, limit }: { query: string; limit: number },
): Promise<{ items: SearchHit[] }> {
  const { services, actor, workspaceId } = context;
  await authorize(services.db, actor, workspaceId, 'workspace.read');
  const terms = searchTerms(query);
  if (terms.length === 0) return { items: [] };
  const [rows, people] = await Promise.all([
    queries.selectSearchCandidates(services.db, services.dialect, workspaceId, terms),
    // People are few per workspace: matched here rather than indexed.
    selectMembers(services.db, workspaceId),
  ]);
  const candidates: SearchCandidate[] = rows.map((row) => ({ ...row, kind: row.kind as SearchKind }));
  for (const person of people) {
    const body = [person.title, person.email].filter(Boolean).join(' · ');
    if (matchesAll(terms, person.name, body))
      candidates.push({ kind: 'person', id: person.user_id, title: person.name, body, ref: null });
  }
  return { items: rankSearchHits(terms, candidates, limit) };
}
