/**
 * @module The screens' frame: the header, the navigation and the route table of every screen with
 * the permission it needs, behind sign-in.
 */
import { useEffect, useRef, useState, type ReactNode, type RefObject } from 'react';
import { Link, Route, Routes, useLocation } from 'react-router';
import type { Permission } from '../../src/access/permissions.js';
import type { Municipality } from '../../src/municipality/model.js';
import { NAVIGATION, type NavigationItem } from './navigation.js';
import { AddresseeDetailPage } from './pages/addressees/AddresseeDetailPage.js';
import { AddresseeFormPage } from './pages/addressees/AddresseeFormPage.js';
import { AddresseeSearchPage } from './pages/addressees/AddresseeSearchPage.js';
import { ResidentChangesPage } from './pages/addressees/ResidentChangesPage.js';
import { DeletedVehiclesPage } from './pages/vehicles/DeletedVehiclesPage.js';
import { OwnerVehiclesPage } from './pages/vehicles/OwnerVehiclesPage.js';
import { MailingChecksPage } from './pages/mailing-checks/MailingChecksPage.js';
import { VehicleDetailPage } from './pages/vehicles/VehicleDetailPage.js';
import { VehicleRegistrationPage } from './pages/vehicles/VehicleRegistrationPage.js';
import { VehicleSearchPage } from './pages/vehicles/VehicleSearchPage.js';
import { VehicleImportsPage } from './pages/vehicle-imports/VehicleImportsPage.js';
import { AuditPage } from './pages/AuditPage.js';
import { EnrolPage } from './pages/EnrolPage.js';
import { ForbiddenPage } from './pages/ForbiddenPage.js';
import { HomePage } from './pages/HomePage.js';
import { InventoryPage } from './pages/InventoryPage.js';
import { NotFoundPage } from './pages/NotFoundPage.js';
import { SignInPage } from './pages/SignInPage.js';
import { StaffDetailPage } from './pages/StaffDetailPage.js';
import { StaffListPage } from './pages/StaffListPage.js';
import { StatusPage } from './pages/StatusPage.js';
import { SessionProvider, useSession } from './session.js';
import { TaxCalculatorPage } from './pages/TaxCalculatorPage.js';
import { PlateInventoryPage } from './pages/plates/PlateInventoryPage.js';
import { TaxLedgerPage } from './pages/tax-ledger/TaxLedgerPage.js';
import { useApi } from './useApi.js';
import { AssessmentPage } from './pages/assessment/AssessmentPage.js';

export function App() {
  return (
    <SessionProvider>
      <Shell />
    </SessionProvider>
  );
}

function Shell() {
  const municipality = useApi<Municipality>('/api/v1/municipality');
  const { current } = useSession();
  return (
    <div className="layout">
      <a className="skip-link" href="#main">
        本文へ移動
      </a>
      <header className="site-header">
        <div className="site-header__title">軽自動車税(種別割) 管理システム</div>
        <div className="site-header__municipality" aria-label="利用中の団体">
          {municipality.state === 'ready' ? (
            <>
              <span data-testid="municipality-name">
                {municipality.data.prefecture} {municipality.data.name}
              </span>
              <span className="site-header__code">団体コード {municipality.data.code}</span>
              {municipality.data.isDemo && <span className="badge badge--demo">デモデータ(架空)</span>}
            </>
          ) : municipality.state === 'failed' ? (
            <span role="alert">{municipality.problem.detail}</span>
          ) : (
            <span>読み込み中…</span>
          )}
        </div>
        {current.state === 'signed-in' && <StaffMenu />}
      </header>
      {current.state === 'loading' && <p className="content">読み込み中…</p>}
      {current.state === 'signed-out' && <SignedOut reason={current.reason} />}
      {current.state === 'signed-in' && <SignedIn />}
    </div>
  );
}

function SignedOut({ reason }: { reason: Parameters<typeof SignInPage>[0]['reason'] }) {
  const [enrolling, setEnrolling] = useState(false);
  return (
    <main id="main" className="content content--narrow" tabIndex={-1}>
      {enrolling ? <EnrolPage onBack={() => setEnrolling(false)} /> : <SignInPage reason={reason} onEnrol={() => setEnrolling(true)} />}
    </main>
  );
}

function StaffMenu() {
  const { current, signOut } = useSession();
  if (current.state !== 'signed-in') return null;
  const { session } = current;
  return (
    <div className="staff-menu" aria-label="サインイン中の職員">
      <span data-testid="staff-name">
        {session.name}({session.staffNo})
      </span>
      <span className="site-header__code">{session.roles.map((r) => r.name).join('・') || '役割なし'}</span>
      <button type="button" className="button button--secondary button--small" onClick={() => void signOut(false)}>
        サインアウト
      </button>
      <button type="button" className="link-button" onClick={() => void signOut(true)}>
        すべての端末から
      </button>
    </div>
  );
}

type ScreenAccess = Permission | 'authenticated';

/**
 * Every screen and the permission it needs, once: the navigation shows only the screens the
 * session's permissions open, and a screen reached by its URL without the permission says so
 * instead of offering a form the server would refuse.
 */
const SCREENS: { path: string; permission: ScreenAccess; element: ReactNode }[] = [
  { path: '/', permission: 'authenticated', element: <HomePage /> },
  { path: '/system/status', permission: 'authenticated', element: <StatusPage /> },
  { path: '/admin/staff', permission: 'staff.admin', element: <StaffListPage /> },
  { path: '/admin/staff/:staffNo', permission: 'staff.admin', element: <StaffDetailPage /> },
  { path: '/admin/inventory', permission: 'staff.inventory', element: <InventoryPage /> },
  { path: '/audit', permission: 'audit.read', element: <AuditPage /> },
  { path: '/tax/calculator', permission: 'tax.calculate', element: <TaxCalculatorPage /> },
  { path: '/addressees', permission: 'addressee.read', element: <AddresseeSearchPage /> },
  { path: '/addressees/new', permission: 'addressee.write', element: <AddresseeFormPage /> },
  { path: '/resident-changes', permission: 'resident.import', element: <ResidentChangesPage /> },
  { path: '/vehicle-imports', permission: 'vehicle.write', element: <VehicleImportsPage /> },
  { path: '/addressees/:addresseeNo', permission: 'addressee.read', element: <AddresseeDetailPage /> },
  { path: '/addressees/:addresseeNo/edit', permission: 'addressee.write', element: <AddresseeFormPage /> },
  { path: '/vehicles', permission: 'vehicle.read', element: <VehicleSearchPage /> },
  { path: '/vehicles/new', permission: 'vehicle.write', element: <VehicleRegistrationPage /> },
  { path: '/vehicles/:declarationNo', permission: 'vehicle.read', element: <VehicleDetailPage /> },
  { path: '/plates', permission: 'vehicle.read', element: <PlateInventoryPage /> },
  { path: '/vehicles/deleted', permission: 'vehicle.read', element: <DeletedVehiclesPage /> },
  { path: '/addressees/:addresseeNo/vehicles', permission: 'vehicle.read', element: <OwnerVehiclesPage /> },
  { path: '/tax-ledger', permission: 'levy.read', element: <TaxLedgerPage /> },
  { path: '/mailing-checks', permission: 'levy.assess', element: <MailingChecksPage /> },
  { path: '/assessment', permission: 'levy.assess', element: <AssessmentPage /> },
];

/**
 * The one menu item for a screen: the item whose path is the longest beginning of it, so
 * /vehicles/new lights 申告受付・標識交付 alone while /vehicles/2026-000123 lights 車両台帳.
 */
function activeNavigationPath(pathname: string): string | undefined {
  const paths = NAVIGATION.flatMap((section) => section.items.flatMap((item) => (item.path ? [item.path] : [])));
  const matching = paths.filter((path) => pathname === path || (path !== '/' && pathname.startsWith(`${path}/`)));
  return matching.sort((a, b) => b.length - a.length)[0];
}

function SignedIn() {
  const { can } = useSession();
  const allowed = (access: ScreenAccess | undefined) => access === 'authenticated' || (access !== undefined && can(access));
  const visible = (item: NavigationItem) => allowed(item.path === undefined ? item.plannedFor : SCREENS.find((screen) => screen.path === item.path)?.permission);
  const main = useRef<HTMLElement>(null);
  useFocusHeadingOnNavigation(main);
  const current = activeNavigationPath(useLocation().pathname);
  return (
    <div className="layout__body">
      <nav className="side-nav" aria-label="機能">
        {NAVIGATION.map((section) => (
          <section key={section.heading}>
            <h2 className="side-nav__heading">{section.heading}</h2>
            <ul>
              {section.items.filter(visible).map((item) => (
                <li key={item.label}>
                  {item.path ? (
                    <Link to={item.path} className={`side-nav__link${item.path === current ? ' active' : ''}`} aria-current={item.path === current ? 'page' : undefined}>
                      {item.label}
                    </Link>
                  ) : (
                    <span className="side-nav__link side-nav__link--soon" aria-disabled="true">
                      {item.label}
                      <span className="side-nav__soon">準備中</span>
                    </span>
                  )}
                </li>
              ))}
            </ul>
          </section>
        ))}
      </nav>
      <main id="main" ref={main} className="content" tabIndex={-1}>
        <Routes>
          {SCREENS.map(({ path, permission, element }) => (
            <Route key={path} path={path} element={permission === 'authenticated' || can(permission) ? element : <ForbiddenPage permission={permission} />} />
          ))}
          <Route path="*" element={<NotFoundPage />} />
        </Routes>
      </main>
    </div>
  );
}

/**
 * After moving to another screen the focus goes to its main heading (h1), so a screen reader
 * announces where the clerk now is and the keyboard starts from the top of the content; a
 * screen still loading gets the focus on its heading as soon as the heading appears.
 */
function useFocusHeadingOnNavigation(main: RefObject<HTMLElement | null>): void {
  const { pathname } = useLocation();
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const container = main.current;
    if (!container) return;
    const focusHeading = () => {
      const heading = container.querySelector('h1');
      if (!heading) return false;
      heading.tabIndex = -1;
      heading.focus();
      return true;
    };
    if (focusHeading()) return;
    const observer = new MutationObserver(() => focusHeading() && observer.disconnect());
    observer.observe(container, { childList: true, subtree: true });
    const giveUp = setTimeout(() => observer.disconnect(), 5000);
    return () => {
      observer.disconnect();
      clearTimeout(giveUp);
    };
  }, [pathname, main]);
}
