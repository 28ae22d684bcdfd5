import { lazy, Suspense, useState } from 'react';
import { Button, Flex, Grid, Layout, Menu, theme, type MenuProps } from 'antd';
import {
  AimOutlined,
  ApartmentOutlined,
  AuditOutlined,
  RadarChartOutlined,
  BarChartOutlined,
  CheckSquareOutlined,
  ClusterOutlined,
  FieldTimeOutlined,
  FileTextOutlined,
  FundOutlined,
  HomeOutlined,
  InboxOutlined,
  MenuOutlined,
  ReadOutlined,
  RiseOutlined,
  ScheduleOutlined,
  FormOutlined,
  MessageOutlined,
  SettingOutlined,
  SyncOutlined,
  TableOutlined,
  TeamOutlined,
  TrophyOutlined,
} from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation, useMatch, useNavigate } from 'react-router';
import { can, isRole } from '../../../core/permissions/index.ts';
import { Logo } from '../../components/Logo.tsx';
import { FullPageSpin } from '../../components/FullPageSpin.tsx';
import { LanguageSwitch } from '../account/LanguageSwitch.tsx';
import { useMe } from '../account/hooks.ts';
import { lastWorkspaceId } from '../workspaces/lastWorkspace.ts';
import { NotificationBell } from '../notifications/NotificationBell.tsx';
import { GlobalSearch } from '../search/GlobalSearch.tsx';
import { UserMenu } from './UserMenu.tsx';
import { WorkspaceSwitcher } from './WorkspaceSwitcher.tsx';

// The phone and tablet menu's drawer loads on its first opening: the first screen carries the button.
const NavDrawer = lazy(() => import('./NavDrawer.tsx').then((module) => ({ default: module.NavDrawer })));

/**
 * Sider with the workspace's pages, header with workspace switcher, language and user menu. Below 992 px the
 * pages move into a drawer opened from the header's menu button, so the header never covers the page.
 */
export function AppShell() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const { data: me } = useMe();
  const workspaceMatch = useMatch('/w/:workspaceId/*');
  const routeWorkspaceId = workspaceMatch?.params.workspaceId ?? null;
  const workspaces = me?.workspaces ?? [];
  const current =
    workspaces.find((workspace) => workspace.id === (routeWorkspaceId ?? lastWorkspaceId())) ??
    (routeWorkspaceId ? undefined : workspaces[0]);
  const role = current && isRole(current.role) ? current.role : null;
  const { token } = theme.useToken();
  const screens = Grid.useBreakpoint();
  // Phones: a tighter header (menu button, switcher, bell, user); the language switch moves into the drawer.
  const isNarrow = screens.sm === false;
  const hasSider = screens.lg !== false;
  const [isMenuOpen, setMenuOpen] = useState(false);
  // Mounted from the first opening on, so closing keeps its chunk and animates out.
  const [wasMenuOpened, setMenuOpened] = useState(false);

  const base = current ? `/w/${current.id}` : null;
  const items: MenuProps['items'] = base
    ? [
        { key: base, icon: <HomeOutlined />, label: t('nav.overview') },
        { key: `${base}/activity`, icon: <FieldTimeOutlined />, label: t('activity.nav') },
        ...(role && can(role, 'goals.read')
          ? [{ key: `${base}/goals`, icon: <AimOutlined />, label: t('nav.goals') }]
          : []),
        ...(role && can(role, 'kpis.read')
          ? [{ key: `${base}/kpis`, icon: <FundOutlined />, label: t('nav.kpis') }]
          : []),
        ...(role && can(role, 'tasks.read')
          ? [
              { key: `${base}/tasks`, icon: <CheckSquareOutlined />, label: t('nav.tasks') },
              { key: `${base}/raci`, icon: <TableOutlined />, label: t('nav.raci') },
              { key: `${base}/workload`, icon: <BarChartOutlined />, label: t('nav.workload') },
              { key: `${base}/routines`, icon: <SyncOutlined />, label: t('nav.routines') },
            ]
          : []),
        ...(role && can(role, 'processes.read')
          ? [
              { key: `${base}/processes`, icon: <ApartmentOutlined />, label: t('nav.processes') },
              { key: `${base}/queue`, icon: <InboxOutlined />, label: t('nav.queue') },
            ]
          : []),
        ...(role && can(role, 'meetings.read')
          ? [{ key: `${base}/meetings`, icon: <ScheduleOutlined />, label: t('meetings.title') }]
          : []),
        ...(role && can(role, 'retros.read')
          ? [{ key: `${base}/retros`, icon: <RiseOutlined />, label: t('retros.nav') }]
          : []),
        ...(role && can(role, 'training.read')
          ? [{ key: `${base}/skills`, icon: <ReadOutlined />, label: t('skills.nav') }]
          : []),
        ...(role && can(role, 'reviews.read')
          ? [{ key: `${base}/reviews`, icon: <TrophyOutlined />, label: t('reviews.nav') }]
          : []),
        ...(role && can(role, 'feedback.read')
          ? [
              { key: `${base}/feedback`, icon: <MessageOutlined />, label: t('feedback.nav') },
              {
                key: `${base}/feedback/clusters`,
                icon: <ClusterOutlined />,
                label: t('feedback.navClusters'),
              },
              { key: `${base}/surveys`, icon: <FormOutlined />, label: t('surveys.nav') },
              { key: `${base}/competitors`, icon: <RadarChartOutlined />, label: t('competitors.nav') },
            ]
          : []),
        ...(role && can(role, 'documents.read')
          ? [{ key: `${base}/plan`, icon: <FileTextOutlined />, label: t('nav.plan') }]
          : []),
        { key: `${base}/members`, icon: <TeamOutlined />, label: t('nav.members') },
        ...(role && can(role, 'audit.read')
          ? [{ key: `${base}/audit`, icon: <AuditOutlined />, label: t('nav.audit') }]
          : []),
        ...(role && can(role, 'workspace.update')
          ? [{ key: `${base}/settings`, icon: <SettingOutlined />, label: t('nav.settings') }]
          : []),
      ]
    : [];

  // A page below a menu entry (a goal, a KPI) keeps that entry selected.
  const path = location.pathname.replace(/\/$/, '');
  // A case belongs under its process list.
  const menuPath = path.replace(/^(\/w\/[^/]+)\/runs(\/|$).*/, '$1/processes');
  const selectedKey =
    (items ?? [])
      .map((item) => String(item?.key ?? ''))
      .filter((key) => key !== '' && (menuPath === key || menuPath.startsWith(`${key}/`)))
      .sort((a, b) => b.length - a.length)[0] ?? path;

  // Planning views (board, timeline, matrices) use the whole width; reading pages keep a comfortable measure.
  const isWide = /\/w\/[^/]+\/(tasks|raci|workload)(\/|$)/.test(path);

  const brand = (
    <Flex align="center" gap={10} style={{ height: 64, padding: '0 20px' }}>
      <Logo />
      {/* Plain text, not Typography: that would bring its editor (Input, TextArea) to the first screen. */}
      <span style={{ fontSize: 18, fontWeight: 600, color: token.colorText }}>OpsPlan</span>
    </Flex>
  );
  const menu = (
    <Menu
      mode="inline"
      items={items}
      selectedKeys={[selectedKey]}
      onClick={({ key }) => {
        setMenuOpen(false);
        void navigate(key);
      }}
      style={{ borderInlineEnd: 'none' }}
    />
  );

  return (
    <Layout style={{ minHeight: '100vh' }}>
      {hasSider ? (
        <Layout.Sider width={220} theme="light" style={{ borderInlineEnd: '1px solid #f0f0f0' }}>
          {brand}
          {menu}
        </Layout.Sider>
      ) : wasMenuOpened ? (
        <Suspense fallback={null}>
          <NavDrawer isOpen={isMenuOpen} onClose={() => setMenuOpen(false)}>
            {brand}
            {menu}
            {isNarrow ? (
              <div style={{ padding: '16px 24px' }}>
                <LanguageSwitch size="small" />
              </div>
            ) : null}
          </NavDrawer>
        </Suspense>
      ) : null}
      <Layout style={{ minWidth: 0 }}>
        <Layout.Header
          className="app-header"
          style={{
            background: '#fff',
            padding: isNarrow ? '0 8px' : '0 24px',
            borderBottom: '1px solid #f0f0f0',
            display: 'flex',
            alignItems: 'center',
            justifyContent: 'space-between',
            gap: isNarrow ? 4 : 16,
          }}
        >
          <Flex align="center" gap={isNarrow ? 4 : 12} style={{ minWidth: 0, flex: '1 1 auto' }}>
            {hasSider ? null : (
              <Button
                type="text"
                icon={<MenuOutlined />}
                aria-label={t('shell.openMenu')}
                data-testid="nav-menu-button"
                onClick={() => {
                  setMenuOpen(true);
                  setMenuOpened(true);
                }}
              />
            )}
            <WorkspaceSwitcher current={current ?? null} workspaces={workspaces} />
          </Flex>
          <Flex align="center" gap={isNarrow ? 4 : 16} style={{ flex: 'none' }}>
            {current ? <GlobalSearch workspaceId={current.id} isNarrow={isNarrow} /> : null}
            {isNarrow ? null : <LanguageSwitch size="small" />}
            {current ? <NotificationBell workspaceId={current.id} /> : null}
            {me ? <UserMenu name={me.user.name} email={me.user.email} /> : null}
          </Flex>
        </Layout.Header>
        <Layout.Content style={{ padding: isNarrow ? '16px 12px' : 24, background: '#f5f7fa', minWidth: 0 }}>
          <div style={{ maxWidth: isWide ? 1680 : 1200, margin: '0 auto' }}>
            <Suspense fallback={<FullPageSpin />}>
              <Outlet />
            </Suspense>
          </div>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
