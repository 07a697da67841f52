import { Navigate, Route, Routes } from 'react-router-dom';
import { Layouts, Page } from '@strapi/strapi/admin';
import { SubNav } from '@strapi/strapi/admin';
import { useStaffPermissions } from '../permissions';
import { useT } from '../t';
import { Overview } from './Overview';
import { ClientsPage } from './ClientsPage';
import { ClientPage } from './ClientPage';
import { TicketsPage } from './TicketsPage';
import { AuditPage } from './AuditPage';
import { TriagePage } from './TriagePage';
import { MailPage } from './MailPage';
import { CategoriesPage } from './CategoriesPage';
import { OrdersPage } from './OrdersPage';

/**
 * The plugin's pages, with a side menu as the content manager has: each entry shows
 * only to a role holding its read permission, and each page says so when reached
 * without it.
 */
const App = () => {
  const staff = useStaffPermissions();
  const t = useT();
  if (!staff.any) return <Page.NoPermissions />;
  const links = [
    { to: 'clients', label: t('nav.clients'), shown: staff.can('profile') },
    { to: 'tickets', label: t('nav.tickets'), shown: staff.can('tickets') },
    { to: 'orders', label: t('nav.orders'), shown: staff.can('orders') },
    { to: 'triage', label: t('nav.triage'), shown: staff.can('triage') },
    { to: 'categories', label: t('nav.categories'), shown: staff.can('categories') },
    { to: 'mail', label: t('nav.mail'), shown: staff.can('mail') },
    { to: 'audit', label: t('nav.audit'), shown: staff.can('audit') },
    { to: 'overview', label: t('nav.overview'), shown: true },
  ].filter((link) => link.shown);

  const sideNav = (
    <SubNav.Main aria-label={t('plugin.name')}>
      <SubNav.Header label={t('plugin.name')} />
      <SubNav.Content>
        {links.map((link) => (
          <SubNav.Link key={link.to} to={link.to} label={link.label} />
        ))}
      </SubNav.Content>
    </SubNav.Main>
  );

  return (
    <Layouts.Root sideNav={sideNav}>
      <Routes>
        <Route index element={<Navigate to={links[0].to} replace />} />
        <Route path="overview" element={<Overview />} />
        <Route path="clients" element={staff.can('profile') ? <ClientsPage /> : <Page.NoPermissions />} />
        <Route path="clients/:clientId/*" element={staff.can('profile') ? <ClientPage /> : <Page.NoPermissions />} />
        <Route path="tickets" element={staff.can('tickets') ? <TicketsPage /> : <Page.NoPermissions />} />
        <Route path="tickets/:reference" element={staff.can('tickets') ? <TicketsPage /> : <Page.NoPermissions />} />
        <Route path="triage" element={staff.can('triage') ? <TriagePage /> : <Page.NoPermissions />} />
        <Route path="triage/:mailId" element={staff.can('triage') ? <TriagePage /> : <Page.NoPermissions />} />
        <Route path="orders" element={staff.can('orders') ? <OrdersPage /> : <Page.NoPermissions />} />
        <Route path="orders/:orderId" element={staff.can('orders') ? <OrdersPage /> : <Page.NoPermissions />} />
        <Route path="categories" element={staff.can('categories') ? <CategoriesPage /> : <Page.NoPermissions />} />
        <Route path="categories/:categoryId" element={staff.can('categories') ? <CategoriesPage /> : <Page.NoPermissions />} />
        <Route path="mail" element={staff.can('mail') ? <MailPage /> : <Page.NoPermissions />} />
        <Route path="audit" element={staff.can('audit') ? <AuditPage /> : <Page.NoPermissions />} />
        <Route path="*" element={<Page.Error />} />
      </Routes>
    </Layouts.Root>
  );
};

export { App };
export default App;
