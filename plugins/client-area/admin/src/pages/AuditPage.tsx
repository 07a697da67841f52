import { Layouts, Page } from '@strapi/strapi/admin';
import { useT } from '../t';
import { AuditLog } from '../components/AuditLog';

/** The whole audit log. */
const AuditPage = () => {
  const t = useT();
  return (
    <Page.Main>
      <Page.Title>{t('audit.title')}</Page.Title>
      <Layouts.Header title={t('audit.title')} subtitle={t('audit.subtitle')} />
      <Layouts.Content>
        <AuditLog />
      </Layouts.Content>
    </Page.Main>
  );
};

export { AuditPage };
export default AuditPage;
