import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Router } from 'wouter';
import '../styles.css';
import { AccountProvider } from '../ui/account.tsx';
import { App } from './App.tsx';

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <Router base="/console">
      <AccountProvider>
        <App />
      </AccountProvider>
    </Router>
  </StrictMode>,
);
