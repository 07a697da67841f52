import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { HashRouter } from 'react-router-dom';
import { DesignSystemProvider, lightTheme } from '@strapi/design-system';
import { App } from './App';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <DesignSystemProvider locale={navigator.language || 'en'} theme={lightTheme}>
      <HashRouter>
        <App />
      </HashRouter>
    </DesignSystemProvider>
  </StrictMode>,
);
