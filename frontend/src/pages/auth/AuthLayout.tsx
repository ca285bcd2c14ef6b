import type { ReactNode } from 'react';
import { Link } from '../../app/router';
import { useTitle } from '../../ui/ui';

/** The frame of the signed-out pages: a centred card under the product's name. */
export function AuthLayout({ title, children, footer }: { title: string; children: ReactNode; footer?: ReactNode }) {
  useTitle(title);
  return (
    <main className="auth-page">
      <div className="auth-card">
        <p className="brand">
          <Link to="/">AutoGraph</Link>
        </p>
        <h1>{title}</h1>
        {children}
        {footer && <div className="auth-footer">{footer}</div>}
      </div>
    </main>
  );
}
