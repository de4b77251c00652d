import { NavLink, Route, Routes } from 'react-router';
import { NAVIGATION } from './navigation.js';
import { HomePage } from './pages/HomePage.js';
import { NotFoundPage } from './pages/NotFoundPage.js';
import { StatusPage } from './pages/StatusPage.js';
import { TaxCalculatorPage } from './pages/TaxCalculatorPage.js';
import { useApi } from './useApi.js';

interface Municipality {
  code: string;
  name: string;
  prefecture: string;
  isDemo: boolean;
}

export function App() {
  const municipality = useApi<Municipality>('/api/v1/municipality');
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
      </header>
      <div className="layout__body">
        <nav className="side-nav" aria-label="機能">
          {NAVIGATION.map((section) => (
            <section key={section.heading}>
              <h2 className="side-nav__heading">{section.heading}</h2>
              <ul>
                {section.items.map((item) => (
                  <li key={item.label}>
                    {item.path ? (
                      <NavLink to={item.path} end className="side-nav__link">
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
            <Route path="/tax/calculator" element={<TaxCalculatorPage />} />
            <Route path="*" element={<NotFoundPage />} />
          </Routes>
        </main>
      </div>
    </div>
  );
}
