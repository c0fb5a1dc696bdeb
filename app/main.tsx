import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import './styles.css';

const rootElement = document.getElementById('root');
if (!rootElement) throw new Error('index.html has no #root element to mount Streamlab into.');

createRoot(rootElement).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
