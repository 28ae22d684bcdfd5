import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client.ts';
import type { components, paths } from '../../api/schema.ts';

export type Meeting = components['schemas']['Meeting'];
export type MeetingSummary = components['schemas']['MeetingSummary'];
export type MeetingSeries = components['schemas']['MeetingSeries'];
export type AgendaItem = components['schemas']['AgendaItem'];
export type MeetingInput =
  paths['/api/v1/w/{workspaceId}/meetings']['post']['requestBody']['content']['application/json'];
export type SeriesInput =
  paths['/api/v1/w/{workspaceId}/meeting-series']['post']['requestBody']['content']['application/json'];
export type MeetingChanges =
  paths['/api/v1/w/{workspaceId}/meetings/{meetingId}']['patch']['requestBody']['content']['application/json'];
export type ActionInput =
  paths['/api/v1/w/{workspaceId}/meetings/{meetingId}/actions']['post']['requestBody']['content']['application/json'];

const meetingsKey = (workspaceId: string) => ['meetings', workspaceId] as const;

export function useMeetings(workspaceId: string) {
  return useQuery({
    queryKey: [...meetingsKey(workspaceId), 'list'],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/w/{workspaceId}/meetings', {
          params: { path: { workspaceId }, query: { limit: 100 } },
        }),
      ),
    select: (data) => data.items,
  });
}

export function useMeetingSeries(workspaceId: string) {
  return useQuery({
    queryKey: [...meetingsKey(workspaceId), 'series'],
    queryFn: () =>
      unwrap(api.GET('/api/v1/w/{workspaceId}/meeting-series', { params: { path: { workspaceId } } })),
    select: (data) => data.items,
  });
}

export function useMeeting(workspaceId: string, meetingId: string) {
  return useQuery({
    queryKey: [...meetingsKey(workspaceId), 'one', meetingId],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/w/{workspaceId}/meetings/{meetingId}', {
          params: { path: { workspaceId, meetingId } },
        }),
      ),
    select: (data) => data.meeting,
  });
}

/** After any change the meeting, the lists and (for actions) the tasks are read again. */
function useRefresh(workspaceId: string) {
  const client = useQueryClient();
  return () => {
    void client.invalidateQueries({ queryKey: meetingsKey(workspaceId) });
    void client.invalidateQueries({ queryKey: ['tasks', workspaceId] });
  };
}

export function useCreateMeeting(workspaceId: string) {
  const refresh = useRefresh(workspaceId);
  return useMutation({
    mutationFn: (body: MeetingInput) =>
      unwrap(api.POST('/api/v1/w/{workspaceId}/meetings', { params: { path: { workspaceId } }, body })),
    onSuccess: refresh,
  });
}

export function useCreateSeries(workspaceId: string) {
  const refresh = useRefresh(workspaceId);
  return useMutation({
    mutationFn: (body: SeriesInput) =>
      unwrap(api.POST('/api/v1/w/{workspaceId}/meeting-series', { params: { path: { workspaceId } }, body })),
    onSuccess: refresh,
  });
}

export function useUpdateSeries(workspaceId: string) {
  const refresh = useRefresh(workspaceId);
  return useMutation({
    mutationFn: ({ seriesId, agendaLeadHours }: { seriesId: string; agendaLeadHours: number }) =>
      unwrap(
        api.PATCH('/api/v1/w/{workspaceId}/meeting-series/{seriesId}', {
          params: { path: { workspaceId, seriesId } },
          body: { agendaLeadHours },
        }),
      ),
    onSuccess: refresh,
  });
}

/** Hours ahead a series may send its agenda, as offered in the forms (the server takes any 1–168). */
export const AGENDA_LEAD_CHOICES = [2, 4, 12, 24, 48, 72, 168] as const;

export function useNextMeeting(workspaceId: string) {
  const refresh = useRefresh(workspaceId);
  return useMutation({
    mutationFn: (seriesId: string) =>
      unwrap(
        api.POST('/api/v1/w/{workspaceId}/meeting-series/{seriesId}/next', {
          params: { path: { workspaceId, seriesId } },
          body: {},
        }),
      ),
    onSuccess: refresh,
  });
}

export function useUpdateMeeting(workspaceId: string, meetingId: string) {
  const refresh = useRefresh(workspaceId);
  return useMutation({
    mutationFn: (body: MeetingChanges) =>
      unwrap(
        api.PATCH('/api/v1/w/{workspaceId}/meetings/{meetingId}', {
          params: { path: { workspaceId, meetingId } },
          body,
        }),
      ),
    onSuccess: refresh,
  });
}

export function useBuildAgenda(workspaceId: string, meetingId: string) {
  const refresh = useRefresh(workspaceId);
  return useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/v1/w/{workspaceId}/meetings/{meetingId}/agenda/build', {
          params: { path: { workspaceId, meetingId } },
          body: {},
        }),
      ),
    onSuccess: refresh,
  });
}

export function useAddAction(workspaceId: string, meetingId: string) {
  const refresh = useRefresh(workspaceId);
  return useMutation({
    mutationFn: (body: ActionInput) =>
      unwrap(
        api.POST('/api/v1/w/{workspaceId}/meetings/{meetingId}/actions', {
          params: { path: { workspaceId, meetingId } },
          body,
        }),
      ),
    onSuccess: refresh,
  });
}

export function useSendMeeting(workspaceId: string, meetingId: string) {
  const refresh = useRefresh(workspaceId);
  return useMutation({
    mutationFn: (what: 'agenda' | 'minutes') =>
      unwrap(
        what === 'agenda'
          ? api.POST('/api/v1/w/{workspaceId}/meetings/{meetingId}/send-agenda', {
              params: { path: { workspaceId, meetingId } },
              body: {},
            })
          : api.POST('/api/v1/w/{workspaceId}/meetings/{meetingId}/send-minutes', {
              params: { path: { workspaceId, meetingId } },
              body: {},
            }),
      ),
    onSuccess: refresh,
  });
}

/** The minutes file's address; the browser downloads it with the session cookie. */
export function minutesUrl(
  workspaceId: string,
  meetingId: string,
  format: 'md' | 'docx',
  locale: 'zh-CN' | 'en',
): string {
  const query = new URLSearchParams({ format, locale });
  return `/api/v1/w/${encodeURIComponent(workspaceId)}/meetings/${encodeURIComponent(meetingId)}/minutes?${query.toString()}`;
}
