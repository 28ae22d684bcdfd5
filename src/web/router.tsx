import { lazy, Suspense, useEffect, type ComponentType, type LazyExoticComponent } from 'react';
import { createBrowserRouter, Outlet, useLocation } from 'react-router';
import { FullPageSpin } from './components/FullPageSpin.tsx';
import { PublicOnly, RequireAuth } from './features/account/guards.tsx';
import { AppShell } from './features/shell/AppShell.tsx';
import { WorkspaceScopeRoute } from './features/workspaces/WorkspaceScopeRoute.tsx';
import { HomeRedirect } from './routes/HomeRedirect.tsx';

/** Lazy page from a module with a named export, so each page is its own chunk. */
function page<Name extends string>(
  load: () => Promise<Record<Name, ComponentType>>,
  name: Name,
): LazyExoticComponent<ComponentType> {
  return lazy(() => load().then((module) => ({ default: module[name] })));
}

const LoginPage = page(() => import('./routes/auth/LoginPage.tsx'), 'LoginPage');
const SignupPage = page(() => import('./routes/auth/SignupPage.tsx'), 'SignupPage');
const OnboardingPage = page(() => import('./routes/onboarding/OnboardingPage.tsx'), 'OnboardingPage');
const InvitePage = page(() => import('./routes/invite/InvitePage.tsx'), 'InvitePage');
const OverviewPage = page(() => import('./routes/workspace/OverviewPage.tsx'), 'OverviewPage');
const SettingsPage = page(() => import('./routes/workspace/SettingsPage.tsx'), 'SettingsPage');
const MembersPage = page(() => import('./routes/members/MembersPage.tsx'), 'MembersPage');
const AuditPage = page(() => import('./routes/audit/AuditPage.tsx'), 'AuditPage');
const ActivityPage = page(() => import('./routes/activity/ActivityPage.tsx'), 'ActivityPage');
const GoalsPage = page(() => import('./routes/goals/GoalsPage.tsx'), 'GoalsPage');
const GoalPage = page(() => import('./routes/goals/GoalPage.tsx'), 'GoalPage');
const KpisPage = page(() => import('./routes/kpis/KpisPage.tsx'), 'KpisPage');
const KpiPage = page(() => import('./routes/kpis/KpiPage.tsx'), 'KpiPage');
const ImportPage = page(() => import('./routes/kpis/ImportPage.tsx'), 'ImportPage');
const ImportWbsPage = page(() => import('./routes/tasks/ImportWbsPage.tsx'), 'ImportWbsPage');
const TasksPage = page(() => import('./routes/tasks/TasksPage.tsx'), 'TasksPage');
const BoardPage = page(() => import('./routes/tasks/BoardPage.tsx'), 'BoardPage');
const TimelinePage = page(() => import('./routes/tasks/TimelinePage.tsx'), 'TimelinePage');
const CalendarPage = page(() => import('./routes/tasks/CalendarPage.tsx'), 'CalendarPage');
const RaciPage = page(() => import('./routes/raci/RaciPage.tsx'), 'RaciPage');
const WorkloadPage = page(() => import('./routes/workload/WorkloadPage.tsx'), 'WorkloadPage');
const RoutinesPage = page(() => import('./routes/routines/RoutinesPage.tsx'), 'RoutinesPage');
const ProcessesPage = page(() => import('./routes/processes/ProcessesPage.tsx'), 'ProcessesPage');
const ProcessPage = page(() => import('./routes/processes/ProcessPage.tsx'), 'ProcessPage');
const ImportEventLogPage = page(
  () => import('./routes/processes/ImportEventLogPage.tsx'),
  'ImportEventLogPage',
);
const ProcessEditPage = page(() => import('./routes/processes/ProcessEditPage.tsx'), 'ProcessEditPage');
const ProcessNewPage = page(() => import('./routes/processes/ProcessNewPage.tsx'), 'ProcessNewPage');
const ProcessComparePage = page(
  () => import('./routes/processes/ProcessComparePage.tsx'),
  'ProcessComparePage',
);
const RunPage = page(() => import('./routes/processes/RunPage.tsx'), 'RunPage');
const QueuePage = page(() => import('./routes/processes/QueuePage.tsx'), 'QueuePage');
const PlanPage = page(() => import('./routes/plan/PlanPage.tsx'), 'PlanPage');
const PlanTemplatePage = page(() => import('./routes/plan/PlanTemplatePage.tsx'), 'PlanTemplatePage');
const PlanYamlPage = page(() => import('./routes/plan/PlanYamlPage.tsx'), 'PlanYamlPage');
const PlanHealthPage = page(() => import('./routes/plan/PlanHealthPage.tsx'), 'PlanHealthPage');
const ProfilePage = page(() => import('./routes/profile/ProfilePage.tsx'), 'ProfilePage');
const NotificationSettingsPage = page(
  () => import('./routes/profile/NotificationSettingsPage.tsx'),
  'NotificationSettingsPage',
);
const MeetingsPage = page(() => import('./routes/meetings/MeetingsPage.tsx'), 'MeetingsPage');
const MeetingPage = page(() => import('./routes/meetings/MeetingPage.tsx'), 'MeetingPage');
const RetrosPage = page(() => import('./routes/retros/RetrosPage.tsx'), 'RetrosPage');
const RetroPage = page(() => import('./routes/retros/RetroPage.tsx'), 'RetroPage');
const SkillsPage = page(() => import('./routes/skills/SkillsPage.tsx'), 'SkillsPage');
const ReviewCyclesPage = page(() => import('./routes/reviews/ReviewCyclesPage.tsx'), 'ReviewCyclesPage');
const ReviewCyclePage = page(() => import('./routes/reviews/ReviewCyclePage.tsx'), 'ReviewCyclePage');
const ParticipantPage = page(() => import('./routes/reviews/ParticipantPage.tsx'), 'ParticipantPage');
const ReviewPage = page(() => import('./routes/reviews/ReviewPage.tsx'), 'ReviewPage');
const ChatTargetsPage = page(() => import('./routes/workspace/ChatTargetsPage.tsx'), 'ChatTargetsPage');
const FeedbackInboxPage = page(() => import('./routes/feedback/FeedbackInboxPage.tsx'), 'FeedbackInboxPage');
const FeedbackItemPage = page(() => import('./routes/feedback/FeedbackItemPage.tsx'), 'FeedbackItemPage');
const FeedbackImportPage = page(
  () => import('./routes/feedback/FeedbackImportPage.tsx'),
  'FeedbackImportPage',
);
const FeedbackClustersPage = page(
  () => import('./routes/feedback/FeedbackClustersPage.tsx'),
  'FeedbackClustersPage',
);
const PortalPage = page(() => import('./routes/feedback/PortalPage.tsx'), 'PortalPage');
const PortalItemPage = page(() => import('./routes/feedback/PortalPage.tsx'), 'PortalItemPage');
const RatePage = page(() => import('./routes/feedback/RatePage.tsx'), 'RatePage');
const EmbedFeedbackPage = page(() => import('./routes/feedback/PortalPage.tsx'), 'EmbedFeedbackPage');
const EmbedSurveyPage = page(() => import('./routes/surveys/PublicSurveyPage.tsx'), 'EmbedSurveyPage');
const SurveysPage = page(() => import('./routes/surveys/SurveysPage.tsx'), 'SurveysPage');
const SurveyPage = page(() => import('./routes/surveys/SurveyPage.tsx'), 'SurveyPage');
const CompetitorsPage = page(() => import('./routes/competitors/CompetitorsPage.tsx'), 'CompetitorsPage');
const PublicSurveyPage = page(() => import('./routes/surveys/PublicSurveyPage.tsx'), 'PublicSurveyPage');
const NotFoundPage = page(() => import('./routes/errors/NotFoundPage.tsx'), 'NotFoundPage');

function Pages() {
  const { pathname } = useLocation();
  // Another page opens at its top, not at the scroll offset of the one the link was on (a link at the foot of the
  // overview). A change of the query only (a drawer's `?task=`, a filter) keeps the place. In braces: Chromium's
  // scrollTo returns a promise, which React would call as the effect's cleanup.
  useEffect(() => {
    window.scrollTo(0, 0);
  }, [pathname]);
  return (
    <Suspense fallback={<FullPageSpin />}>
      <Outlet />
    </Suspense>
  );
}

export const router = createBrowserRouter([
  {
    element: <Pages />,
    children: [
      { path: '/', element: <HomeRedirect /> },
      {
        element: <PublicOnly />,
        children: [
          { path: '/login', element: <LoginPage /> },
          { path: '/signup', element: <SignupPage /> },
        ],
      },
      { path: '/invite/:token', element: <InvitePage /> },
      { path: '/portal/:portalId', element: <PortalPage /> },
      { path: '/portal/:portalId/items/:itemId', element: <PortalItemPage /> },
      { path: '/portal/:portalId/rate', element: <RatePage /> },
      { path: '/survey/:surveyId', element: <PublicSurveyPage /> },
      { path: '/embed/feedback/:portalId', element: <EmbedFeedbackPage /> },
      { path: '/embed/survey/:surveyId', element: <EmbedSurveyPage /> },
      {
        element: <RequireAuth />,
        children: [
          { path: '/onboarding', element: <OnboardingPage /> },
          {
            element: <AppShell />,
            children: [
              { path: '/profile', element: <ProfilePage /> },
              { path: '/profile/notifications', element: <NotificationSettingsPage /> },
              {
                path: '/w/:workspaceId',
                element: <WorkspaceScopeRoute />,
                children: [
                  { index: true, element: <OverviewPage /> },
                  { path: 'goals', element: <GoalsPage /> },
                  { path: 'goals/:goalId', element: <GoalPage /> },
                  { path: 'kpis', element: <KpisPage /> },
                  { path: 'kpis/import', element: <ImportPage /> },
                  { path: 'kpis/:key', element: <KpiPage /> },
                  { path: 'tasks', element: <TasksPage /> },
                  { path: 'tasks/import', element: <ImportWbsPage /> },
                  { path: 'tasks/board', element: <BoardPage /> },
                  { path: 'tasks/timeline', element: <TimelinePage /> },
                  { path: 'tasks/calendar', element: <CalendarPage /> },
                  { path: 'raci', element: <RaciPage /> },
                  { path: 'workload', element: <WorkloadPage /> },
                  { path: 'routines', element: <RoutinesPage /> },
                  { path: 'processes', element: <ProcessesPage /> },
                  { path: 'processes/new', element: <ProcessNewPage /> },
                  { path: 'processes/:processId', element: <ProcessPage /> },
                  { path: 'processes/:processId/edit', element: <ProcessEditPage /> },
                  { path: 'processes/:processId/import', element: <ImportEventLogPage /> },
                  { path: 'processes/:processId/compare', element: <ProcessComparePage /> },
                  { path: 'runs/:runId', element: <RunPage /> },
                  { path: 'queue', element: <QueuePage /> },
                  { path: 'plan', element: <PlanPage /> },
                  { path: 'plan/new', element: <PlanTemplatePage /> },
                  { path: 'plan/yaml', element: <PlanYamlPage /> },
                  { path: 'plan/health', element: <PlanHealthPage /> },
                  { path: 'feedback', element: <FeedbackInboxPage /> },
                  { path: 'feedback/clusters', element: <FeedbackClustersPage /> },
                  { path: 'feedback/import', element: <FeedbackImportPage /> },
                  { path: 'feedback/:itemId', element: <FeedbackItemPage /> },
                  { path: 'surveys', element: <SurveysPage /> },
                  { path: 'surveys/:surveyId', element: <SurveyPage /> },
                  { path: 'competitors', element: <CompetitorsPage /> },
                  { path: 'reviews', element: <ReviewCyclesPage /> },
                  { path: 'reviews/:cycleId', element: <ReviewCyclePage /> },
                  { path: 'reviews/people/:participantId', element: <ParticipantPage /> },
                  { path: 'reviews/r/:reviewId', element: <ReviewPage /> },
                  { path: 'members', element: <MembersPage /> },
                  { path: 'audit', element: <AuditPage /> },
                  { path: 'activity', element: <ActivityPage /> },
                  { path: 'settings', element: <SettingsPage /> },
                  { path: 'settings/chat', element: <ChatTargetsPage /> },
                  { path: 'meetings', element: <MeetingsPage /> },
                  { path: 'meetings/:meetingId', element: <MeetingPage /> },
                  { path: 'retros', element: <RetrosPage /> },
                  { path: 'retros/:retroId', element: <RetroPage /> },
                  { path: 'skills', element: <SkillsPage /> },
                ],
              },
            ],
          },
        ],
      },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
