import { useState } from 'react';
import { NavLink, Route, Routes } from 'react-router';
import { NAVIGATION } from './navigation.js';
import { AddresseeDetailPage } from './pages/addressees/AddresseeDetailPage.js';
import { AddresseeFormPage } from './pages/addressees/AddresseeFormPage.js';
import { AddresseeSearchPage } from './pages/addressees/AddresseeSearchPage.js';
import { ResidentChangesPage } from './pages/addressees/ResidentChangesPage.js';
import { AuditPage } from './pages/AuditPage.js';
import { EnrolPage } from './pages/EnrolPage.js';
import { HomePage } from './pages/HomePage.js';
import { InventoryPage } from './pages/InventoryPage.js';
import { NotFoundPage } from './pages/NotFoundPage.js';
import { SignInPage } from './pages/SignInPage.js';
import { StaffDetailPage } from './pages/StaffDetailPage.js';
import { StaffListPage } from './pages/StaffListPage.js';
import { StatusPage } from './pages/StatusPage.js';
import { SessionProvider, useSession } from './session.js';
import { TaxCalculatorPage } from './pages/TaxCalculatorPage.js';
import { useApi } from './useApi.js';

interface Municipality {
  code: string;
  name: string;
  prefecture: string;
  isDemo: boolean;
}

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

function SignedIn() {
  const { can } = useSession();
  const visible = (permission: string | undefined) => permission === undefined || permission === 'authenticated' || can(permission);
  return (
    <div className="layout__body">
      <nav className="side-nav" aria-label="機能">
        {NAVIGATION.map((section) => (
          <section key={section.heading}>
            <h2 className="side-nav__heading">{section.heading}</h2>
            <ul>
              {section.items
                .filter((item) => visible(item.permission))
                .map((item) => (
                  <li key={item.label}>
                    {item.path ? (
                      <NavLink to={item.path} end={item.path === '/'} className="side-nav__link">
                        {item.label}
                      </NavLink>
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
      <main id="main" className="content" tabIndex={-1}>
        <Routes>
          <Route path="/" element={<HomePage />} />
          <Route path="/system/status" element={<StatusPage />} />
          <Route path="/admin/staff" element={<StaffListPage />} />
          <Route path="/admin/staff/:staffNo" element={<StaffDetailPage />} />
          <Route path="/admin/inventory" element={<InventoryPage />} />
          <Route path="/audit" element={<AuditPage />} />
          <Route path="/tax/calculator" element={<TaxCalculatorPage />} />
          <Route path="/addressees" element={<AddresseeSearchPage />} />
          <Route path="/addressees/new" element={<AddresseeFormPage />} />
          <Route path="/resident-changes" element={<ResidentChangesPage />} />
          <Route path="/addressees/:addresseeNo" element={<AddresseeDetailPage />} />
          <Route path="/addressees/:addresseeNo/edit" element={<AddresseeFormPage />} />
          <Route path="*" element={<NotFoundPage />} />
        </Routes>
      </main>
    </div>
  );
}
