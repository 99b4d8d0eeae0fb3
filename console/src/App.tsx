/**
 * The console's shell: a skip link, the navigation and one page, chosen by the URL fragment
 * (`#/verify`), so the gateway serves a single file and every page can be bookmarked. Public
 * pages are always listed; staff pages once signed in; the regulator's pages for auditors.
 */
import { useEffect, useState, useSyncExternalStore, type ReactNode } from 'react';
import { session } from './session';
import { AuditView } from './views/AuditView';
import { BudgetView } from './views/BudgetView';
import { CredentialsView } from './views/CredentialsView';
import { FeedView } from './views/FeedView';
import { LedgerView } from './views/LedgerView';
import { NetworkView } from './views/NetworkView';
import { ParcelView } from './views/ParcelView';
import { PermitsView } from './views/PermitsView';
import { RegisterParcelView } from './views/RegisterParcelView';
import { ShipmentsView } from './views/ShipmentsView';
import { SignInView } from './views/SignInView';
import { VerifyView } from './views/VerifyView';

interface Page {
  readonly path: string;
  readonly title: string;
  readonly who: 'public' | 'staff' | 'auditor';
  readonly render: () => ReactNode;
}

const go = (path: string) => {
  window.location.hash = `#${path}`;
};

const PAGES: readonly Page[] = [
  { path: '/verify', title: 'Verify a credential', who: 'public', render: () => <VerifyView /> },
  { path: '/parcels', title: 'Parcels', who: 'public', render: () => <ParcelView /> },
  { path: '/budget', title: 'Budget', who: 'public', render: () => <BudgetView /> },
  { path: '/register-parcel', title: 'Register a parcel', who: 'staff', render: () => <RegisterParcelView /> },
  { path: '/credentials', title: 'Credentials', who: 'staff', render: () => <CredentialsView /> },
  { path: '/permits', title: 'Permits', who: 'staff', render: () => <PermitsView /> },
  { path: '/shipments', title: 'Shipments', who: 'staff', render: () => <ShipmentsView /> },
  { path: '/feed', title: 'Live events', who: 'staff', render: () => <FeedView /> },
  { path: '/ledger', title: 'Ledger', who: 'auditor', render: () => <LedgerView /> },
  { path: '/audit', title: 'Integrity audit', who: 'auditor', render: () => <AuditView /> },
  { path: '/network', title: 'Network', who: 'auditor', render: () => <NetworkView /> },
];

const SIGN_IN: Page = {
  path: '/sign-in',
  title: 'Sign in',
  who: 'public',
  render: () => <SignInView onSignedIn={(roles) => go(roles.includes('auditor') ? '/ledger' : '/register-parcel')} />,
};

function useHash(): string {
  const [hash, setHash] = useState(window.location.hash);
  useEffect(() => {
    const update = () => setHash(window.location.hash);
    window.addEventListener('hashchange', update);
    return () => window.removeEventListener('hashchange', update);
  }, []);
  return hash.replace(/^#/, '') || '/verify';
}

export function App() {
  const path = useHash();
  const who = useSyncExternalStore(session.subscribe, () => sessionStorage.getItem('city-ledger.who'));
  const roles = session.who()?.roles ?? [];
  const visible = PAGES.filter((p) => p.who === 'public' || (who !== null && (p.who === 'staff' ? !roles.includes('auditor') : roles.includes('auditor'))));
  const page = [...visible, SIGN_IN].find((p) => p.path === path) ?? SIGN_IN;

  useEffect(() => {
    document.title = `${page.title} · City Ledger`;
    document.getElementById('main')?.focus();
  }, [page]);

  return (
    <>
      <a className="skip" href="#main" onClick={(e) => { e.preventDefault(); document.getElementById('main')?.focus(); }}>
        Skip to content
      </a>
      <header>
        <p className="brand">City Ledger</p>
        <nav aria-label="Pages">
          <ul>
            {[...visible, { ...SIGN_IN, title: who === null ? 'Sign in' : 'Account' }].map((p) => (
              <li key={p.path}>
                <a href={`#${p.path}`} aria-current={p.path === page.path ? 'page' : undefined}>
                  {p.title}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      <main id="main" tabIndex={-1}>
        {page.render()}
      </main>
    </>
  );
}
