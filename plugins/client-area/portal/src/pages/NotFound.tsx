import { Page, To } from '../components';

export function NotFound() {
  return (
    <Page title="Page not found" lead="There is no such page in the client area.">
      <To to="/">Back to your clients</To>
    </Page>
  );
}
